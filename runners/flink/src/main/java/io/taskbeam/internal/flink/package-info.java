/**
 * What taskbeam does so that a program runs unchanged on Flink, embedded or on a session cluster.
 *
 * <h2>Before the first job: {@link io.taskbeam.internal.flink.FlinkSetup}</h2>
 *
 * A remote cluster is probed over REST with bounded calls ({@link
 * io.taskbeam.internal.flink.ClusterProbe}), so a wrong address, a port that is not Flink's REST
 * port, or a cluster without free slots fails in seconds with one line naming the address and the
 * fix, instead of Flink's client retrying for minutes. Parallelism -1 becomes the free slots.
 *
 * <h2>What a job ships: {@link io.taskbeam.internal.flink.JobStaging}</h2>
 *
 * Beam's default ships the driver's whole classpath with every job: about 160 jars, 25 s per sync
 * point. A cluster started by {@code flink/bin/cluster} already runs Beam, the Flink runner, EJML
 * and the SDK, and says so in its configuration ({@link io.taskbeam.flink.spi.ClusterContract}: jar
 * names and the SDK's class fingerprint). The driver ships only the rest: the application's classes
 * and the odd jar. An SDK built after the cluster started differs in fingerprint and is shipped
 * with the job (Flink loads job classes child-first), so a stale cluster never runs old SDK code.
 * The trade-off of a shared runtime: Beam's classes are loaded once per TaskManager, not once per
 * job, and the job class loader holds only application classes.
 *
 * <h2>Where chunks run: {@link io.taskbeam.internal.flink.ChunkPlacement}</h2>
 *
 * Group keys are chosen so Flink's hash partitioning puts chunk {@code i} on subtask {@code i mod
 * parallelism}; with one slot per TaskManager that is one TaskManager each.
 *
 * <h2>Running a job: {@link io.taskbeam.internal.flink.SessionJobs}</h2>
 *
 * A session opens its target once ({@link io.taskbeam.internal.flink.ClusterTarget}: one REST
 * client of the cluster; {@link io.taskbeam.internal.flink.EmbeddedTarget}: one mini cluster in
 * this JVM) and every sync point's job goes through it: Beam translates as always, and its {@code
 * [auto]} environment hands the plan to an executor that submits the job graph to the target.
 * Flink's own paths built a REST client per job and per status call, started a mini cluster per
 * embedded job, and polled results with a back-off that grows to 2 s; here a job's end is learned
 * by status calls 1 ms apart, doubling to 20 ms, and its result fetched once. The classes a job
 * ships are staged once per session in the work directory and named as class path URLs, so nothing
 * is uploaded per job.
 *
 * <h2>Failures</h2>
 *
 * A task that fails after its own retries throws Flink's {@code SuppressRestartsException}: the
 * cluster's restart strategy is for lost TaskManagers, and re-running the whole job would only fail
 * again. The driver reads a failed job's cause itself and deserializes it with the program's class
 * loader ({@link io.taskbeam.internal.flink.JobFailures}): Flink's client uses the system class
 * loader, which under {@code mvn exec:java} lacks Flink. A JobManager that stops answering ends the
 * sync point within seconds, with its address. A failed job never reaches Beam's {@code
 * FlinkRunner}, which would log its whole trace at ERROR ({@link
 * io.taskbeam.internal.flink.SessionJobs} throws it after the runner returned), and the Flink
 * loggers that repeat a failure are turned down on whatever logging backend the program has ({@link
 * io.taskbeam.internal.flink.FlinkLogLevels}): the session prints one line and keeps the trace in
 * the run directory.
 *
 * <p>A lost TaskManager: with a spare slot, the restart strategy restarts the job (5 s later, once
 * the JobManager has declared the TaskManager dead). Without one (every slot was busy, the default
 * parallelism), {@link io.taskbeam.internal.flink.ClusterTarget} sees fewer slots than the job's
 * parallelism, cancels the job, and the driver runs the sync point again on the slots left; chunks
 * whose bundles are already written are skipped ({@code RunChunkFn}).
 *
 * <h2>TLS: {@link io.taskbeam.flink.spi.FlinkTls}</h2>
 *
 * {@code --flinkTls=DIR} names the client certificate of a cluster started with {@code
 * flink/bin/cluster start --tls}; the probe and Flink's REST client both present it.
 */
package io.taskbeam.internal.flink;
