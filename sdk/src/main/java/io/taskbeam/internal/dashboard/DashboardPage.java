package io.taskbeam.internal.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The dashboard's page: {@code dashboard.html} with {@code dashboard.css} and {@code dashboard.js}
 * put inline, all three resources of the sdk jar (plain files, no build step, nothing from the
 * network). It fetches its state from {@code /events}. The page can also carry one state message in
 * place of the {@code FROZEN} placeholder and then fetches nothing: the seam for writing the run's
 * report with the same page, which is not done yet.
 */
final class DashboardPage {
  private static final String LIVE = assemble("null");

  private DashboardPage() {}

  /** The page that follows the run through {@code /events}. */
  static String live() {
    return LIVE;
  }

  private static String assemble(String stateJson) {
    return resource("dashboard.html")
        .replace("/*CSS*/", resource("dashboard.css"))
        .replace("/*FROZEN*/null", stateJson.replace("</", "<\\/"))
        .replace("/*JS*/", resource("dashboard.js"));
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
