package io.taskbeam.flink.cluster;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

/**
 * The Flink cluster module ({@code io.taskbeam.flink..}) uses the SDK and the other modules only
 * through their public packages: no class of it, main or test, depends on an {@code
 * io.taskbeam.internal} package. What it shares with the Flink runner (the cluster contract, TLS
 * material) is in {@code io.taskbeam.flink.spi}.
 */
class NoInternalImportsTest {
  @Test
  void noClassDependsOnAnInternalPackage() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.taskbeam.internal..")
        .check(new ClassFileImporter().importPackages("io.taskbeam.flink"));
  }
}
