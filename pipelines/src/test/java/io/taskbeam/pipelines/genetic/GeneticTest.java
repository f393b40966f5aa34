package io.taskbeam.pipelines.genetic;

import io.taskbeam.pipelines.ProgramRuns;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The genetic operators, program and bad input. The run against the sequential one runs in the
 * conformance suite, on every runner ({@code ConformanceSuite}).
 */
class GeneticTest {
  @TempDir Path dir;

  @Test
  void operatorsOnKnownValues() {
    GeneticChecks.operatorsOnKnownValues();
  }

  @Test
  void programWritesTheBestIndividual() throws Exception {
    GeneticChecks.programWritesTheBestIndividual(dir, ProgramRuns.direct(dir));
  }

  @Test
  void badInputIsOneLine() {
    GeneticChecks.badInputIsOneLine(dir, ProgramRuns.direct(dir));
  }
}
