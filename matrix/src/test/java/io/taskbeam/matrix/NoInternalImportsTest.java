package io.taskbeam.matrix;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

/**
 * The matrix module ({@code io.taskbeam.matrix..}) uses the SDK and the other modules only through
 * their public packages: no class of it, main or test, depends on an {@code io.taskbeam.internal}
 * package. Its codec tests read the store's format through {@code io.taskbeam.spi.StoredValues}.
 */
class NoInternalImportsTest {
  @Test
  void noClassDependsOnAnInternalPackage() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.taskbeam.internal..")
        .check(new ClassFileImporter().importPackages("io.taskbeam.matrix"));
  }
}
