package io.taskbeam.internal.dashboard;

/**
 * A JSON text written front to back, for the dashboard's state messages: objects and arrays are
 * opened and closed by the caller, commas are placed here. No library: the sdk jar carries none,
 * and the state is a few flat tables. Public because the run report writes its own sections with it
 * (and its trace files use {@link #quote(String)}).
 */
public final class JsonWriter {
  private final StringBuilder out = new StringBuilder(4096);
  private boolean needComma;

  public JsonWriter beginObject() {
    comma();
    out.append('{');
    needComma = false;
    return this;
  }

  public JsonWriter endObject() {
    out.append('}');
    needComma = true;
    return this;
  }

  public JsonWriter beginArray() {
    comma();
    out.append('[');
    needComma = false;
    return this;
  }

  public JsonWriter endArray() {
    out.append(']');
    needComma = true;
    return this;
  }

  /** The key of the next member of an object. */
  public JsonWriter name(String key) {
    comma();
    appendQuoted(out, key);
    out.append(':');
    needComma = false;
    return this;
  }

  public JsonWriter value(String s) {
    comma();
    if (s == null) {
      out.append("null");
    } else {
      appendQuoted(out, s);
    }
    needComma = true;
    return this;
  }

  public JsonWriter value(long n) {
    comma();
    out.append(n);
    needComma = true;
    return this;
  }

  public JsonWriter value(boolean b) {
    comma();
    out.append(b);
    needComma = true;
    return this;
  }

  public JsonWriter member(String key, String s) {
    return name(key).value(s);
  }

  public JsonWriter member(String key, long n) {
    return name(key).value(n);
  }

  public JsonWriter member(String key, boolean b) {
    return name(key).value(b);
  }

  /** A JSON text written elsewhere ({@code json} must be one complete value), as the next value. */
  JsonWriter raw(String json) {
    comma();
    out.append(json);
    needComma = true;
    return this;
  }

  @Override
  public String toString() {
    return out.toString();
  }

  private void comma() {
    if (needComma) {
      out.append(',');
    }
  }

  /**
   * {@code s} as a JSON string literal, {@code "a\"b"} for {@code a"b}; {@code <} is escaped so the
   * text can sit inside an HTML script element, and U+2028/U+2029 so it stays a valid JavaScript
   * string too.
   */
  public static String quote(String s) {
    StringBuilder out = new StringBuilder(s.length() + 2);
    appendQuoted(out, s);
    return out.toString();
  }

  private static void appendQuoted(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '<' -> out.append("\\u003c");
        case '\u2028', '\u2029' -> out.append(String.format("\\u%04x", (int) c));
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
