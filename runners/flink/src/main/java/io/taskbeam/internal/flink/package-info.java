/**
 * What taskbeam does so that a program runs unchanged on Flink, embedded or on a session cluster.
 *
 * <h2>Before the first job: {@link io.taskbeam.internal.flink.FlinkSetup}</h2>
 *
 * A remote cluster is probed over REST with bounded calls ({@link
 * io.taskbeam.internal.flink.ClusterProbe}), so a wrong address, a port that is not Flink's REST
 * port, or a cluster without free slots fails in seconds with one line naming the address and
 * the fix, instead of Flink's client retrying for minutes. Parallelism -1 becomes the free slots.
 *
 * <h2>What a job ships: {@link io.taskbeam.internal.flink.JobStaging}</h2>
 *
 * Beam's default ships the driver's whole classpath with every job: about 160 jars, 25 s per
 * sync point. A cluster started by {@code flink/bin/cluster} already runs Beam, the Flink runner,
 * EJML and the SDK, and says so in its configuration ({@link
 * io.taskbeam.internal.flink.ClusterContract}: jar names and the SDK's class fingerprint). The
 * driver ships only the rest: the application's classes and the odd jar. An SDK built after the
 * cluster started differs in fingerprint and is shipped with the job (Flink loads job classes
 * child-first), so a stale cluster never runs old SDK code. The trade-off of a shared runtime:
 * Beam's classes are loaded once per TaskManager, not once per job, and the job class loader
 * holds only application classes.
 *
 * <h2>Where chunks run: {@link io.taskbeam.internal.flink.ChunkPlacement}</h2>
 *
 * Group keys are chosen so Flink's hash partitioning puts chunk {@code i} on subtask
 * {@code i mod parallelism}; with one slot per TaskManager that is one TaskManager each.
 *
 * <h2>Waiting for a job: {@link io.taskbeam.internal.flink.DetachedJob}</h2>
 *
 * Jobs on a remote cluster are submitted detached and their status polled every 100 ms at most.
 * Flink's attached client polls for a job's result with a back-off that grows to 2 s, which
 * added about a second to every sync point. A failed job's exception is fetched afterwards, so
 * the failing task's message still reaches the program.
 *
 * <h2>Failures</h2>
 *
 * A task that fails after its own retries throws Flink's {@code SuppressRestartsException}: the
 * cluster's restart strategy is for lost TaskManagers, and re-running the whole job would only
 * fail again. The driver reads a failed job's cause itself and deserializes it with the
 * program's class loader ({@link io.taskbeam.internal.flink.JobFailures}): Flink's client uses
 * the system class loader, which under {@code mvn exec:java} lacks Flink. A JobManager that stops
 * answering ends the sync point within seconds, with its address.
 *
 * <h2>TLS: {@link io.taskbeam.internal.flink.FlinkTls}</h2>
 *
 * {@code --flinkTls=DIR} names the client certificate of a cluster started with
 * {@code flink/bin/cluster start --tls}; the probe and Flink's REST client both present it.
 */
package io.taskbeam.internal.flink;
