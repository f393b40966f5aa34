package io.taskbeam.flink.cluster;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "io.taskbeam.flink")
class NoInternalImportsTest {
  /**
   * The Flink cluster module ({@code io.taskbeam.flink..}, main and test classes) imports no {@code
   * internal} package: what it shares with the Flink runner (the cluster contract, TLS material) is
   * the runner's {@code io.taskbeam.flink.spi}.
   */
  @ArchTest
  static final ArchRule noClassDependsOnAnInternalPackage =
      noClasses().should().dependOnClassesThat().resideInAPackage("io.taskbeam.internal..");
}
