package io.taskbeam.pipelines.observe;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;

import io.taskbeam.pipelines.matmul.MatMulMain;
import io.taskbeam.testlab.browser.HeadlessChromium;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The matmul program's report opened in headless Chromium (Debian package, no network): the report
 * is the live dashboard's page frozen with the run's state, and the screenshot shows its task
 * stream drawn from that state by the page's script, with no server. The stream's lanes have a
 * colour nothing else on the page uses ({@code #f2f5f9}); inside their bounding box the test counts
 * task-bar pixels. How many worker threads the DirectRunner used is its own choice, so the expected
 * lanes are read from the state the page carries.
 */
class ReportScreenshotIT {
  private static final int LANE = 0xf2f5f9;

  /** A lane in the page's state: {@code {"process":"host:pid","label":"..."}}. */
  private static final Pattern LANE_ENTRY = Pattern.compile("\\{\"process\":\"[^\"]*\",\"label\":");

  /** A task bar in the state: lane, function, start, end, state letter, task name. */
  private static final Pattern BAR_ENTRY =
      Pattern.compile("\\[\\d+,\\d+,-?\\d+,-?\\d+,\"[dfc]\",\"multiply");

  @TempDir Path tmp;

  @Test
  void reportShowsTheTaskStreamInHeadlessChromium() throws Exception {
    Path chromium = DebianTool.require("chromium", "chromium");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code =
        MatMulMain.run(
            new String[] {
              "--runner=DirectRunner",
              "--parallelism=2",
              "--n=512",
              "--blockSize=128",
              "--workDir=" + tmp.resolve("work"),
              "--runsDir=" + tmp.resolve("runs"),
              "--appName=matmul",
              "--metricsPort=-1",
              "--progress=off"
            },
            new PrintStream(out, true, StandardCharsets.UTF_8));
    assertThat(out.toString(StandardCharsets.UTF_8), code, equalTo(0));
    Path report = tmp.resolve("runs").resolve("matmul_01").resolve("report.html");
    String html = Files.readString(report);
    assertThat(
        "the passed check in the page's state",
        Pattern.compile(
                "\\{\"what\":\"C matches a sequential EJML product[^\"]*\",\"passed\":true}")
            .matcher(html)
            .find(),
        equalTo(true));
    // left in target/ like the dashboard's screenshot: docs/img/run-report.png is one of these
    Path png = Path.of("target", "report-matmul.png");
    screenshot(chromium, report, png, tmp.resolve("profile"));
    BufferedImage image = ImageIO.read(png.toFile());
    int[] box = laneBox(image);
    assertThat("task stream lanes found in the screenshot", box[2], greaterThan(box[0]));
    int bars = 0;
    int barRows = 0;
    for (int y = box[1]; y <= box[3]; y++) {
      int inRow = 0;
      for (int x = box[0]; x <= box[2]; x++) {
        int rgb = image.getRGB(x, y) & 0xffffff;
        if (rgb != LANE && rgb != 0xffffff && !grey(rgb)) {
          inRow++;
        }
      }
      bars += inRow;
      barRows += inRow > 0 ? 1 : 0;
    }
    // One lane per worker thread that ran a chunk, so every lane shows a 12-pixel band of bars.
    int lanes = count(html, LANE_ENTRY);
    assertThat("lanes in the report", lanes, greaterThanOrEqualTo(1));
    assertThat("task bars in the report", count(html, BAR_ENTRY), equalTo(64));
    assertThat(bars, greaterThan(500));
    assertThat("pixel rows holding task bars", barRows, equalTo(12 * lanes));
  }

  static void screenshot(Path chromium, Path page, Path png, Path profile) throws Exception {
    Files.createDirectories(profile);
    Process p =
        new ProcessBuilder(
                HeadlessChromium.command(
                    chromium,
                    profile,
                    "--disable-quic",
                    "--hide-scrollbars",
                    "--window-size=1280,2200",
                    "--screenshot=" + png,
                    page.toUri().toString()))
            .redirectErrorStream(true)
            .redirectOutput(profile.resolve("chromium.log").toFile())
            .start();
    p.getOutputStream().close();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("chromium did not finish in 120 s");
    }
    assertThat(
        Files.readString(profile.resolve("chromium.log")), Files.isRegularFile(png), equalTo(true));
  }

  private static int count(String text, Pattern entry) {
    Matcher m = entry.matcher(text);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  /** {minX, minY, maxX, maxY} of the lane-coloured pixels. */
  private static int[] laneBox(BufferedImage image) {
    int[] box = {Integer.MAX_VALUE, Integer.MAX_VALUE, -1, -1};
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        if ((image.getRGB(x, y) & 0xffffff) == LANE) {
          box[0] = Math.min(box[0], x);
          box[1] = Math.min(box[1], y);
          box[2] = Math.max(box[2], x);
          box[3] = Math.max(box[3], y);
        }
      }
    }
    return box;
  }

  /** Grid lines, labels and anti-aliased edges are grey; task bars are not. */
  private static boolean grey(int rgb) {
    int r = rgb >> 16 & 0xff;
    int g = rgb >> 8 & 0xff;
    int b = rgb & 0xff;
    return Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b)) < 24;
  }
}
