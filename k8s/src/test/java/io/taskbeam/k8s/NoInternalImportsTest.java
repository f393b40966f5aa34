package io.taskbeam.k8s;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "io.taskbeam.k8s")
class NoInternalImportsTest {
  /**
   * The Kubernetes module ({@code io.taskbeam.k8s..}, main and test classes) imports no {@code
   * internal} package: the image's contract keys come from {@code io.taskbeam.flink.spi}, the pod's
   * Flink command from the cluster module's public {@code io.taskbeam.flink.cluster}.
   */
  @ArchTest
  static final ArchRule noClassDependsOnAnInternalPackage =
      noClasses().should().dependOnClassesThat().resideInAPackage("io.taskbeam.internal..");
}
