package io.taskbeam.pipelines;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;

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
   * runs every application needs them consistent. Registering all of them finds a clash.
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
    for (Class<? extends PipelineOptions> options : all) {
      PipelineOptionsFactory.fromArgs().as(options);
    }
  }
}
