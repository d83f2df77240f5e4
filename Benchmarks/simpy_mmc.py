#!/usr/bin/env python3
"""SimPy reference for wardsim-bench's M/M/10 figure.

The same model as `mmc_customers_per_second` in wardsim-bench: Poisson
arrivals at rate lambda = 9, ten servers, exponential service at rate mu = 1
(utilisation 0.9), first come first served, written the idiomatic SimPy way
(one process per customer, a `Resource` of capacity 10). It runs until N
customers have been served and prints one JSON object:

    {"simpy_customers_per_second": ..., "customers": N, ...}

Usage:
    python3 Benchmarks/simpy_mmc.py [N] [--repetitions R] [--wall-clock]

N defaults to 1 000 000. With R > 1 the best (fastest) repetition is
reported, as wardsim-bench does. Like wardsim-bench, it times CPU time of
the process by default (the machines are shared: elapsed time mostly
measures the scheduler), elapsed time with --wall-clock. The mean wait is printed next to the exact
Erlang-C value so a broken model shows at a glance.
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

ARRIVAL_RATE = 9.0
SERVICE_RATE = 1.0
SERVERS = 10


def erlang_c_wait(lam, mu, c):
    """Exact mean wait in queue (Wq) of M/M/c, via the Erlang-C formula."""
    a = lam / mu
    rho = a / c
    term, total = 1.0, 1.0
    for k in range(1, c):
        term *= a / k
        total += term
    last = term * a / c / (1 - rho)
    p_wait = last / (total + last)
    return p_wait / (c * mu - lam)


def run(customers, seed, clock):
    env = simpy.Environment()
    servers = simpy.Resource(env, capacity=SERVERS)
    rng = random.Random(seed)
    state = {"served": 0, "wait": 0.0}
    done = env.event()

    def customer(env):
        arrived = env.now
        with servers.request() as req:
            yield req
            state["wait"] += env.now - arrived
            yield env.timeout(rng.expovariate(SERVICE_RATE))
        state["served"] += 1
        if state["served"] == customers:
            done.succeed()

    def source(env):
        for _ in range(customers):
            yield env.timeout(rng.expovariate(ARRIVAL_RATE))
            env.process(customer(env))

    env.process(source(env))
    start = clock()
    env.run(until=done)
    elapsed = clock() - start
    return elapsed, state["wait"] / state["served"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("customers", nargs="?", type=int, default=1_000_000)
    parser.add_argument("--repetitions", type=int, default=1)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--wall-clock", action="store_true",
                        help="time elapsed time instead of process CPU time")
    args = parser.parse_args()
    clock = time.perf_counter if args.wall_clock else time.process_time

    best, mean_wait = math.inf, float("nan")
    for rep in range(args.repetitions):
        elapsed, wait = run(args.customers, args.seed + rep, clock)
        if elapsed < best:
            best, mean_wait = elapsed, wait
    print(json.dumps({
        "simpy_customers_per_second": round(args.customers / best),
        "customers": args.customers,
        "repetitions": args.repetitions,
        "timing": "wall_clock" if args.wall_clock else "process_cpu_time",
        "seconds": round(best, 3),
        "mean_wait": round(mean_wait, 4),
        "mean_wait_exact": round(erlang_c_wait(ARRIVAL_RATE, SERVICE_RATE, SERVERS), 4),
        "simpy_version": simpy.__version__,
        "python_version": sys.version.split()[0],
    }))


if __name__ == "__main__":
    main()
