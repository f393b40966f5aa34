package io.taskbeam.k8s;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import io.taskbeam.flink.cluster.FlinkConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Renders the chart with real Helm for 1, 4 and 16 workers, with and without TLS, with each kind of
 * shared volume and with monitoring on and off, parses every document strictly, and checks that the
 * objects wire up: selectors match pod labels, Service ports reach named container ports, the Flink
 * config names the Service and the ports the pods open, mounts name volumes, the driver's arguments
 * point at the Service and the shared volume, resources follow the values. The rendered manifests
 * of each case are kept in target/rendered/ for reading.
 */
class ChartWiringTest {
  /** One rendering: a release, its values, and what the checks expect of it. */
  record Case(String release, int workers, boolean tls, String volume, boolean monitoring) {
    Map<String, Object> values() {
      Map<String, Object> values =
          new LinkedHashMap<>(
              Chart.values(
                  "worker.number",
                  workers,
                  "worker.slots",
                  2,
                  "worker.resources.cpu",
                  2,
                  "worker.resources.memory",
                  3,
                  "app.name",
                  "kmeans",
                  "app.params.k",
                  5,
                  "app.params.points",
                  1000000,
                  "app.params.epsilon",
                  "1e-9"));
      if (tls) {
        values.putAll(Chart.values("tls.enabled", true, "tls.secretName", "flink-tls"));
      }
      switch (volume) {
        case "pvc" ->
            values.putAll(Chart.values("volume.storageClass", "nfs", "volume.size", "50Gi"));
        case "existing" -> values.put("volume.existingClaim", "team-results");
        case "hostPath" ->
            values.putAll(
                Chart.values("volume.hostPath", "/home/minikube", "volume.node", "minikube"));
        default -> throw new IllegalArgumentException(volume);
      }
      if (monitoring) {
        values.putAll(
            Chart.values(
                "monitoring.serviceMonitor.enabled",
                true,
                "monitoring.serviceMonitor.assumeApiAvailable",
                true,
                "monitoring.serviceMonitor.labels.release",
                "prometheus",
                "monitoring.pushgateway.url",
                "http://pushgateway.monitoring:9091"));
      } else {
        values.putAll(
            Chart.values(
                "monitoring.scrapeAnnotations",
                false,
                "monitoring.grafanaDashboard.enabled",
                false));
      }
      return values;
    }

    /** Release names that contain "taskbeam" are used as is; others get "-taskbeam". */
    String fullname() {
      return release.contains("taskbeam") ? release : release + "-taskbeam";
    }
  }

  static Stream<Arguments> cases() {
    return Stream.of(
            new Case("one", 1, false, "pvc", false),
            new Case("one-tls", 1, true, "hostPath", true),
            new Case("four", 4, false, "existing", true),
            new Case("taskbeam-four", 4, true, "pvc", false),
            new Case("sixteen", 16, false, "hostPath", false),
            new Case("sixteen-tls", 16, true, "existing", true),
            new Case("sixteen-mon", 16, false, "pvc", true))
        .map(Arguments::of);
  }

  @ParameterizedTest
  @MethodSource("cases")
  void wiresUp(Case c) throws IOException {
    String manifests = Chart.template(c.release(), c.values());
    Path kept = Path.of("target", "rendered", c.release() + ".yaml");
    Files.createDirectories(kept.getParent());
    Files.writeString(kept, manifests);
    Rendered r = Rendered.parse(manifests);
    String fn = c.fullname();
    Job driver = r.driverJob(fn);

    // --- Names: exactly the expected objects, every one release-prefixed and labelled. --------
    List<String> expected =
        new ArrayList<>(
            List.of(
                "ConfigMap/" + fn + "-flink-config",
                "Deployment/" + fn + "-jobmanager",
                "Service/" + fn + "-jobmanager",
                "Deployment/" + fn + "-taskmanager",
                "Job/" + driver.getMetadata().getName()));
    if (c.volume().equals("pvc")) {
      expected.add("PersistentVolumeClaim/" + fn + "-shared");
    }
    if (c.monitoring()) {
      expected.addAll(
          List.of(
              "Service/" + fn + "-metrics",
              "ServiceMonitor/" + fn,
              "ConfigMap/" + fn + "-dashboard"));
    }
    assertThat(r.names(), containsInAnyOrder(expected.toArray()));
    for (HasMetadata o : r.all()) {
      assertThat(o.getMetadata().getName(), startsWith(c.release()));
      assertEquals(
          c.release(),
          o.getMetadata().getLabels().get("app.kubernetes.io/instance"),
          o.getMetadata().getName());
      assertNull(o.getMetadata().getNamespace(), "namespace comes from helm install -n");
    }

    Deployment jm = r.one(Deployment.class, fn + "-jobmanager");
    Deployment tm = r.one(Deployment.class, fn + "-taskmanager");
    Service jmService = r.one(Service.class, fn + "-jobmanager");
    ConfigMap configMap = r.one(ConfigMap.class, fn + "-flink-config");
    FlinkConfig config =
        FlinkConfig.parse(configMap.getData().get("config.yaml"), "rendered config.yaml");

    // --- Selectors match pod labels; the JobManager Service selects only the JobManager. -------
    for (Deployment d : List.of(jm, tm)) {
      assertTrue(
          matches(d.getSpec().getSelector().getMatchLabels(), d.getSpec().getTemplate()),
          d.getMetadata().getName() + " selects its own pods");
    }
    assertTrue(matches(jmService.getSpec().getSelector(), jm.getSpec().getTemplate()));
    assertTrue(
        !matches(jmService.getSpec().getSelector(), tm.getSpec().getTemplate())
            && !matches(jmService.getSpec().getSelector(), driver.getSpec().getTemplate()),
        "the JobManager Service must not select TaskManagers or the driver");
    assertTrue(!matches(tm.getSpec().getSelector().getMatchLabels(), jm.getSpec().getTemplate()));

    // --- Pods: one container each, ports, probes on named ports. ------------------------------
    Container jmc = only(jm.getSpec().getTemplate(), "jobmanager");
    Container tmc = only(tm.getSpec().getTemplate(), "taskmanager");
    Container dc = only(driver.getSpec().getTemplate(), "driver");
    assertEquals(Map.of("rpc", 6123, "blob", 6124, "rest", 8081, "metrics", 9249), ports(jmc));
    assertEquals(Map.of("rpc", 6122, "data", 6121, "metrics", 9249), ports(tmc));
    assertEquals(Map.of("metrics", 9249), ports(dc));
    assertEquals(new IntOrString("rpc"), jmc.getLivenessProbe().getTcpSocket().getPort());
    assertEquals(new IntOrString("rest"), jmc.getReadinessProbe().getHttpGet().getPort());
    assertEquals("/overview", jmc.getReadinessProbe().getHttpGet().getPath());
    assertEquals(new IntOrString("rpc"), tmc.getLivenessProbe().getTcpSocket().getPort());
    assertEquals(new IntOrString("rpc"), tmc.getReadinessProbe().getTcpSocket().getPort());
    for (ServicePort port : jmService.getSpec().getPorts()) {
      assertEquals(
          port.getPort(),
          ports(jmc).get(port.getTargetPort().getStrVal()),
          "Service port " + port.getName() + " reaches the container port of that name");
    }
    assertEquals(Map.of("rpc", 6123, "blob", 6124, "rest", 8081), servicePorts(jmService));

    // --- The Flink config: the Service's name and ports, the pods' ports, the values. ---------
    String service = jmService.getMetadata().getName();
    assertEquals(service, config.get("jobmanager.rpc.address"));
    assertEquals(service, config.get("rest.address"));
    assertEquals("6123", config.get("jobmanager.rpc.port"));
    assertEquals("6124", config.get("blob.server.port"));
    assertEquals("8081", config.get("rest.port"));
    assertEquals("6122", config.get("taskmanager.rpc.port"));
    assertEquals("6121", config.get("taskmanager.data.port"));
    assertEquals("9249", config.get("metrics.reporter.prom.port"));
    assertEquals("/shared/cluster", config.get("taskbeam.cluster.run-dir"));
    assertEquals(String.valueOf(c.workers()), configMap.getData().get("worker-number"));
    assertEquals("2", config.get("taskmanager.numberOfTaskSlots"));
    assertEquals("2", config.get("taskmanager.cpu.cores"));
    assertEquals("3072m", config.get("taskmanager.memory.process.size"));
    assertEquals("1024m", config.get("jobmanager.memory.process.size"));
    FlinkConfig base = FlinkConfig.load(Repo.ROOT.resolve("flink/conf/config.yaml"));
    base.asMap()
        .forEach(
            (key, value) -> {
              if (!Set.of(
                      "taskmanager.memory.process.size",
                      "jobmanager.memory.process.size",
                      "taskmanager.numberOfTaskSlots",
                      "metrics.reporter.prom.port")
                  .contains(key)) {
                assertEquals(
                    value,
                    config.get(key),
                    "flink/conf/config.yaml's " + key + " reaches the cluster");
              }
            });
    assertNoDuplicateKeys(configMap.getData().get("config.yaml"));
    if (c.tls()) {
      assertEquals("true", config.get("security.ssl.internal.enabled"));
      assertEquals("false", config.get("security.ssl.rest.enabled"));
      assertEquals("/etc/taskbeam/tls/keystore.jks", config.get("security.ssl.internal.keystore"));
      assertEquals(
          "/etc/taskbeam/tls/truststore.jks", config.get("security.ssl.internal.truststore"));
      assertThat(
          config.get("security.ssl.algorithms"), startsWith("TLS_ECDHE_RSA_WITH_AES_128_GCM"));
      assertThat(
          config.asMap().keySet(),
          everyItem(not(org.hamcrest.Matchers.containsString("password"))));
    } else {
      assertNull(config.get("security.ssl.internal.enabled"));
    }

    // --- Replicas and resources. ---------------------------------------------------------------
    assertEquals(1, jm.getSpec().getReplicas());
    assertEquals(c.workers(), tm.getSpec().getReplicas());
    assertEquals(new Quantity("2"), tmc.getResources().getRequests().get("cpu"));
    assertEquals(new Quantity("3072Mi"), tmc.getResources().getRequests().get("memory"));
    assertEquals(Map.of("memory", new Quantity("3072Mi")), tmc.getResources().getLimits());
    assertEquals(new Quantity("1024Mi"), jmc.getResources().getLimits().get("memory"));
    assertEquals(new Quantity("2048Mi"), dc.getResources().getLimits().get("memory"));

    // --- Commands: the image's launcher, each role's config mount. -----------------------------
    for (Container container : List.of(jmc, tmc, dc)) {
      assertEquals(List.of("/opt/taskbeam/bin/taskbeam-pod"), container.getCommand());
      assertEquals("taskbeam/taskbeam-flink:0.1.0", container.getImage());
      assertThat(container.getArgs(), hasItem("--config=/etc/taskbeam/flink"));
      assertTrue(container.getSecurityContext().getReadOnlyRootFilesystem());
      assertEquals("/tmp", mountPath(container, "tmp"));
    }
    assertEquals(
        List.of("jobmanager", "--config=/etc/taskbeam/flink", "--configDir=/tmp/flink-conf"),
        jmc.getArgs());
    assertEquals(
        List.of("taskmanager", "--config=/etc/taskbeam/flink", "--configDir=/tmp/flink-conf"),
        tmc.getArgs());
    // A TaskManager that Kubernetes stops drains first (its preStop hook), within the grace period.
    assertEquals(
        List.of(
            "/opt/taskbeam/bin/taskbeam-pod",
            "leave",
            "--config=/etc/taskbeam/flink",
            "--timeoutSeconds=60"),
        tmc.getLifecycle().getPreStop().getExec().getCommand());
    assertEquals(90L, tm.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds());
    assertNull(jmc.getLifecycle());
    assertNull(dc.getLifecycle());
    String rest = service + ":8081";
    List<String> expectedDriverArgs =
        new ArrayList<>(
            List.of(
                "driver",
                "--config=/etc/taskbeam/flink",
                "--jobmanager=" + rest,
                "--taskmanagersFile=/etc/taskbeam/flink/worker-number",
                "--waitSeconds=300",
                "--app=kmeans",
                "--",
                "--profile=flink-k8s",
                "--flinkMaster=" + rest,
                "--workDir=/shared/taskbeam-work",
                "--runsDir=/shared/runs",
                "--metricsPort=9249",
                "--metricsAddress=0.0.0.0"));
    if (c.monitoring()) {
      expectedDriverArgs.add("--pushgateway=http://pushgateway.monitoring:9091");
    }
    expectedDriverArgs.addAll(List.of("--epsilon=1e-9", "--k=5", "--points=1000000"));
    assertEquals(expectedDriverArgs, dc.getArgs());

    // --- Downward API and TLS passwords from the Secret, never in plain values. ----------------
    for (Container container : List.of(jmc, tmc, dc)) {
      Map<String, EnvVar> env = new LinkedHashMap<>();
      container.getEnv().forEach(e -> env.put(e.getName(), e));
      assertEquals(
          "metadata.name", env.get("POD_NAME").getValueFrom().getFieldRef().getFieldPath());
      assertEquals("status.podIP", env.get("POD_IP").getValueFrom().getFieldRef().getFieldPath());
      assertEquals(c.tls(), env.containsKey("TASKBEAM_TLS_KEYSTORE_PASSWORD"));
      env.values().forEach(e -> assertNull(e.getValue(), e.getName() + " has a plain value"));
      if (c.tls()) {
        assertEquals(
            "flink-tls",
            env.get("TASKBEAM_TLS_TRUSTSTORE_PASSWORD").getValueFrom().getSecretKeyRef().getName());
      }
    }

    // --- Volumes: config, TLS, the shared volume at one path on the driver and TaskManagers. ---
    for (PodTemplateSpec pod :
        List.of(
            jm.getSpec().getTemplate(),
            tm.getSpec().getTemplate(),
            driver.getSpec().getTemplate())) {
      PodSpec spec = pod.getSpec();
      Map<String, Volume> volumes = volumes(spec);
      for (VolumeMount mount : spec.getContainers().get(0).getVolumeMounts()) {
        assertTrue(
            volumes.containsKey(mount.getName()), "mount " + mount.getName() + " names a volume");
      }
      assertEquals(fn + "-flink-config", volumes.get("flink-config").getConfigMap().getName());
      assertEquals("/etc/taskbeam/flink", mountPath(spec.getContainers().get(0), "flink-config"));
      assertEquals(c.tls(), volumes.containsKey("tls"));
      if (c.tls()) {
        assertEquals("flink-tls", volumes.get("tls").getSecret().getSecretName());
        assertEquals("/etc/taskbeam/tls", mountPath(spec.getContainers().get(0), "tls"));
      }
      assertTrue(spec.getAutomountServiceAccountToken() == Boolean.FALSE);
      assertEquals(9999L, spec.getSecurityContext().getRunAsUser());
    }
    assertNull(
        volumes(jm.getSpec().getTemplate().getSpec()).get("shared"),
        "the JobManager needs no shared volume");
    for (PodTemplateSpec pod :
        List.of(tm.getSpec().getTemplate(), driver.getSpec().getTemplate())) {
      Volume shared = volumes(pod.getSpec()).get("shared");
      assertEquals("/shared", mountPath(pod.getSpec().getContainers().get(0), "shared"));
      Map<String, String> nodeSelector = pod.getSpec().getNodeSelector();
      switch (c.volume()) {
        case "pvc" -> {
          assertEquals(fn + "-shared", shared.getPersistentVolumeClaim().getClaimName());
          assertTrue(
              nodeSelector == null || nodeSelector.isEmpty(), "no node pinning with a claim");
        }
        case "existing" ->
            assertEquals("team-results", shared.getPersistentVolumeClaim().getClaimName());
        case "hostPath" -> {
          assertEquals("/home/minikube", shared.getHostPath().getPath());
          assertEquals(Map.of("kubernetes.io/hostname", "minikube"), nodeSelector);
        }
        default -> throw new IllegalArgumentException(c.volume());
      }
    }
    if (c.volume().equals("pvc")) {
      PersistentVolumeClaim pvc = r.one(PersistentVolumeClaim.class, fn + "-shared");
      assertEquals("nfs", pvc.getSpec().getStorageClassName());
      assertEquals(List.of("ReadWriteMany"), pvc.getSpec().getAccessModes());
      assertEquals(new Quantity("50Gi"), pvc.getSpec().getResources().getRequests().get("storage"));
    }

    // --- The driver Job is a batch run. --------------------------------------------------------
    assertEquals("Never", driver.getSpec().getTemplate().getSpec().getRestartPolicy());
    assertEquals(0, driver.getSpec().getBackoffLimit());
    assertEquals(86400, driver.getSpec().getTtlSecondsAfterFinished());

    // --- Monitoring. ----------------------------------------------------------------------------
    for (PodTemplateSpec pod :
        List.of(
            jm.getSpec().getTemplate(),
            tm.getSpec().getTemplate(),
            driver.getSpec().getTemplate())) {
      Map<String, String> annotations =
          pod.getMetadata().getAnnotations() == null
              ? Map.of()
              : pod.getMetadata().getAnnotations();
      if (c.monitoring()) {
        assertEquals("true", annotations.get("prometheus.io/scrape"));
        assertEquals(
            String.valueOf(ports(pod.getSpec().getContainers().get(0)).get("metrics")),
            annotations.get("prometheus.io/port"));
      } else {
        assertNull(annotations.get("prometheus.io/scrape"));
      }
    }
    if (c.monitoring()) {
      Service metrics = r.one(Service.class, fn + "-metrics");
      ServiceMonitor monitor = r.one(ServiceMonitor.class, fn);
      assertTrue(
          monitor.getSpec().getSelector().getMatchLabels().entrySet().stream()
              .allMatch(
                  e -> e.getValue().equals(metrics.getMetadata().getLabels().get(e.getKey()))),
          "the ServiceMonitor selects the metrics Service by labels it has");
      assertThat(monitor.getSpec().getSelector().getMatchLabels().keySet(), not(empty()));
      assertEquals("prometheus", monitor.getMetadata().getLabels().get("release"));
      String endpointPort = monitor.getSpec().getEndpoints().get(0).getPort();
      assertThat(servicePorts(metrics).keySet(), hasItem(endpointPort));
      assertEquals("None", metrics.getSpec().getClusterIP());
      for (PodTemplateSpec pod :
          List.of(
              jm.getSpec().getTemplate(),
              tm.getSpec().getTemplate(),
              driver.getSpec().getTemplate())) {
        assertTrue(
            matches(metrics.getSpec().getSelector(), pod), "the metrics Service selects every pod");
        assertThat(
            ports(pod.getSpec().getContainers().get(0)).keySet(),
            hasItem(metrics.getSpec().getPorts().get(0).getTargetPort().getStrVal()));
      }
      ConfigMap dashboard = r.one(ConfigMap.class, fn + "-dashboard");
      assertEquals("1", dashboard.getMetadata().getLabels().get("grafana_dashboard"));
      assertEquals(
          Files.readString(Repo.ROOT.resolve("flink/monitoring/grafana-dashboard.json")).strip(),
          dashboard.getData().get("taskbeam.json").strip());
    }
  }

  /** The README's and k8s/examples' values files render as documented. */
  @Test
  void examplesRender() {
    Rendered kmeans =
        Rendered.parse(
            Chart.templateWithValuesFile(
                "kmeans", Repo.ROOT.resolve("k8s/examples/kmeans-minikube.yaml")));
    Job job = kmeans.driverJob("kmeans-taskbeam");
    Container driver = only(job.getSpec().getTemplate(), "driver");
    assertThat(
        driver.getArgs(), hasItems("--app=kmeans", "--points=1000000", "--k=8", "--fragments=8"));
    assertEquals(
        "2",
        kmeans.one(ConfigMap.class, "kmeans-taskbeam-flink-config").getData().get("worker-number"));
    assertEquals(
        "/home/minikube/results",
        volumes(job.getSpec().getTemplate().getSpec()).get("shared").getHostPath().getPath());
    assertEquals(
        2, kmeans.one(Deployment.class, "kmeans-taskbeam-taskmanager").getSpec().getReplicas());
    assertEquals("Never", driver.getImagePullPolicy());

    Rendered matmul =
        Rendered.parse(
            Chart.templateWithValuesFile(
                "matmul", Repo.ROOT.resolve("k8s/examples/matmul-monitored.yaml")));
    assertEquals(
        4, matmul.one(Deployment.class, "matmul-taskbeam-taskmanager").getSpec().getReplicas());
    assertThat(
        only(matmul.driverJob("matmul-taskbeam").getSpec().getTemplate(), "driver").getArgs(),
        hasItems(
            "--n=4096",
            "--blockSize=512",
            "--pushgateway=http://prometheus-pushgateway.monitoring:9091"));
    assertEquals(
        "nfs-client",
        matmul
            .one(PersistentVolumeClaim.class, "matmul-taskbeam-shared")
            .getSpec()
            .getStorageClassName());
    // helm template knows no cluster: no ServiceMonitor without the API (helm install on a cluster
    // with the Prometheus Operator renders it).
    assertThat(matmul.all(ServiceMonitor.class), empty());
  }

  /** YAML 1.1 reads a bare key n (matmul's size) as false; the chart says how to write it. */
  @Test
  void booleanParamKeysAreRefused(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
    Path values =
        Files.writeString(dir.resolve("v.yaml"), "app:\n  name: matmul\n  params:\n    n: 4096\n");
    Exception e =
        org.junit.jupiter.api.Assertions.assertThrows(
            Exception.class, () -> Chart.templateWithValuesFile("yaml", values));
    assertThat(
        e.getMessage(),
        org.hamcrest.Matchers.containsString(
            "app.params has a key \"false\": YAML reads a bare n, y, no, off (and yes, on) as a boolean; quote the key, e.g. \"n\": 4096"));
  }

  static void assertNoDuplicateKeys(String yaml) {
    Set<String> seen = new HashSet<>();
    yaml.lines()
        .filter(l -> !l.isBlank() && !l.startsWith("#"))
        .map(l -> l.substring(0, l.indexOf(':')))
        .forEach(key -> assertTrue(seen.add(key), "duplicate Flink config key " + key));
  }

  private static boolean matches(Map<String, String> selector, PodTemplateSpec pod) {
    Map<String, String> labels = pod.getMetadata().getLabels();
    return !selector.isEmpty()
        && selector.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
  }

  static Container only(PodTemplateSpec pod, String name) {
    List<Container> containers = pod.getSpec().getContainers();
    assertThat(containers.stream().map(Container::getName).toList(), contains(name));
    assertThat(pod.getSpec().getInitContainers(), is(empty()));
    return containers.get(0);
  }

  private static Map<String, Integer> ports(Container container) {
    Map<String, Integer> ports = new LinkedHashMap<>();
    for (ContainerPort port : container.getPorts()) {
      assertNull(
          ports.put(port.getName(), port.getContainerPort()),
          "port name " + port.getName() + " twice");
    }
    return ports;
  }

  private static Map<String, Integer> servicePorts(Service service) {
    Map<String, Integer> ports = new LinkedHashMap<>();
    service.getSpec().getPorts().forEach(p -> ports.put(p.getName(), p.getPort()));
    return ports;
  }

  private static Map<String, Volume> volumes(PodSpec spec) {
    Map<String, Volume> volumes = new LinkedHashMap<>();
    spec.getVolumes()
        .forEach(v -> assertNull(volumes.put(v.getName(), v), "volume " + v.getName() + " twice"));
    return volumes;
  }

  private static String mountPath(Container container, String volume) {
    return container.getVolumeMounts().stream()
        .filter(m -> m.getName().equals(volume))
        .map(VolumeMount::getMountPath)
        .findFirst()
        .orElse(null);
  }
}
