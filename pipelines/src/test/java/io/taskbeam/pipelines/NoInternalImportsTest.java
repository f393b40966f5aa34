package io.taskbeam.pipelines;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

/**
 * The applications module ({@code io.taskbeam.pipelines..}) uses the SDK and the other modules only
 * through their public packages: no class of it, main or test, depends on an {@code
 * io.taskbeam.internal} package. They are programs as a user writes them.
 */
class NoInternalImportsTest {
  @Test
  void noClassDependsOnAnInternalPackage() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.taskbeam.internal..")
        .check(new ClassFileImporter().importPackages("io.taskbeam.pipelines"));
  }
}
