package io.taskbeam.internal.options;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runner profiles: {@code --profile=NAME} stands for the options in {@code
 * runners-config/NAME.properties} (bundled with the SDK), or {@code
 * --profile=path/to/file.properties} for a file of the same form. A profile line {@code
 * option=value} becomes {@code --option=value} unless the command line gives that option itself; a
 * line {@code flink.KEY=value} becomes {@code --flinkConfig=KEY=value}, a Flink setting for the
 * job. Lines starting with {@code #} are comments.
 */
public final class RunnerProfiles {
  /** The profiles bundled from {@code runners-config/}. */
  public static final List<String> BUNDLED =
      List.of("direct", "flink-embedded", "flink-cluster", "flink-k8s");

  private static final String RESOURCE_DIR = "/io/taskbeam/profiles/";
  private static final String FLINK_PREFIX = "flink.";

  private RunnerProfiles() {}

  /** {@code args} with its {@code --profile} (if any) expanded in front of the other options. */
  public static String[] expand(String[] args) {
    String profile = null;
    Set<String> given = new HashSet<>();
    for (String arg : args) {
      String name = optionName(arg);
      if (name == null) {
        continue;
      }
      given.add(name);
      if (name.equals("profile")) {
        int eq = arg.indexOf('=');
        if (eq < 0) {
          throw new IllegalArgumentException(
              "--profile needs a value: --profile=NAME with NAME "
                  + "one of "
                  + String.join(", ", BUNDLED)
                  + ", or a .properties file");
        }
        profile = arg.substring(eq + 1);
      }
    }
    if (profile == null) {
      return args;
    }
    List<String> expanded = new ArrayList<>();
    load(profile)
        .forEach(
            (key, value) -> {
              if (key.startsWith(FLINK_PREFIX)) {
                expanded.add("--flinkConfig=" + key.substring(FLINK_PREFIX.length()) + "=" + value);
              } else if (!given.contains(key)) {
                expanded.add("--" + key + "=" + value);
              }
            });
    expanded.addAll(List.of(args));
    return expanded.toArray(String[]::new);
  }

  /** The entries of profile {@code name} in file order. */
  public static Map<String, String> load(String name) {
    boolean isFile = name.contains("/") || name.endsWith(".properties");
    if (isFile) {
      Path path = Path.of(name);
      if (!Files.isRegularFile(path)) {
        throw new IllegalArgumentException(
            "--profile="
                + name
                + ": no such file (give one of "
                + String.join(", ", BUNDLED)
                + ", or the path of a .properties file)");
      }
      try (InputStream in = Files.newInputStream(path)) {
        return parse(in, name);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read profile " + path, e);
      }
    }
    try (InputStream in =
        RunnerProfiles.class.getResourceAsStream(RESOURCE_DIR + name + ".properties")) {
      if (in == null) {
        throw new IllegalArgumentException(
            "unknown profile --profile="
                + name
                + ": use one of "
                + String.join(", ", BUNDLED)
                + ", or the path of a .properties file");
      }
      return parse(in, name);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read profile " + name, e);
    }
  }

  private static Map<String, String> parse(InputStream in, String name) throws IOException {
    Map<String, String> entries = new LinkedHashMap<>();
    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    int number = 0;
    for (String line = reader.readLine(); line != null; line = reader.readLine()) {
      number++;
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        continue;
      }
      int eq = trimmed.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException(
            "profile " + name + " line " + number + " is not " + "option=value: " + trimmed);
      }
      entries.put(trimmed.substring(0, eq).strip(), trimmed.substring(eq + 1).strip());
    }
    return entries;
  }

  private static String optionName(String arg) {
    if (!arg.startsWith("--")) {
      return null;
    }
    int eq = arg.indexOf('=');
    return eq < 0 ? arg.substring(2) : arg.substring(2, eq);
  }
}
