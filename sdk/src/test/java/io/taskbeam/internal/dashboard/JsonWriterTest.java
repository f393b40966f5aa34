package io.taskbeam.internal.dashboard;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

/**
 * The one JSON string escaping of the sdk (the dashboard's messages and, through {@code
 * report.Json}, the run report's trace): what JSON requires, and {@code <} and U+2028/U+2029 for
 * texts that sit inside an HTML script element.
 */
class JsonWriterTest {
  @Test
  void quoteEscapesWhatJsonAndAScriptElementNeed() {
    assertThat(
        JsonWriter.quote("a\"b\\c\nd\re\tf</script>\u0001\u2028é"),
        equalTo("\"a\\\"b\\\\c\\nd\\re\\tf\\u003c/script>\\u0001\\u2028é\""));
    assertThat(JsonWriter.quote(""), equalTo("\"\""));
  }

  @Test
  void namesAndValuesAreQuotedAlikeAndCommasPlaced() {
    String json =
        new JsonWriter()
            .beginObject()
            .member("k<", "v\"")
            .member("n", 3)
            .member("b", true)
            .name("a")
            .beginArray()
            .value((String) null)
            .value("x")
            .endArray()
            .endObject()
            .toString();
    assertThat(json, equalTo("{\"k\\u003c\":\"v\\\"\",\"n\":3,\"b\":true,\"a\":[null,\"x\"]}"));
  }
}
