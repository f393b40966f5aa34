package io.taskbeam.k8s;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

/**
 * The Kubernetes module ({@code io.taskbeam.k8s..}) uses the SDK and the other modules only through
 * their public packages: no class of it, main or test, depends on an {@code io.taskbeam.internal}
 * package. The image's contract keys come from {@code io.taskbeam.flink.spi}.
 */
class NoInternalImportsTest {
  @Test
  void noClassDependsOnAnInternalPackage() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.taskbeam.internal..")
        .check(new ClassFileImporter().importPackages("io.taskbeam.k8s"));
  }
}
