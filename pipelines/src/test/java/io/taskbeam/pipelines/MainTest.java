package io.taskbeam.pipelines;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;

import io.taskbeam.pipelines.cholesky.CholeskyOptions;
import io.taskbeam.pipelines.fastq.FastqOptions;
import io.taskbeam.pipelines.genetic.GeneticOptions;
import io.taskbeam.pipelines.kmeans.KMeansOptions;
import io.taskbeam.pipelines.mandelbrot.MandelbrotOptions;
import io.taskbeam.pipelines.matmul.MatMulOptions;
import java.util.List;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;

/** The application registry, and options that can live together in one JVM. */
class MainTest {
  @Test
  void everyApplicationIsRegistered() {
    assertThat(
        Main.APPS.keySet(),
        contains("cholesky", "fastq", "genetic", "kmeans", "mandelbrot", "matmul"));
  }

  /**
   * Beam keeps one registry of options interfaces per JVM and rejects two interfaces whose
   * same-named options differ in default or type, so a test run (or the conformance suite) that
   * runs every application needs them consistent. With all of them registered, one command line
   * carrying options of every interface (some shared by several) parses, and each interface reads
   * its values back: an unregistered interface's option, or a clash, fails the parse.
   */
  @Test
  void allOptionsInterfacesRegisterTogether() {
    List<Class<? extends PipelineOptions>> all =
        List.of(
            MatMulOptions.class,
            CholeskyOptions.class,
            KMeansOptions.class,
            GeneticOptions.class,
            FastqOptions.class,
            MandelbrotOptions.class);
    for (Class<? extends PipelineOptions> options : all) {
      PipelineOptionsFactory.register(options);
    }
    PipelineOptions parsed =
        PipelineOptionsFactory.fromArgs(
                "--inputA=a.mtx",
                "--blockSize=7",
                "--reads=11",
                "--population=13",
                "--k=3",
                "--bands=5",
                "--maxIterations=17",
                "--seed=19",
                "--overwrite=true")
            .create();
    MatMulOptions matmul = parsed.as(MatMulOptions.class);
    CholeskyOptions cholesky = parsed.as(CholeskyOptions.class);
    KMeansOptions kmeans = parsed.as(KMeansOptions.class);
    GeneticOptions genetic = parsed.as(GeneticOptions.class);
    FastqOptions fastq = parsed.as(FastqOptions.class);
    MandelbrotOptions mandelbrot = parsed.as(MandelbrotOptions.class);
    assertThat(matmul.getInputA(), is("a.mtx"));
    assertThat(List.of(matmul.getBlockSize(), cholesky.getBlockSize()), contains(7, 7));
    assertThat(fastq.getReads(), is(11));
    assertThat(genetic.getPopulation(), is(13));
    assertThat(kmeans.getK(), is(3));
    assertThat(mandelbrot.getBands(), is(5));
    assertThat(List.of(kmeans.getMaxIterations(), mandelbrot.getMaxIterations()), contains(17, 17));
    assertThat(
        List.of(
            matmul.getSeed(),
            cholesky.getSeed(),
            kmeans.getSeed(),
            genetic.getSeed(),
            fastq.getSeed()),
        contains(19L, 19L, 19L, 19L, 19L));
    for (Class<? extends PipelineOptions> options : all) {
      assertThat(
          options.getSimpleName(),
          parsed.as(options).as(OutputOptions.class).getOverwrite(),
          is(true));
    }
  }
}
