#!/usr/bin/env python3
"""The Dask peer of the taskbeam benchmark suite (started by benchmarks/run, see Suite.java).

Runs the suite's workloads on a Dask distributed LocalCluster of N single-threaded worker
processes, bound to 127.0.0.1 on free ports with no dashboard, and prints one line per measured
run in the suite's CSV format, prefixed with ROW,:

    ROW,workload,size,dask,workers,run,seconds,gflops,tasks_per_s,kernel

Workloads are given as name:size:block (seed1000 and matmul: the same blocked product as
taskbeam's, C[i][j] = C[i][j] + A[i][k] @ B[k][j] chained over k; tiny: size tasks adding one).
Time runs from scattering the blocks (or submitting the tasks) to the result back in this
process, after one warm-up run per kind of workload. Every result is checked.
"""
import argparse
import os
import sys
import time

import numpy as np
from dask.distributed import Client, LocalCluster, wait

TOLERANCE = 1e-9


def multiply_accumulate(a, b, c):
    """One task of the blocked product: a new C block (Dask values are immutable)."""
    return c + a @ b


def zeros(rows, cols):
    return np.zeros((rows, cols))


def next_int(i):
    return i + 1


def blocked_product(client, a, b, block):
    n = a.shape[0]
    edges = list(range(0, n, block))
    grid = len(edges)
    pieces = []
    for x in (a, b):
        for i in edges:
            for j in edges:
                pieces.append(x[i:i + block, j:j + block])
    futures = client.scatter(pieces, broadcast=False)
    blocks_a = futures[:grid * grid]
    blocks_b = futures[grid * grid:]
    blocks_c = []
    for i in range(grid):
        for j in range(grid):
            rows = min(block, n - edges[i])
            cols = min(block, n - edges[j])
            c = client.submit(zeros, rows, cols, pure=False)
            for k in range(grid):
                c = client.submit(multiply_accumulate, blocks_a[i * grid + k],
                                  blocks_b[k * grid + j], c, pure=False)
            blocks_c.append(c)
    values = client.gather(blocks_c)
    return np.block([[values[i * grid + j] for j in range(grid)] for i in range(grid)])


def check_product(a, b, c, what):
    rng = np.random.default_rng(c.shape[0])
    for _ in range(2):
        x = rng.uniform(-1, 1, c.shape[1])
        expected = a @ (b @ x)
        error = np.max(np.abs(c @ x - expected)) / np.max(np.abs(expected))
        if not error <= TOLERANCE:
            raise SystemExit(f"{what}: wrong product, relative error {error}")


def tiny_tasks(client, n):
    futures = client.map(next_int, range(n), pure=False)
    results = client.gather(futures)
    if results != list(range(1, n + 1)):
        raise SystemExit(f"tiny {n}: wrong results")


def measure(client, name, size, block, inputs):
    start = time.perf_counter()
    if name == "tiny":
        tiny_tasks(client, size)
        return time.perf_counter() - start
    a, b = inputs
    c = blocked_product(client, a, b, block)
    seconds = time.perf_counter() - start
    check_product(a, b, c, f"dask {name}:{size}:{block}")
    return seconds


def blas_name():
    """The BLAS numpy is running on, from the libraries mapped into this process."""
    np.ones((64, 64)) @ np.ones((64, 64))
    try:
        with open("/proc/self/maps") as maps:
            text = maps.read()
    except OSError:
        return "numpy"
    return "numpy-openblas" if "openblas" in text else "numpy-blas"


def row(name, size, workers, run, seconds, block, kernel):
    if name == "tiny":
        gflops, rate, kernel = "", f"{size / seconds:.2f}", "none"
    else:
        grid = -(-size // block)
        gflops = f"{2.0 * size ** 3 / seconds / 1e9:.2f}"
        rate = f"{grid ** 3 / seconds:.2f}"
    return f"ROW,{name},{size},dask,{workers},{run},{seconds:.4f},{gflops},{rate},{kernel}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--workers", type=int, required=True)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--workloads", required=True, help="name:size:block,...")
    args = parser.parse_args()
    workloads = []
    for spec in args.workloads.split(","):
        name, size, block = spec.split(":")
        workloads.append((name, int(size), int(block)))
    # One BLAS thread per worker process, as taskbeam's kernel uses per task slot.
    os.environ["OPENBLAS_NUM_THREADS"] = "1"
    kernel = blas_name()
    with LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True,
                      host="127.0.0.1", scheduler_port=0, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        print(f"config dask x{args.workers}, kernel: {kernel}", flush=True)
        warm = set()
        for name, size, block in workloads:
            rng = np.random.default_rng(42)
            inputs = None if name == "tiny" else (rng.uniform(-1, 1, (size, size)),
                                                  rng.uniform(-1, 1, (size, size)))
            kind = name == "tiny"
            if kind not in warm:
                warm.add(kind)
                if kind:
                    measure(client, "tiny", 1000, 0, None)
                else:
                    small = (rng.uniform(-1, 1, (512, 512)), rng.uniform(-1, 1, (512, 512)))
                    measure(client, "matmul", 512, 128, small)
            for run in range(1, args.runs + 1):
                seconds = measure(client, name, size, block, inputs)
                print(row(name, size, args.workers, run, seconds, block, kernel), flush=True)
                client.run(lambda: None)  # all workers still answer
    return 0


if __name__ == "__main__":
    sys.exit(main())
