#!/bin/sh
# Regenerates the reports of the shipped scenarios in this folder:
#
#   ordinary-day.html / ordinary-day.en.html   baseline vs each reform vs the smart ward office,
#                                              on an ordinary weekday
#   peak-season.html  / peak-season.en.html    baseline vs smart ward office on a March/April peak day
#   markdown/                                  the same reports (Japanese) as Markdown with SVG figures
#
# Usage (from anywhere):  sh reports/make-reports.sh [replications]
#
# The runs go to a temporary run store that is deleted afterwards, so the
# reports depend only on the scenarios, the seed they share and the
# replication count (default 40). Takes a minute or two after the release
# build.
set -eu

cd "$(dirname "$0")/.."
replications="${1:-40}"

swift build -c release --product wardsim
wardsim="$(swift build -c release --show-bin-path)/wardsim"

store="$(mktemp -d)"
trap 'rm -rf "$store"' EXIT INT TERM
db="$store/reports.sqlite"

ordinary="scenarios/baseline.yaml scenarios/reservations.yaml scenarios/no-writing.yaml \
scenarios/ai-consultation.yaml scenarios/convenience-store.yaml scenarios/online-backoffice.yaml \
scenarios/smart-ward-office.yaml"
peak="scenarios/baseline-peak.yaml scenarios/smart-ward-office-peak.yaml"

# Comparison 1: the ordinary day; comparison 2: the peak day (a fresh store numbers them so).
# shellcheck disable=SC2086
"$wardsim" compare $ordinary -r "$replications" --db "$db" --report reports/ordinary-day.html > /dev/null
# shellcheck disable=SC2086
"$wardsim" compare $peak -r "$replications" --db "$db" --report reports/peak-season.html > /dev/null

"$wardsim" report --compare 1 --db "$db" --lang en -o reports/ordinary-day.en.html
"$wardsim" report --compare 2 --db "$db" --lang en -o reports/peak-season.en.html

rm -rf reports/markdown
"$wardsim" report --compare 1 --db "$db" -o reports/markdown/ordinary-day.md
"$wardsim" report --compare 2 --db "$db" -o reports/markdown/peak-season.md
