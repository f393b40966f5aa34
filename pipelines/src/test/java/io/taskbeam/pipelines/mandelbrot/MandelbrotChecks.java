package io.taskbeam.pipelines.mandelbrot;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.taskbeam.SyncReport;
import io.taskbeam.TaskBeam;
import io.taskbeam.pipelines.ProgramRuns;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Test bodies that take the runner's options, so the same checks run on the DirectRunner here and
 * on Flink in the conformance suite.
 */
public final class MandelbrotChecks {
  private MandelbrotChecks() {}

  /** Bands of unequal height (151 rows in 13 bands) stack into the sequential picture. */
  public static void bandsStackIntoTheSequentialPicture(String... runnerArgs) {
    Region region = Region.parasnake(203, 151, 300);
    int[] counts;
    try (TaskBeam tb = TaskBeam.start(runnerArgs)) {
      counts = Mandelbrot.compute(tb, region, 13);
      // one job at a sync point; under --pipelined the flusher may cut it when the program is
      // quiet for a few ms, so count the tasks of every job
      assertThat(SyncReport.total(tb.reports()).tasks(), is(13));
    }
    assertArrayEquals(SequentialMandelbrot.image(region), counts);
  }

  /** The program's PNG is pixel-identical to the colouring of the sequential counts. */
  public static void programWritesThePicture(Path dir, String... runnerArgs) throws Exception {
    Path png = dir.resolve("m.png");
    String out =
        ProgramRuns.run(
            MandelbrotMain::run,
            ProgramRuns.with(
                runnerArgs,
                "--width=120",
                "--height=90",
                "--maxIterations=200",
                "--bands=9",
                "--output=" + png));
    assertThat(out, containsString("plan: 9 tasks in 1 stages"));
    assertThat(out, containsString("verify: 0 of 10800 pixels differ from a sequential run"));
    Region region = Region.parasnake(120, 90, 200);
    BufferedImage expected = Colouring.image(SequentialMandelbrot.image(region), region);
    BufferedImage written = ImageIO.read(png.toFile());
    assertThat(written.getWidth(), is(120));
    assertThat(written.getHeight(), is(90));
    for (int y = 0; y < 90; y++) {
      for (int x = 0; x < 120; x++) {
        assertThat("pixel " + x + "," + y, written.getRGB(x, y), is(expected.getRGB(x, y)));
      }
    }
  }
}
