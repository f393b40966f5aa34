package io.taskbeam.k8s;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The instructions of flink/Dockerfile, for checking it against the build and for mapping the
 * image's paths onto the build's files in the rehearsal: each {@code COPY src dest} says where an
 * image path comes from, {@code ENV} what every container's environment starts with.
 */
record Dockerfile(List<List<String>> instructions) {
  /**
   * A {@code COPY}: a source relative to the build context (the repository root) and its image
   * path.
   */
  record Copy(String source, String destination) {}

  static Dockerfile read(Path file) throws IOException {
    List<List<String>> instructions = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : Files.readAllLines(file)) {
      if (line.strip().startsWith("#") || line.isBlank()) {
        continue;
      }
      if (line.endsWith("\\")) {
        current.append(line, 0, line.length() - 1).append(' ');
        continue;
      }
      current.append(line);
      instructions.add(List.of(current.toString().strip().split("\\s+")));
      current.setLength(0);
    }
    return new Dockerfile(instructions);
  }

  List<List<String>> all(String keyword) {
    return instructions.stream().filter(i -> i.get(0).equals(keyword)).toList();
  }

  List<Copy> copies() {
    List<Copy> copies = new ArrayList<>();
    for (List<String> copy : all("COPY")) {
      List<String> args = copy.stream().skip(1).filter(a -> !a.startsWith("--")).toList();
      if (args.size() != 2) {
        throw new IllegalStateException(
            "COPY with other than one source and one destination: " + copy);
      }
      copies.add(new Copy(args.get(0), args.get(1)));
    }
    return copies;
  }

  /** {@code ENV k=v ...} entries, in order. */
  Map<String, String> env() {
    Map<String, String> env = new LinkedHashMap<>();
    for (List<String> instruction : all("ENV")) {
      for (String pair : instruction.subList(1, instruction.size())) {
        int eq = pair.indexOf('=');
        env.put(pair.substring(0, eq), pair.substring(eq + 1));
      }
    }
    return env;
  }

  /** Image path prefix -> build path, from the COPY lines (directories end without '/'). */
  Map<String, Path> pathMapping(Path contextRoot) {
    Map<String, Path> mapping = new LinkedHashMap<>();
    for (Copy copy : copies()) {
      mapping.put(trimSlash(copy.destination()), contextRoot.resolve(trimSlash(copy.source())));
    }
    return mapping;
  }

  private static String trimSlash(String path) {
    return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }
}
