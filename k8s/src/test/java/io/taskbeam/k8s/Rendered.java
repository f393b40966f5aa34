package io.taskbeam.k8s;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rendered manifests, each parsed strictly as its typed fabric8 model: a kind the chart should not
 * produce, an apiVersion other than the one expected for the kind, or any field the model does not
 * know fails the parse with the document's source template.
 */
final class Rendered {
  /** The kinds the chart may render, with their apiVersion and model. */
  static final Map<String, Kind> KINDS =
      Map.of(
          "ConfigMap", new Kind("v1", ConfigMap.class),
          "Service", new Kind("v1", Service.class),
          "PersistentVolumeClaim", new Kind("v1", PersistentVolumeClaim.class),
          "Deployment", new Kind("apps/v1", Deployment.class),
          "Job", new Kind("batch/v1", Job.class),
          "ServiceMonitor", new Kind("monitoring.coreos.com/v1", ServiceMonitor.class));

  record Kind(String apiVersion, Class<? extends HasMetadata> model) {}

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
  private static final com.fasterxml.jackson.databind.ObjectMapper JACKSON2 =
      new com.fasterxml.jackson.databind.ObjectMapper();
  private static final Pattern TOP_LEVEL =
      Pattern.compile("^(kind|apiVersion): *(\\S+) *$", Pattern.MULTILINE);
  private static final Pattern SOURCE = Pattern.compile("^# Source: (\\S+)", Pattern.MULTILINE);

  private final List<HasMetadata> objects;

  private Rendered(List<HasMetadata> objects) {
    this.objects = List.copyOf(objects);
  }

  static Rendered parse(String manifests) {
    List<HasMetadata> objects = new ArrayList<>();
    for (String document : manifests.split("(?m)^---\\s*$")) {
      if (document.lines().allMatch(l -> l.isBlank() || l.startsWith("#"))) {
        continue;
      }
      objects.add(parseDocument(document));
    }
    return new Rendered(objects);
  }

  static HasMetadata parseDocument(String document) {
    String source = find(SOURCE, document).orElse("(no source)");
    String kindName = null;
    String apiVersion = null;
    Matcher m = TOP_LEVEL.matcher(document);
    while (m.find()) {
      if (m.group(1).equals("kind")) {
        kindName = m.group(2);
      } else {
        apiVersion = m.group(2);
      }
    }
    Kind kind = KINDS.get(kindName);
    if (kind == null) {
      throw new AssertionError(source + ": unexpected kind " + kindName);
    }
    if (!kind.apiVersion().equals(apiVersion)) {
      throw new AssertionError(
          source
              + ": "
              + kindName
              + " has apiVersion "
              + apiVersion
              + ", expected "
              + kind.apiVersion());
    }
    HasMetadata object =
        kind.model() == ServiceMonitor.class
            // The newest monitoring model (7.7.0) is built for Jackson 2; 8.0.0's serialization
            // (Jackson 3) cannot bind it, so it goes through the Jackson 2 the classpath also has.
            ? JACKSON2.convertValue(
                SERIALIZATION.unmarshal(document, Map.class), ServiceMonitor.class)
            : SERIALIZATION.unmarshal(document, kind.model());
    List<String> unknown = StrictModel.unknownFields(object);
    if (!unknown.isEmpty()) {
      throw new AssertionError(source + ": fields unknown to " + kindName + ": " + unknown);
    }
    return object;
  }

  List<HasMetadata> all() {
    return objects;
  }

  <T extends HasMetadata> List<T> all(Class<T> type) {
    return objects.stream().filter(type::isInstance).map(type::cast).toList();
  }

  <T extends HasMetadata> Optional<T> find(Class<T> type, String name) {
    return all(type).stream().filter(o -> o.getMetadata().getName().equals(name)).findFirst();
  }

  <T extends HasMetadata> T one(Class<T> type, String name) {
    return find(type, name)
        .orElseThrow(
            () ->
                new AssertionError(
                    "no " + type.getSimpleName() + " named " + name + " among " + names()));
  }

  /**
   * The release's one driver Job, named {@code <fullname>-driver-<8 hex digits>} (its spec's hash:
   * the chart starts a new run exactly when the spec changes).
   */
  Job driverJob(String fullname) {
    List<Job> jobs = all(Job.class);
    if (jobs.size() != 1) {
      throw new AssertionError("expected one driver Job, got " + names());
    }
    String name = jobs.get(0).getMetadata().getName();
    if (!name.matches(Pattern.quote(fullname) + "-driver-[0-9a-f]{8}")) {
      throw new AssertionError("the driver Job is " + name + ", not " + fullname + "-driver-HASH");
    }
    return jobs.get(0);
  }

  List<String> names() {
    return objects.stream()
        .map(o -> o.getKind() + "/" + o.getMetadata().getName())
        .sorted()
        .toList();
  }

  private static Optional<String> find(Pattern pattern, String text) {
    Matcher m = pattern.matcher(text);
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }
}
