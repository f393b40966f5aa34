package io.taskbeam.pipelines.genetic;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The genetic algorithm on the DirectRunner against its sequential run, and bad input. */
class GeneticTest {
  @TempDir Path dir;

  private String[] direct() {
    return new String[] {"--runner=DirectRunner", "--parallelism=2",
        "--workDir=" + dir.resolve("work")};
  }

  @Test
  void bestIndividualEqualsTheSequentialRun() {
    GeneticChecks.bestIndividualEqualsTheSequentialRun(direct());
  }

  @Test
  void operatorsOnKnownValues() {
    GeneticChecks.operatorsOnKnownValues();
  }

  @Test
  void programWritesTheBestIndividual() throws Exception {
    GeneticChecks.programWritesTheBestIndividual(dir, direct());
  }

  @Test
  void badInputIsOneLine() {
    GeneticChecks.badInputIsOneLine(dir, direct());
  }
}
