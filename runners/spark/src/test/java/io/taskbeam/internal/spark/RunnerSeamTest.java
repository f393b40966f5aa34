package io.taskbeam.internal.spark;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

/**
 * The Spark runner's artifact reaches the SDK's internals only through its runner seam ({@code
 * io.taskbeam.internal.beam}, exported to runner artifacts alone); the rest of the SDK it uses is
 * its public API.
 */
class RunnerSeamTest {
  @Test
  void theSdksInternalsOnlyThroughTheRunnerSeam() {
    noClasses()
        .that()
        .resideInAPackage("io.taskbeam.internal.spark..")
        .should()
        .dependOnClassesThat(
            resideInAPackage("io.taskbeam.internal..")
                .and(
                    not(
                        resideInAnyPackage(
                            "io.taskbeam.internal.spark..", "io.taskbeam.internal.beam.."))))
        .check(new ClassFileImporter().importPackages("io.taskbeam.internal.spark"));
  }
}
