#!/usr/bin/env python3
"""SimPy reference for wardsim-bench's simple ward day (`ward_simple`).

The model of `Benchmarks/simple-ward-day.yaml`, written the idiomatic SimPy
way (one process per citizen, one `Resource` per station):

- doors open 08:30-17:15 (525 minutes); Poisson arrivals, 500 a day on
  average at a constant rate; everyone who came in before closing is served;
- three kinds of citizen: certificate 60 %, move-in 25 %, insurance 15 %;
- station 1, the interview counter: 9 clerks, FIFO; lognormal service with
  mean 4 / 15 / 10 minutes and coefficient of variation 0.6;
- station 2, issue and cashier: 3 clerks, FIFO; lognormal, mean 2 / 3 / 3
  minutes, cv 0.6.

It simulates DAYS independent days back to back and prints one JSON object:

    {"simpy_ward_citizens_per_second": ..., "citizens": ..., "mean_wait": ...}

Usage:
    python3 Benchmarks/simpy_ward.py [DAYS] [--repetitions R] [--wall-clock]

DAYS defaults to 200 (about 100 000 citizens). Times process CPU time by
default, elapsed time with --wall-clock; with R > 1 the best repetition
counts. The mean wait (both stations, minutes) should agree with
`wardsim run Benchmarks/simple-ward-day.yaml` within sampling error, which
shows the two are the same model.
"""
import argparse
import json
import math
import random
import sys
import time

try:
    import simpy
except ImportError:  # compare.sh checks for this before calling us
    sys.stderr.write("simpy is not installed (pip install simpy)\n")
    sys.exit(2)

OPEN_MINUTES = 525.0
VISITS_PER_DAY = 500.0
COUNTER_CLERKS = 9
CASHIERS = 3
CV = 0.6
# (share, counter mean, issue mean), minutes
KINDS = [(0.60, 4.0, 2.0), (0.25, 15.0, 3.0), (0.15, 10.0, 3.0)]


def lognormal_parameters(mean, cv):
    s2 = math.log(1 + cv * cv)
    return math.log(mean) - s2 / 2, math.sqrt(s2)


PARAMS = [(share, lognormal_parameters(c, CV), lognormal_parameters(i, CV)) for share, c, i in KINDS]


def run_day(rng, totals):
    env = simpy.Environment()
    counter = simpy.Resource(env, capacity=COUNTER_CLERKS)
    cashier = simpy.Resource(env, capacity=CASHIERS)

    def citizen(env, counter_time, issue_time):
        arrived = env.now
        with counter.request() as req:
            yield req
            waited = env.now - arrived
            yield env.timeout(counter_time)
        queued = env.now
        with cashier.request() as req:
            yield req
            waited += env.now - queued
            yield env.timeout(issue_time)
        totals["served"] += 1
        totals["wait"] += waited

    def arrivals(env):
        rate = VISITS_PER_DAY / OPEN_MINUTES
        while True:
            gap = rng.expovariate(rate)
            if env.now + gap >= OPEN_MINUTES:
                return
            yield env.timeout(gap)
            u = rng.random()
            for share, (cm, cs), (im, isd) in PARAMS:
                if u < share:
                    break
                u -= share
            env.process(citizen(env, rng.lognormvariate(cm, cs), rng.lognormvariate(im, isd)))

    env.process(arrivals(env))
    env.run()


def run(days, seed, clock):
    rng = random.Random(seed)
    totals = {"served": 0, "wait": 0.0}
    start = clock()
    for _ in range(days):
        run_day(rng, totals)
    return clock() - start, totals


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("days", nargs="?", type=int, default=200)
    parser.add_argument("--repetitions", type=int, default=1)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--wall-clock", action="store_true",
                        help="time elapsed time instead of process CPU time")
    args = parser.parse_args()
    clock = time.perf_counter if args.wall_clock else time.process_time

    best, best_totals = math.inf, None
    for rep in range(args.repetitions):
        elapsed, totals = run(args.days, args.seed + rep, clock)
        if elapsed < best:
            best, best_totals = elapsed, totals
    print(json.dumps({
        "simpy_ward_citizens_per_second": round(best_totals["served"] / best),
        "citizens": best_totals["served"],
        "days": args.days,
        "repetitions": args.repetitions,
        "timing": "wall_clock" if args.wall_clock else "process_cpu_time",
        "seconds": round(best, 3),
        "mean_wait": round(best_totals["wait"] / best_totals["served"], 3),
        "simpy_version": simpy.__version__,
        "python_version": sys.version.split()[0],
    }))


if __name__ == "__main__":
    main()
