/**
 * The pod launcher: what every container of the taskbeam Helm chart runs, through {@code
 * /opt/taskbeam/bin/taskbeam-pod} (a POSIX shell script in the image).
 *
 * <h2>Design</h2>
 *
 * <ul>
 *   <li>The script starts {@link io.taskbeam.k8s.pod.PodLauncher} with the chart's arguments. The
 *       launcher prepares what the role needs and prints the final command line, one argument per
 *       line; the script then {@code exec}s it, so the Flink JVM (or the driver) is the container's
 *       main process and receives Kubernetes' SIGTERM itself.
 *   <li>{@code jobmanager} / {@code taskmanager}: the Flink config comes from the chart's ConfigMap
 *       (read-only); the launcher writes the effective copy into a writable directory, adding the
 *       TLS passwords from the environment (the Secret, never the ConfigMap), the classpath
 *       contract of the image (JobManager, see {@link io.taskbeam.flink.spi.ClusterContract}) and
 *       the pod's address (TaskManager). It derives Flink's memory flags with Flink's own {@code
 *       BashJavaUtils}, as Flink's shell scripts do, and passes the config's {@code
 *       env.java.opts.*} like they do.
 *   <li>{@code driver}: waits, with a bound, until the JobManager answers and every TaskManager the
 *       release asked for has registered (so {@code --parallelism=-1} sees all slots), then runs
 *       the application with the image's driver classpath. The number comes from a file of the
 *       ConfigMap, not from the Job's arguments, so changing the release's workers leaves the
 *       running driver Job as it is. It registers in the cluster's run directory on the shared
 *       volume, where TaskManager pods mark themselves as leaving.
 *   <li>{@code leave}: the TaskManager pod's preStop hook ({@link
 *       io.taskbeam.k8s.pod.TaskManagerLeave}): drains the TaskManager before the kubelet sends
 *       SIGTERM, as {@code cluster remove-taskmanager} does elsewhere, and prints no command.
 * </ul>
 *
 * <p>The same launcher runs in the rehearsal test, where each rendered pod is a process in its own
 * network namespace: what Kubernetes would run is exactly what the test runs.
 */
package io.taskbeam.k8s.pod;
