package io.taskbeam.k8s;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.marcnuri.helm.LintResult;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code helm lint --strict}, values Helm must refuse, and the strict parser itself. */
class ChartLintTest {
  @Test
  void lintStrictPasses() {
    LintResult result = Chart.lint();
    assertFalse(result.isFailed(), () -> "helm lint --strict failed: " + result.getMessages());
    assertThat(
        result.getMessages().toString(),
        result.getMessages().stream()
            .filter(m -> m.contains("[WARNING]") || m.contains("[ERROR]"))
            .toList(),
        empty());
  }

  /** Each bad value stops the render with one message naming the value and the fix. */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "worker.number|0|at '/worker/number': minimum: got 0, want 1",
        "worker.resources.memory|0.5|worker.resources.memory=0.5: a TaskManager needs at least 1 GiB",
        "app.name|wordcount|app.name=wordcount is not a taskbeam application: use matmul, cholesky, kmeans, genetic, fastq or mandelbrot, or set app.mainClass",
        "volume.hostPath|/data|volume.hostPath needs volume.node",
        "tls.enabled|true|tls.enabled=true needs tls.secretName",
        "flink.config.jobmanager\\.rpc\\.address|elsewhere|flink.config.jobmanager.rpc.address: the chart sets this key itself",
        "flink.config.security\\.ssl\\.internal\\.enabled|true|flink.config.security.ssl.internal.enabled: TLS settings come from tls.*",
        "app.params.workDir|/tmp|app.params.workDir: the chart sets --workDir itself",
        "image.pullPolicy|Sometimes|at '/image/pullPolicy': value must be one of 'IfNotPresent', 'Always', 'Never'",
        "worker.slot|2|at '/worker': additional properties 'slot' not allowed",
        "worker.drainSeconds|0|at '/worker/drainSeconds': minimum: got 0, want 1",
        "worker.drainSeconds|90000|at '/worker/drainSeconds': maximum: got 90,000, want 86,400",
      })
  void badValuesAreRefused(String key, String value, String message) {
    Exception e = assertThrows(Exception.class, () -> Chart.template("bad", Map.of(key, value)));
    assertThat(e.getMessage(), containsString(message));
  }

  @Test
  void restTlsWithTheDriverIsRefused() {
    Exception e =
        assertThrows(
            Exception.class,
            () ->
                Chart.template(
                    "bad",
                    Chart.values(
                        "tls.enabled",
                        true,
                        "tls.secretName",
                        "flink-tls",
                        "tls.rest.enabled",
                        true)));
    assertThat(e.getMessage(), containsString("the driver's REST client cannot use TLS yet"));
  }

  @Test
  void strictParsingReportsUnknownFields() {
    String deployment =
        """
        # Source: taskbeam/templates/x.yaml
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: x
        spec:
          replicas: 1
          template:
            spec:
              containers:
                - name: c
                  image: i
                  volumMounts: []
        """;
    AssertionError e = assertThrows(AssertionError.class, () -> Rendered.parseDocument(deployment));
    assertThat(e.getMessage(), containsString("spec.template.spec.containers[0].volumMounts"));
    AssertionError wrongApi =
        assertThrows(
            AssertionError.class,
            () -> Rendered.parseDocument(deployment.replace("apps/v1", "extensions/v1beta1")));
    assertThat(wrongApi.getMessage(), containsString("expected apps/v1"));
  }

  @Test
  void rendersEveryExpectedKind() {
    Rendered rendered =
        Chart.render(
            "kinds",
            Chart.values(
                "monitoring.serviceMonitor.enabled",
                true,
                "monitoring.serviceMonitor.assumeApiAvailable",
                true));
    for (String kind : Rendered.KINDS.keySet()) {
      assertThat(rendered.all().stream().map(o -> o.getKind()).toList(), hasItem(kind));
    }
  }
}
