package io.taskbeam.internal.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The dashboard's page: {@code dashboard.html} with {@code dashboard.css} and {@code dashboard.js}
 * put inline, all three resources of the sdk jar (plain files, no build step, nothing from the
 * network). It fetches its state from {@code /events}; or it carries one state message in place of
 * the {@code FROZEN} placeholder and then fetches nothing: that frozen page is the run's report.
 */
final class DashboardPage {
  private static final String LIVE = assemble("null");

  private DashboardPage() {}

  /** The page that follows the run through {@code /events}. */
  static String live() {
    return LIVE;
  }

  /** The page showing {@code stateJson} (one state message) and nothing else: a run's report. */
  static String frozen(String stateJson) {
    return assemble(stateJson);
  }

  private static String assemble(String stateJson) {
    // the scripts go in first: the state (task names, messages) is the only text from the run
    String page =
        resource("dashboard.html")
            .replace("/*CSS*/", resource("dashboard.css"))
            .replace("/*JS*/", resource("dashboard-report.js") + resource("dashboard.js"));
    return page.replace("/*FROZEN*/null", stateJson.replace("</", "<\\/"));
  }

  private static String resource(String name) {
    try (InputStream in = DashboardPage.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("the sdk jar lacks its dashboard resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the dashboard resource " + name, e);
    }
  }
}
