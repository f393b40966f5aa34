package io.taskbeam.k8s;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.InstallCommand;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The chart under test, run through real Helm 3 (helm-java: Helm compiled to a native library).
 * {@code helm template} knows no cluster, so {@code .Capabilities.APIVersions} holds only the
 * built-in APIs: a ServiceMonitor renders only with monitoring.serviceMonitor.assumeApiAvailable.
 */
final class Chart {
  static final String NAMESPACE = "batch";

  /** helm template assumes Kubernetes 1.20 unless told; the chart needs 1.23 (Job TTL). */
  static final String KUBE_VERSION = "v1.30.0";

  private Chart() {}

  static LintResult lint() {
    return new Helm(Repo.CHART).lint().strict().call();
  }

  /** The rendered manifests of a release with {@code --set key=value} for every entry. */
  static String template(String release, Map<String, ?> values) {
    TemplateCommand command =
        new Helm(Repo.CHART)
            .template()
            .withName(release)
            .withNamespace(NAMESPACE)
            .withKubeVersion(KUBE_VERSION);
    values.forEach(command::set);
    return command.call();
  }

  /** The rendered manifests of a release installed with {@code -f valuesFile}. */
  static String templateWithValuesFile(String release, java.nio.file.Path valuesFile) {
    return new Helm(Repo.CHART)
        .template()
        .withName(release)
        .withNamespace(NAMESPACE)
        .withKubeVersion(KUBE_VERSION)
        .withValuesFile(valuesFile)
        .call();
  }

  /**
   * What {@code helm install} prints after installing (the chart's NOTES.txt, rendered), from a
   * client-only dry run: no cluster needed.
   */
  static String notes(String release, Map<String, ?> values) {
    InstallCommand command =
        new Helm(Repo.CHART)
            .install()
            .withName(release)
            .withNamespace(NAMESPACE)
            .withKubeVersion(KUBE_VERSION)
            .clientOnly()
            .dryRun();
    values.forEach(command::set);
    return command.call().getOutput();
  }

  static Rendered render(String release, Map<String, ?> values) {
    return Rendered.parse(template(release, values));
  }

  /**
   * Values in order, for readable test cases: {@code values("worker.number", 4, "tls.enabled",
   * true)}.
   */
  static Map<String, Object> values(Object... keysAndValues) {
    Map<String, Object> values = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      values.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return values;
  }
}
