package io.taskbeam.k8s;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import io.taskbeam.flink.cluster.FlinkConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Chart options one rendering each checks (ServiceMonitor, REST TLS, a release without driver, a
 * user's main class and Flink settings, long release names); the wiring of every release shape is
 * {@link ChartWiringTest}'s.
 */
class ChartOptionsTest {
  @Test
  void serviceMonitorNeedsTheApiUnlessAssumed() {
    Rendered rendered =
        Chart.render("mon", Chart.values("monitoring.serviceMonitor.enabled", true));
    assertThat(rendered.all(ServiceMonitor.class), empty());
    assertNotNull(rendered.one(Service.class, "mon-taskbeam-metrics"));
  }

  /**
   * REST TLS with client certificates: only without the driver; the readiness probe turns to TCP.
   */
  @Test
  void restTlsForClusterOnlyReleases() {
    Rendered rendered =
        Chart.render(
            "secure",
            Chart.values(
                "driver.enabled",
                false,
                "tls.enabled",
                true,
                "tls.secretName",
                "flink-tls",
                "tls.rest.enabled",
                true));
    FlinkConfig config =
        FlinkConfig.parse(
            rendered
                .one(ConfigMap.class, "secure-taskbeam-flink-config")
                .getData()
                .get("config.yaml"),
            "rendered");
    assertEquals("true", config.get("security.ssl.rest.enabled"));
    assertEquals("true", config.get("security.ssl.rest.authentication-enabled"));
    assertEquals("/etc/taskbeam/tls/keystore.jks", config.get("security.ssl.rest.keystore"));
    assertEquals("/etc/taskbeam/tls/truststore.jks", config.get("security.ssl.rest.truststore"));
    Container jm =
        ChartWiringTest.only(
            rendered.one(Deployment.class, "secure-taskbeam-jobmanager").getSpec().getTemplate(),
            "jobmanager");
    assertEquals(new IntOrString("rest"), jm.getReadinessProbe().getTcpSocket().getPort());
    assertNull(jm.getReadinessProbe().getHttpGet(), "a kubelet has no client certificate");
  }

  @Test
  void clusterOnlyWithoutDriver() {
    Rendered rendered = Chart.render("solo", Chart.values("driver.enabled", false));
    assertThat(rendered.all(Job.class), empty());
    assertThat(
        rendered.names(),
        hasItems("Deployment/solo-taskbeam-jobmanager", "Deployment/solo-taskbeam-taskmanager"));
  }

  @Test
  void userMainClassAndExtraFlinkConfig() {
    Rendered rendered =
        Chart.render(
            "mine",
            Chart.values(
                "app.mainClass",
                "com.acme.Sim",
                "flink.config.restart-strategy\\.fixed-delay\\.attempts",
                10,
                "flink.config.taskmanager\\.network\\.memory\\.fraction",
                "0.2",
                "worker.resources.memory",
                "1.5",
                "worker.labels.node",
                "worker",
                "worker.tolerations[0].key",
                "dedicated",
                "worker.tolerations[0].operator",
                "Exists",
                "jobmanager.labels.node",
                "master",
                "image.pullSecrets[0]",
                "regcred"));
    Container driver =
        ChartWiringTest.only(rendered.driverJob("mine-taskbeam").getSpec().getTemplate(), "driver");
    assertThat(driver.getArgs(), hasItem("--mainClass=com.acme.Sim"));
    assertThat(driver.getArgs(), not(hasItem(startsWith("--app="))));
    PodSpec tmPod =
        rendered
            .one(Deployment.class, "mine-taskbeam-taskmanager")
            .getSpec()
            .getTemplate()
            .getSpec();
    assertEquals(Map.of("node", "worker"), tmPod.getNodeSelector());
    assertEquals("dedicated", tmPod.getTolerations().get(0).getKey());
    assertEquals("regcred", tmPod.getImagePullSecrets().get(0).getName());
    assertEquals(
        Map.of("node", "master"),
        rendered
            .one(Deployment.class, "mine-taskbeam-jobmanager")
            .getSpec()
            .getTemplate()
            .getSpec()
            .getNodeSelector());
    String yaml =
        rendered.one(ConfigMap.class, "mine-taskbeam-flink-config").getData().get("config.yaml");
    FlinkConfig config = FlinkConfig.parse(yaml, "rendered");
    assertEquals("10", config.get("restart-strategy.fixed-delay.attempts"));
    assertEquals("0.2", config.get("taskmanager.network.memory.fraction"));
    assertEquals("1536m", config.get("taskmanager.memory.process.size"));
    ChartWiringTest.assertNoDuplicateKeys(yaml);
  }

  /**
   * {@code helm upgrade --set worker.number=N} during a run: the driver Job (name and spec) stays
   * as it is, so Helm leaves the running driver alone (a changed name would make Helm delete the
   * Job and its pod), the Flink config and the pod templates stay too (no pod restarts); only the
   * replicas and the number the driver waits for at its start change. Changing the program's values
   * starts a new Job.
   */
  @Test
  void changingTheWorkersKeepsTheRunningDriver() {
    Rendered two = Chart.render("grow", Chart.values("worker.number", 2));
    Rendered five = Chart.render("grow", Chart.values("worker.number", 5));
    Job before = two.driverJob("grow-taskbeam");
    Job after = five.driverJob("grow-taskbeam");
    assertEquals(before.getMetadata().getName(), after.getMetadata().getName());
    assertEquals(before.getSpec(), after.getSpec());
    for (String name : List.of("grow-taskbeam-jobmanager", "grow-taskbeam-taskmanager")) {
      assertEquals(
          two.one(Deployment.class, name).getSpec().getTemplate(),
          five.one(Deployment.class, name).getSpec().getTemplate(),
          name + "'s pods stay");
    }
    assertEquals(
        5, five.one(Deployment.class, "grow-taskbeam-taskmanager").getSpec().getReplicas());
    Map<String, String> config = five.one(ConfigMap.class, "grow-taskbeam-flink-config").getData();
    assertEquals("5", config.get("worker-number"));
    assertEquals(
        two.one(ConfigMap.class, "grow-taskbeam-flink-config").getData().get("config.yaml"),
        config.get("config.yaml"));
    Job other =
        Chart.render("grow", Chart.values("worker.number", 5, "app.params.k", 16))
            .driverJob("grow-taskbeam");
    assertNotEquals(before.getMetadata().getName(), other.getMetadata().getName());
  }

  /** worker.drainSeconds bounds the preStop drain; the grace period is 30 s more. */
  @Test
  void drainSecondsBoundTheHookAndTheGracePeriod() {
    Deployment tm =
        Chart.render("drain", Chart.values("worker.drainSeconds", 20))
            .one(Deployment.class, "drain-taskbeam-taskmanager");
    assertEquals(
        List.of(
            "/opt/taskbeam/bin/taskbeam-pod",
            "leave",
            "--config=/etc/taskbeam/flink",
            "--timeoutSeconds=20"),
        ChartWiringTest.only(tm.getSpec().getTemplate(), "taskmanager")
            .getLifecycle()
            .getPreStop()
            .getExec()
            .getCommand());
    assertEquals(50L, tm.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds());
  }

  @Test
  void longReleaseNamesStayValidDnsNames() {
    String release = "a-release-name-that-is-quite-long-for-a-cluster-0123";
    for (HasMetadata o : Chart.render(release, Map.of()).all()) {
      String name = o.getMetadata().getName();
      assertTrue(name.length() <= 63 && name.matches("[a-z]([-a-z0-9]*[a-z0-9])?"), name);
    }
  }
}
