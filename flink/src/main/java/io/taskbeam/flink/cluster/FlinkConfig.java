package io.taskbeam.flink.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * An ordered set of flat Flink config entries ({@code a.b.c: value}), read from and written as
 * Flink 1.19 {@code config.yaml}.
 *
 * <p>Only the flat form is supported: Flink 1.19 accepts it, it is what {@code
 * flink/conf/config.yaml} uses, and it keeps reading and overriding keys trivial. Nested YAML is
 * rejected with a clear message rather than misread.
 */
public final class FlinkConfig {
  /** The classpath resource that {@code flink/conf/config.yaml} is copied to at build time. */
  static final String DEFAULT_RESOURCE = "config.yaml";

  private static final Pattern NEEDS_QUOTES =
      Pattern.compile(
          "^$|^\\s|\\s$|: |:$| #|^[-?:,\\[\\]{}#&*!|>'\"%@`](?:\\s|$)|^[\\[\\]{}#&*!|>'\"%@`,]|[\\n\\r\\t]");

  private final Map<String, String> entries = new LinkedHashMap<>();

  /** Parses flat {@code key: value} lines; comments and blank lines are skipped. */
  public static FlinkConfig parse(String yaml, String sourceName) {
    FlinkConfig config = new FlinkConfig();
    String[] lines = yaml.split("\\R", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.equals("---")) {
        continue;
      }
      String where = sourceName + " line " + (i + 1);
      if (Character.isWhitespace(line.charAt(0))) {
        throw new ClusterException(
            where + ": nested YAML is not supported; write flat keys (a.b.c: value)");
      }
      int colon = line.indexOf(": ");
      if (colon <= 0 && line.endsWith(":")) {
        throw new ClusterException(
            where + ": nested YAML is not supported; write flat keys (a.b.c: value)");
      }
      if (colon <= 0) {
        throw new ClusterException(where + ": expected 'key: value', got '" + trimmed + "'");
      }
      config.set(
          line.substring(0, colon).strip(),
          unquote(stripComment(line.substring(colon + 2).strip())));
    }
    return config;
  }

  /** Reads a config file. */
  public static FlinkConfig load(Path file) {
    try {
      return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    } catch (IOException e) {
      throw new ClusterException("cannot read Flink config " + file + ": " + e.getMessage(), e);
    }
  }

  /** The project's cluster config, {@code flink/conf/config.yaml}, as bundled on the classpath. */
  public static FlinkConfig loadDefault() {
    try (InputStream in = FlinkConfig.class.getResourceAsStream(DEFAULT_RESOURCE)) {
      if (in == null) {
        throw new ClusterException(
            "resource "
                + DEFAULT_RESOURCE
                + " is missing next to "
                + FlinkConfig.class.getName()
                + "; rebuild with: ./mvnw -pl flink -am compile");
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "flink/conf/config.yaml");
    } catch (IOException e) {
      throw new ClusterException("cannot read bundled Flink config: " + e.getMessage(), e);
    }
  }

  public FlinkConfig set(String key, String value) {
    if (key.isBlank() || key.contains(" ")) {
      throw new IllegalArgumentException("invalid Flink config key '" + key + "'");
    }
    entries.put(key, value);
    return this;
  }

  /** The value, or null when the key is not set. */
  public String get(String key) {
    return entries.get(key);
  }

  /**
   * The JVM options this config asks for through Flink's {@code env.java.opts.all} and {@code
   * env.java.opts.<process>} keys, in that order ({@code process}: {@code jobmanager}, {@code
   * taskmanager}, {@code client}); what Flink's start scripts add to a process's command line.
   */
  public List<String> javaOptions(String process) {
    List<String> options = new ArrayList<>();
    for (String key : List.of("env.java.opts.all", "env.java.opts." + process)) {
      String value = get(key);
      if (value != null && !value.isBlank()) {
        options.addAll(List.of(value.strip().split("\\s+")));
      }
    }
    return options;
  }

  /** All entries in insertion order (read-only). */
  public Map<String, String> asMap() {
    return Collections.unmodifiableMap(entries);
  }

  /**
   * Writes the entries as flat YAML, quoting only values that would otherwise not parse as text.
   */
  public String toYaml(String header) {
    StringBuilder out = new StringBuilder();
    header.lines().forEach(l -> out.append("# ").append(l).append('\n'));
    entries.forEach((k, v) -> out.append(k).append(": ").append(quoteIfNeeded(v)).append('\n'));
    return out.toString();
  }

  public void write(Path file, String header) throws IOException {
    Files.writeString(file, toYaml(header), StandardCharsets.UTF_8);
  }

  static String quoteIfNeeded(String value) {
    return NEEDS_QUOTES.matcher(value).find() ? "'" + value.replace("'", "''") + "'" : value;
  }

  private static String stripComment(String value) {
    if (value.startsWith("'") || value.startsWith("\"")) {
      return value;
    }
    int hash = value.indexOf(" #");
    return hash < 0 ? value : value.substring(0, hash).strip();
  }

  private static String unquote(String value) {
    if (value.length() >= 2 && value.startsWith("'") && value.endsWith("'")) {
      return value.substring(1, value.length() - 1).replace("''", "'");
    }
    if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
      return value.substring(1, value.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
    }
    return value;
  }
}
