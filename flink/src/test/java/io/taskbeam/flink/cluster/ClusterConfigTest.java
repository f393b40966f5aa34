package io.taskbeam.flink.cluster;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasEntry;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.GlobalConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The config a local cluster runs with: base, then extra entries, then the launcher's keys. */
class ClusterConfigTest {
  private static final ClusterPorts PORTS = new ClusterPorts(18081, 16123, 16124, 0, 0);

  @Test
  void generatesBaseThenExtraThenManagedKeysExactly() {
    FlinkConfig base =
        new FlinkConfig()
            .set("rest.port", "8081")
            .set("taskmanager.memory.process.size", "1536m")
            .set("taskmanager.numberOfTaskSlots", "1");
    Map<String, String> extra = Map.of("metrics.reporter.prom.port", "9249-9259");

    FlinkConfig config =
        ClusterConfig.generate(base, extra, "127.0.0.1", PORTS, 2, Path.of("/run/tmp"));

    Map<String, String> expected = new LinkedHashMap<>();
    expected.put("rest.port", "18081");
    expected.put("taskmanager.memory.process.size", "1536m");
    expected.put("taskmanager.numberOfTaskSlots", "2");
    expected.put("metrics.reporter.prom.port", "9249-9259");
    expected.put("jobmanager.rpc.address", "127.0.0.1");
    expected.put("jobmanager.bind-host", "127.0.0.1");
    expected.put("jobmanager.rpc.port", "16123");
    expected.put("taskmanager.host", "127.0.0.1");
    expected.put("taskmanager.bind-host", "127.0.0.1");
    expected.put("rest.address", "127.0.0.1");
    expected.put("rest.bind-address", "127.0.0.1");
    expected.put("rest.bind-port", "18081");
    expected.put("blob.server.port", "16124");
    expected.put("io.tmp.dirs", "/run/tmp");
    expected.put("web.tmpdir", "/run/tmp");
    assertThat(List.copyOf(config.asMap().entrySet()), equalTo(List.copyOf(expected.entrySet())));
  }

  @Test
  void extraConfigMustNotSetLauncherKeys() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                ClusterConfig.generate(
                    new FlinkConfig(),
                    Map.of("rest.port", "1"),
                    "127.0.0.1",
                    PORTS,
                    1,
                    Path.of("/tmp")));

    assertThat(
        e.getMessage(),
        equalTo(
            "config key rest.port is set by the launcher; use its ports/slots settings instead of extra config"));
  }

  @Test
  void taskManagerArgsNameTheTaskManagerAndItsFixedPorts() {
    assertThat(
        ClusterConfig.taskManagerArgs(3, PORTS),
        contains("-D", "taskmanager.resource-id=taskmanager-3"));
    assertThat(
        ClusterConfig.taskManagerArgs(3, PORTS.withTaskManagerPorts(40000, 41000)),
        contains(
            "-D", "taskmanager.resource-id=taskmanager-3",
            "-D", "taskmanager.rpc.port=40002",
            "-D", "taskmanager.data.port=41002"));
  }

  @Test
  void javaOptsComeFromAllThenTheProcessKey() {
    FlinkConfig config =
        new FlinkConfig()
            .set("env.java.opts.all", " --add-opens=a=b  -Dx=1 ")
            .set("env.java.opts.taskmanager", "-XX:+UseG1GC")
            .set("env.java.opts.jobmanager", "-Dj=1");

    assertThat(
        config.javaOptions("taskmanager"), contains("--add-opens=a=b", "-Dx=1", "-XX:+UseG1GC"));
  }

  /** The project's config.yaml plus overrides, written and read back by Flink's own loader. */
  @Test
  void flinkReadsTheGeneratedFileWithTheIntendedValues(@TempDir Path dir) throws Exception {
    FlinkConfig config =
        ClusterConfig.generate(
            FlinkConfig.loadDefault(),
            Map.of("a.b", "x: y"),
            "127.0.0.1",
            PORTS,
            2,
            dir.resolve("tmp"));
    config.write(dir.resolve("config.yaml"), "test");

    Map<String, String> flink = GlobalConfiguration.loadConfiguration(dir.toString()).toMap();

    assertThat(flink, hasEntry("jobmanager.memory.process.size", "1024m"));
    assertThat(flink, hasEntry("taskmanager.memory.process.size", "1536m"));
    assertThat(flink, hasEntry("taskmanager.numberOfTaskSlots", "2"));
    assertThat(flink, hasEntry("restart-strategy.type", "fixed-delay"));
    assertThat(flink, hasEntry("restart-strategy.fixed-delay.attempts", "5"));
    assertThat(flink, hasEntry("restart-strategy.fixed-delay.delay", "5 s"));
    assertThat(flink, hasEntry("heartbeat.interval", "2000"));
    assertThat(flink, hasEntry("heartbeat.timeout", "10000"));
    assertThat(flink, hasEntry("rest.port", "18081"));
    assertThat(flink, hasEntry("rest.bind-address", "127.0.0.1"));
    assertThat(flink, hasEntry("jobmanager.rpc.port", "16123"));
    assertThat(flink, hasEntry("io.tmp.dirs", dir.resolve("tmp").toString()));
    assertThat(flink, hasEntry("a.b", "x: y"));
    assertThat(flink, hasEntry("taskmanager.host", "127.0.0.1"));
    // config.yaml lists the same Java 17 flags as the launcher (for Flink's own scripts).
    assertThat(List.of(flink.get("env.java.opts.all").split(" ")), equalTo(FlinkJvm.JAVA_17_FLAGS));
  }
}
