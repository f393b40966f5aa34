package io.taskbeam.pipelines;

import io.taskbeam.flink.cluster.ClusterPorts;
import io.taskbeam.flink.cluster.LocalFlinkCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The local Flink cluster the cluster ITs of one JVM share when they need no cluster of their own
 * shape: 1 JobManager and 2 TaskManagers of 1 slot on free loopback ports, with flink/conf's
 * Prometheus reporter on a free range of six ports. A start costs several seconds and a warm-up
 * job, so {@link SharedClusterSuiteIT} runs those ITs in one JVM on one cluster; an IT run alone
 * ({@code -Dit.test=ClusterRunIT}) gets one of its own the same way. ITs that kill processes or
 * need TLS start their own.
 *
 * <p>A test asks for it as a parameter of type {@code SharedFlinkCluster} with
 * {@code @ExtendWith(SharedFlinkCluster.Resolver.class)}; the first request starts it, the root
 * context's store keeps it, and JUnit closes it (stopping every process by pid) when the JVM's
 * tests end.
 */
public final class SharedFlinkCluster implements ExtensionContext.Store.CloseableResource {
  private static final int REPORTER_PORTS = 6;

  private final LocalFlinkCluster cluster;
  private final List<String> reporterTargets;

  private SharedFlinkCluster(LocalFlinkCluster cluster, List<String> reporterTargets) {
    this.cluster = cluster;
    this.reporterTargets = reporterTargets;
  }

  private static SharedFlinkCluster start() {
    int reporterBase = freePort();
    List<String> targets = new ArrayList<>();
    for (int p = reporterBase; p < reporterBase + REPORTER_PORTS; p++) {
      targets.add(LocalFlinkCluster.HOST + ":" + p);
    }
    LocalFlinkCluster cluster =
        LocalFlinkCluster.builder()
            .runDir(Path.of("target", "it-shared-cluster"))
            .taskManagers(2)
            .slotsPerTaskManager(1)
            .freePorts()
            .config(
                "metrics.reporter.prom.port",
                reporterBase + "-" + (reporterBase + REPORTER_PORTS - 1))
            .readyTimeout(Duration.ofSeconds(90))
            .stopOnJvmExit(true)
            .build()
            .start();
    return new SharedFlinkCluster(cluster, List.copyOf(targets));
  }

  /** The running cluster. */
  public LocalFlinkCluster cluster() {
    return cluster;
  }

  /**
   * {@code host:port} of every port the cluster's Prometheus reporters may listen on (each of the
   * three processes takes the first free one of the range): the targets a Prometheus scrapes.
   */
  public List<String> reporterTargets() {
    return reporterTargets;
  }

  @Override
  public void close() {
    cluster.close();
  }

  private static int freePort() {
    return ClusterPorts.freeLoopbackPorts(1)[0];
  }

  /** Resolves a {@code SharedFlinkCluster} parameter, starting the cluster on first use. */
  public static final class Resolver implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE =
        ExtensionContext.Namespace.create(SharedFlinkCluster.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
      return parameter.getParameter().getType() == SharedFlinkCluster.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
      return context
          .getRoot()
          .getStore(NAMESPACE)
          .getOrComputeIfAbsent("cluster", key -> start(), SharedFlinkCluster.class);
    }
  }
}
