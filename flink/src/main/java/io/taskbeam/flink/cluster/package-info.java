/**
 * Runs a real Flink 1.19 standalone session cluster on this machine, built from the individual
 * Flink jars on Maven Central (there is no {@code flink-dist} for 1.19 there).
 *
 * <h2>Design</h2>
 *
 * <ul>
 *   <li>Every Flink process is a separate JVM started with {@link java.lang.ProcessBuilder} ({@code
 *       java} from {@code java.home}): one JobManager ({@code StandaloneSessionClusterEntrypoint})
 *       and N TaskManagers ({@code TaskManagerRunner}), all bound to 127.0.0.1. Separate JVMs make
 *       it a real cluster: a TaskManager can be killed, added, or measured on its own.
 *   <li>Flink's own shell scripts are not available, so the launcher does what they do: it runs
 *       {@code BashJavaUtils} to derive the memory flags ({@link ResourceParams}, whose parser the
 *       Kubernetes pod launcher uses too) and passes the Java 17 {@code --add-opens}/{@code
 *       --add-exports} flags ({@link FlinkJvm}).
 *   <li>The Flink JVMs' classpath is this module's runtime dependencies, written at build time by
 *       {@code maven-dependency-plugin:build-classpath} into a resource ({@link FlinkClasspath}).
 *       That works the same from the CLI wrapper, from failsafe, and from another module's tests,
 *       where {@code java.class.path} would be a surefire booter jar or carry test jars.
 *   <li>All state lives in a run directory ({@link ClusterDirectory}): generated config, one log
 *       per process, pid files, and a small state file ({@link ClusterState}). A later CLI
 *       invocation re-attaches to the cluster from it, and {@code stop} ends exactly the pids it
 *       finds there, after checking that each pid still runs our command line (pids are reused;
 *       {@link ClusterProcesses}).
 *   <li>{@code flink/conf/config.yaml} is the one environment-neutral config (also shipped to
 *       Kubernetes); the launcher overrides only hosts, ports, slots and temp dirs ({@link
 *       ClusterConfig}). Readiness ({@link ClusterReadiness}) and status come from the REST API
 *       ({@link FlinkRest}).
 *   <li>With {@code --supervise} a small JVM of its own ({@link ClusterSupervisor}) restarts a dead
 *       JobManager or TaskManager with its original command line, within a bound ({@link
 *       RestartBudget}); {@code stop} ends it first.
 *   <li>What the cluster tells drivers about its classpath and TLS comes from the Flink runner
 *       module's {@code io.taskbeam.flink.spi}, never from its internals.
 * </ul>
 *
 * <p>Entry points: {@link LocalFlinkCluster} (Java API, e.g. for integration tests) and {@link
 * FlinkClusterCli} (used by {@code flink/bin/cluster}).
 */
package io.taskbeam.flink.cluster;
