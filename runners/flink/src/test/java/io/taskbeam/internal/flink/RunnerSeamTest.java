package io.taskbeam.internal.flink;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

/**
 * The Flink runner's artifact reaches the SDK's internals only through its runner seam ({@code
 * io.taskbeam.internal.beam}, exported to runner artifacts alone); the rest of the SDK it uses is
 * its public API. What it shares with the cluster launcher and the Kubernetes image is its public
 * {@code io.taskbeam.flink.spi}, which depends on no internal package at all.
 */
class RunnerSeamTest {
  @Test
  void theSdksInternalsOnlyThroughTheRunnerSeam() {
    noClasses()
        .that()
        .resideInAPackage("io.taskbeam.internal.flink..")
        .should()
        .dependOnClassesThat(
            resideInAPackage("io.taskbeam.internal..")
                .and(
                    not(
                        resideInAnyPackage(
                            "io.taskbeam.internal.flink..", "io.taskbeam.internal.beam.."))))
        .check(new ClassFileImporter().importPackages("io.taskbeam.internal.flink"));
  }

  @Test
  void theSharedContractDependsOnNoInternalPackage() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.taskbeam.internal..")
        .check(new ClassFileImporter().importPackages("io.taskbeam.flink.spi"));
  }
}
