package io.taskbeam.bench;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = {"io.taskbeam.bench", "io.taskbeam.matrix"})
class NoInternalImportsTest {
  /**
   * The benchmarks ({@code io.taskbeam.bench..}, and the kernel benchmark in {@code
   * io.taskbeam.matrix}) import no {@code internal} package: the work-file benchmark reaches the
   * store through the SDK's {@code io.taskbeam.spi}.
   */
  @ArchTest
  static final ArchRule noClassDependsOnAnInternalPackage =
      noClasses().should().dependOnClassesThat().resideInAPackage("io.taskbeam.internal..");
}
