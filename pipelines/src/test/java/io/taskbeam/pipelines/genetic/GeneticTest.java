package io.taskbeam.pipelines.genetic;

import io.taskbeam.pipelines.ProgramRuns;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The genetic algorithm on the DirectRunner against its sequential run, and bad input. */
class GeneticTest {
  @TempDir Path dir;

  @Test
  void bestIndividualEqualsTheSequentialRun() {
    GeneticChecks.bestIndividualEqualsTheSequentialRun(ProgramRuns.direct(dir));
  }

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
