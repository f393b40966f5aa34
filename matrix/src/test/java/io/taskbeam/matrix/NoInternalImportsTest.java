package io.taskbeam.matrix;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "io.taskbeam.matrix")
class NoInternalImportsTest {
  /**
   * The matrix module ({@code io.taskbeam.matrix..}, main and test classes) uses the SDK only
   * through its public packages: its codec tests read the store's format through {@code
   * io.taskbeam.spi.StoredValues}, not the SDK's {@code internal} packages.
   */
  @ArchTest
  static final ArchRule noClassDependsOnAnInternalPackage =
      noClasses().should().dependOnClassesThat().resideInAPackage("io.taskbeam.internal..");
}
