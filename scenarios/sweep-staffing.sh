#!/usr/bin/env bash
# Staffing sweep for planners: how do waiting times at 小倉北区's citizen
# section (市民課) change with the number of counter staff and with the share
# of move-ins who book a counter slot? Runs every combination on the
# baseline and writes the results as CSV for a spreadsheet.
#
#   scenarios/sweep-staffing.sh                       # → staffing.sqlite, staffing.csv
#   scenarios/sweep-staffing.sh my.sqlite my.csv
#   WARDSIM=/usr/local/bin/wardsim scenarios/sweep-staffing.sh
#   RESUME=1 scenarios/sweep-staffing.sh              # finish a sweep that was stopped
#
# Copy this file and change the --vary lines to sweep other settings; any
# scenario value can be varied (see scenarios/README.md, "--set").
set -euo pipefail

# Run from the repository root, so the scenario paths below work from anywhere.
cd "$(dirname "$0")/.."

# The wardsim command: an installed binary, or built from this checkout.
WARDSIM=${WARDSIM:-"swift run -c release wardsim"}
DB=${1:-staffing.sqlite}
CSV=${2:-staffing.csv}

# One sweep per file, so it is sweep 1. A stopped sweep (Ctrl-C, a crash, a
# reboot) keeps every finished point: RESUME=1 runs only the rest.
if [[ -e "$DB" && "${RESUME:-0}" != 1 ]]; then
    echo "$DB exists: RESUME=1 $0 finishes its sweep; or remove it to start again" >&2
    exit 1
fi

# The grid, 4 × 3 = 12 points, 20 replications each (same random numbers at
# every point, so differences between points are due to the settings):
# - counter staff of the first lunch wave: 3 to 6 people (the baseline has 4,
#   in each of three waves; 14 windows so that six have a seat);
# - reservations switched on, and 0 %, 20 % or 40 % of move-ins booking a slot.
# Points run in parallel on every core; one line per finished point is printed.
$WARDSIM sweep scenarios/baseline.yaml \
    --set 'offices.小倉北区.sections.citizen.counters=14' \
    --set 'interventions.reservations={}' \
    --vary 'offices.小倉北区.sections.citizen.staff[0].count=3:6:1' \
    --vary 'procedures.move_in.channels.booked=0%:40%:20%' \
    --replications 20 --days ordinary \
    --resume --db "$DB"

# Long-form CSV: one row per point and KPI, with a column per varied setting
# and the mean, sd and 95 % interval. Filter kpi = wait_mean, scope = city
# in a spreadsheet for the headline.
$WARDSIM export --sweep 1 --format csv --db "$DB" > "$CSV"
echo "results: $CSV (all runs: $DB)" >&2
