/**
 * The end-to-end benchmark suite ({@code benchmarks/run}) and the JMH benchmark of the SDK's
 * per-task cost ({@code benchmarks/jmh}).
 *
 * <h2>How a suite run is laid out</h2>
 *
 * {@link io.taskbeam.bench.Suite} plans one step per configuration and worker count, and runs each
 * step in processes of its own, so that no step inherits another's JIT state, heap, BLAS threads or
 * Flink classes:
 *
 * <ul>
 *   <li>{@code seq-ejml}, {@code seq-blas}, {@code direct}, {@code flink-embedded}: a child JVM
 *       running {@link io.taskbeam.bench.ConfigRunner};
 *   <li>{@code flink-cluster}: a {@code LocalFlinkCluster} of 1 or 2 TaskManagers (one slot each,
 *       free loopback ports) started by the suite, and the same child JVM submitting to it;
 *   <li>{@code dask}: {@code benchmarks/dask_bench.py} on Debian's Python, which starts its own
 *       LocalCluster.
 * </ul>
 *
 * A child prints {@code ROW,<csv>} per measured run (and {@code COST,<csv>} for the hand-made Beam
 * comparison); the suite collects them, and after every step rewrites all result files, so an
 * interrupted run still leaves complete files. A step that fails (exit code, or a wrong product:
 * children check every result) is listed under "Not measured" and makes the suite exit with 1; the
 * other steps still run.
 *
 * <h2>Why medians of warm runs</h2>
 *
 * The machine is small (2 cores) and may be shared, so single runs vary; the median of 3 is robust
 * to one disturbed run, and {@code machine.md} records the load average during each step so a
 * reader can tell a quiet run from a crowded one. The first sync point of a JVM pays Beam's
 * start-up (seconds), which says nothing about the runner's speed, hence one warm-up run per kind
 * of workload before measuring.
 */
package io.taskbeam.bench;
