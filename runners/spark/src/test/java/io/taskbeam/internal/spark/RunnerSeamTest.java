package io.taskbeam.internal.spark;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every runner artifact reaches the SDK's internals only through its runner seam ({@code
 * io.taskbeam.internal.beam}, exported to runner artifacts alone) and no other runner's package;
 * the rest of the SDK it uses is the public API. The rule lives here because this module's tests
 * see all three runners (the DirectRunner's and Flink's come with the applications it runs).
 */
class RunnerSeamTest {
  private static final String INTERNAL = "io.taskbeam.internal";

  @Test
  void eachRunnerUsesTheSdksInternalsOnlyThroughTheSeam() {
    JavaClasses runners =
        new ClassFileImporter()
            .importPackages(INTERNAL + ".direct", INTERNAL + ".flink", INTERNAL + ".spark");
    for (String runner : List.of("direct", "flink", "spark")) {
      String own = INTERNAL + "." + runner + "..";
      noClasses()
          .that()
          .resideInAPackage(own)
          .should()
          .dependOnClassesThat(
              resideInAPackage(INTERNAL + "..")
                  .and(not(resideInAnyPackage(own, INTERNAL + ".beam.."))))
          .check(runners);
    }
  }

  /**
   * What the Flink runner shares with the cluster launcher and the Kubernetes image ({@code
   * io.taskbeam.flink.spi}) is public and depends on no internal package at all.
   */
  @Test
  void theFlinkSpiDependsOnNoInternalPackage() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAPackage(INTERNAL + "..")
        .check(new ClassFileImporter().importPackages("io.taskbeam.flink.spi"));
  }
}
