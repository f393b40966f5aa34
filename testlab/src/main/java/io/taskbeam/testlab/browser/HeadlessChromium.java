package io.taskbeam.testlab.browser;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of a headless Chromium for tests: no sandbox (CI runs as root), no GPU, nothing
 * fetched from the network on its own (first-run pages, component updates, sync), a fresh profile
 * in {@code profile}; {@code then} adds what the test needs (a screenshot, the DOM, a DevTools
 * port) and the page to open last.
 */
public final class HeadlessChromium {
  private HeadlessChromium() {}

  public static List<String> command(Path chromium, Path profile, String... then) {
    List<String> command =
        new ArrayList<>(
            List.of(
                chromium.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--user-data-dir=" + profile));
    command.addAll(List.of(then));
    return command;
  }
}
