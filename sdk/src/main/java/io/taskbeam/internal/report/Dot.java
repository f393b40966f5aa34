package io.taskbeam.internal.report;

/** DOT syntax helpers. */
final class Dot {
  private Dot() {}

  /** A DOT string literal. */
  static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
  }
}
