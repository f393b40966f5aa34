package io.taskbeam.pipelines.mandelbrot;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;

import io.taskbeam.pipelines.ProgramRuns;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mandelbrot's escape counts, picture file and bad input. The bands against the sequential picture
 * run in the conformance suite, on every runner ({@code ConformanceSuite}).
 */
class MandelbrotTest {
  @TempDir Path dir;

  @Test
  void escapeCountsOfKnownPoints() {
    assertThat(Mandelbrot.escape(0, 0, 100), is(100));
    assertThat(Mandelbrot.escape(-1, 0, 100), is(100));
    // 0 -> 1 -> 2 -> 5: |5| > 2 after three steps
    assertThat(Mandelbrot.escape(1, 0, 100), is(3));
    assertThat(Mandelbrot.escape(-2.5, 0, 100), is(1));
  }

  @Test
  void programWritesThePicture() throws Exception {
    MandelbrotChecks.programWritesThePicture(dir, ProgramRuns.direct(dir));
  }

  @Test
  void badInputIsOneLineAndWritesNothing() {
    String out = "--output=" + dir.resolve("m.png");
    assertThat(
        fail("--bands=0", out),
        equalTo(
            "mandelbrot: error: --bands must be between 1 " + "and the image height 2048; got 0"));
    assertThat(
        fail("--height=10", "--bands=11", out),
        equalTo(
            "mandelbrot: error: --bands " + "must be between 1 and the image height 10; got 11"));
    assertThat(
        fail("--width=-4", out),
        equalTo("mandelbrot: error: --width must be a positive " + "integer; got -4"));
    assertThat(
        fail("--output=" + dir.resolve("no/such/m.png")),
        equalTo(
            "mandelbrot: error: "
                + "--output: directory "
                + dir.resolve("no/such")
                + " does not exist; create it or "
                + "write elsewhere"));
    assertThat(Files.exists(dir.resolve("m.png")), is(false));
  }

  private String fail(String... args) {
    return ProgramRuns.fail("mandelbrot", MandelbrotMain::run, args);
  }
}
