package io.taskbeam.bench;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

/**
 * The benchmarks module ({@code io.taskbeam.bench..} and its kernel benchmark in {@code
 * io.taskbeam.matrix}) uses the SDK and the other modules only through their public packages: no
 * class of it, main or test, depends on an {@code io.taskbeam.internal} package. The work-file
 * benchmark reaches the store through {@code io.taskbeam.spi}.
 */
class NoInternalImportsTest {
  @Test
  void noClassDependsOnAnInternalPackage() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.taskbeam.internal..")
        .check(new ClassFileImporter().importPackages("io.taskbeam.bench", "io.taskbeam.matrix"));
  }
}
