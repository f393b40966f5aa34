package io.taskbeam.internal.report;

import io.taskbeam.internal.dashboard.JsonWriter;

/**
 * JSON string literals, for the few JSON and JavaScript texts the report writes by hand: the
 * dashboard's escaping ({@link JsonWriter#quote(String)}), so the two cannot drift apart.
 */
final class Json {
  private Json() {}

  static String quote(String s) {
    return JsonWriter.quote(s);
  }
}
