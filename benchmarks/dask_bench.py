#!/usr/bin/env python3
"""The Dask peer of the taskbeam benchmark suite (started by benchmarks/run, see Suite.java).

Runs the suite's workloads on a Dask distributed LocalCluster of N single-threaded worker
processes, bound to 127.0.0.1 on free ports with no dashboard, and prints one line per measured
run in the suite's CSV format, prefixed with ROW,:

    ROW,workload,size,dask,workers,run,seconds,gflops,tasks_per_s,kernel

Workloads are given as name:size:block (seed1000 and matmul: the same blocked product as
taskbeam's, C[i][j] = C[i][j] + A[i][k] @ B[k][j] chained over k; tiny: size tasks adding one;
sync: size round trips of one task, 5 warm-ups first, the row's time is the median round trip;
kmeans: Lloyd's iterations with one sync point each over the points the suite wrote to
--kmeans-data/<size>/ (KMeansData.java), checked against the centroids it wrote).
Time runs from scattering the blocks (or submitting the tasks) to the result back in this
process, after one warm-up run per kind of workload; for kmeans, from the first iteration
(the fragments are scattered before). Every result is checked.
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


def inc(x):
    return x + 1


def sync_round_trips(client, n):
    """Median seconds of n round trips of one task, after 5 warm-ups; every value checked."""
    for i in range(5):
        client.submit(inc, -i, pure=False).result()
    trips = []
    for i in range(n):
        start = time.perf_counter()
        y = client.submit(inc, i * 7, pure=False).result()
        trips.append(time.perf_counter() - start)
        if y != i * 7 + 1:
            raise SystemExit(f"sync: task returned {y} for {i * 7}")
    trips.sort()
    return trips[(len(trips) + 1) // 2 - 1]


def partial_sum(fragment, centroids):
    """Per centroid the sum of its nearest points, then their count (as taskbeam's task)."""
    k, dims = centroids.shape
    nearest = np.empty(fragment.shape[0], dtype=np.int64)
    for at in range(0, fragment.shape[0], 16384):  # bounded temporaries
        rows = fragment[at:at + 16384]
        nearest[at:at + 16384] = ((rows[:, None, :] - centroids[None, :, :]) ** 2).sum(axis=2) \
            .argmin(axis=1)
    sums = np.zeros((k, dims + 1))
    for c in range(k):
        mine = fragment[nearest == c]
        sums[c, :dims] = mine.sum(axis=0)
        sums[c, dims] = mine.shape[0]
    return sums


def total(partials):
    return np.sum(partials, axis=0)


def read_kmeans(directory):
    with open(os.path.join(directory, "meta.txt")) as meta:
        points, dims, k, iterations, fragments = (int(v) for v in meta.read().split())
    def load(name, rows):
        return np.fromfile(os.path.join(directory, name), dtype="<f8").reshape(rows, dims)
    return (load("points.f64", points), load("initial.f64", k), load("expected.f64", k),
            iterations, fragments)


def kmeans(client, directory):
    points, initial, expected, iterations, fragments = read_kmeans(directory)
    n = points.shape[0]
    parts = [points[n * f // fragments:n * (f + 1) // fragments] for f in range(fragments)]
    remote = client.scatter(parts, broadcast=False)
    wait(remote)
    start = time.perf_counter()
    centroids = initial
    for _ in range(iterations):
        partials = [client.submit(partial_sum, part, centroids, pure=False) for part in remote]
        sums = client.submit(total, partials, pure=False).result()
        counts = sums[:, -1]
        moved = sums[:, :-1] / np.where(counts > 0, counts, 1)[:, None]
        centroids = np.where(counts[:, None] > 0, moved, centroids)
    seconds = time.perf_counter() - start
    diff = np.max(np.abs(centroids - expected))
    if not diff <= 1e-9:
        raise SystemExit(f"kmeans {n}: centroids differ from the sequential run by {diff}")
    return seconds


def measure(client, name, size, block, inputs, kmeans_data=None):
    start = time.perf_counter()
    if name == "sync":
        return sync_round_trips(client, size)
    if name == "kmeans":
        return kmeans(client, os.path.join(kmeans_data, str(size)))
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
    if name in ("tiny", "sync", "kmeans"):
        # tasks/s as in Workload.tasks(): sync points per second; kmeans partial sums (20 x 8)
        tasks = {"tiny": size, "sync": 1, "kmeans": 20 * 8}[name]
        gflops, rate, kernel = "", f"{tasks / seconds:.2f}", "none"
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
    parser.add_argument("--kmeans-data", help="directory of the kmeans data, by size")
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
            matrix = name in ("seed1000", "matmul")
            inputs = None if not matrix else (rng.uniform(-1, 1, (size, size)),
                                              rng.uniform(-1, 1, (size, size)))
            kind = "matrix" if matrix else name
            if kind not in warm:
                warm.add(kind)
                if name == "tiny":
                    measure(client, "tiny", 1000, 0, None)
                elif name == "sync":
                    measure(client, "sync", 5, 0, None)
                elif name == "kmeans":
                    measure(client, "kmeans", 4000, 0, None, args.kmeans_data)
                else:
                    small = (rng.uniform(-1, 1, (512, 512)), rng.uniform(-1, 1, (512, 512)))
                    measure(client, "matmul", 512, 128, small)
            for run in range(1, args.runs + 1):
                seconds = measure(client, name, size, block, inputs, args.kmeans_data)
                print(row(name, size, args.workers, run, seconds, block, kernel), flush=True)
                client.run(lambda: None)  # all workers still answer
    return 0


if __name__ == "__main__":
    sys.exit(main())
