package io.taskbeam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a run's {@code report.html}: the dashboard's page frozen with one state message, which the
 * page's script renders. Tests without a browser check the facts in that state; the browser tests
 * check the same facts in the rendered page.
 */
final class ReportPages {
  private static final String FROZEN = "const FROZEN = ";

  private ReportPages() {}

  /** The state the report page carries (the dashboard's final state plus its {@code report}). */
  static JsonNode state(Path reportHtml) throws IOException {
    String html = Files.readString(reportHtml);
    int from = html.indexOf(FROZEN);
    if (from < 0) {
      throw new AssertionError("no frozen state in " + reportHtml);
    }
    from += FROZEN.length();
    int to = html.indexOf(";\n", from);
    return new ObjectMapper().readTree(html.substring(from, to));
  }
}
