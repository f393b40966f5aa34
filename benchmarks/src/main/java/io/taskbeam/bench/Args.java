package io.taskbeam.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code --key=value} and {@code --flag} arguments; a key may repeat. */
final class Args {
  private Args() {}

  static Map<String, List<String>> parse(String[] args) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (String arg : args) {
      if (!arg.startsWith("--") || arg.length() == 2) {
        throw new IllegalArgumentException(
            "unexpected argument '" + arg + "': options look like --name=value or --flag");
      }
      int eq = arg.indexOf('=');
      String key = eq < 0 ? arg.substring(2) : arg.substring(2, eq);
      String value = eq < 0 ? "true" : arg.substring(eq + 1);
      out.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
    }
    return out;
  }

  /** The last value of {@code key}, or {@code fallback}; a null fallback makes it required. */
  static String one(Map<String, List<String>> opts, String key, String fallback) {
    List<String> values = opts.get(key);
    if (values == null || values.isEmpty()) {
      if (fallback == null) {
        throw new IllegalArgumentException("--" + key + " is required");
      }
      return fallback;
    }
    return values.get(values.size() - 1);
  }

  static int positive(Map<String, List<String>> opts, String key, int fallback) {
    String value = one(opts, key, Integer.toString(fallback));
    try {
      int n = Integer.parseInt(value);
      if (n >= 1) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        "--" + key + " must be a positive integer; got '" + value + "'");
  }
}
