package io.taskbeam.pipelines;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "io.taskbeam.pipelines")
class NoInternalImportsTest {
  /**
   * The applications ({@code io.taskbeam.pipelines..}, main and test classes) are programs as a
   * user writes them: they import no {@code internal} package, and their tests check the runners'
   * promises from outside (a bound written out, not read from the runner's internals).
   */
  @ArchTest
  static final ArchRule noClassDependsOnAnInternalPackage =
      noClasses().should().dependOnClassesThat().resideInAPackage("io.taskbeam.internal..");
}
