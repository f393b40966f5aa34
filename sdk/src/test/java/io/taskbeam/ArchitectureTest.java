package io.taskbeam;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.name;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The SDK's dependency rules (see the package map in io/taskbeam/package-info.java): internal
 * packages form no cycle, and each layer only looks down. A change that makes a lower layer import
 * a higher one fails here, naming the offending classes.
 */
class ArchitectureTest {
  private static final String INTERNAL = "io.taskbeam.internal";
  private static JavaClasses sdk;

  @BeforeAll
  static void importSdk() {
    sdk =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.taskbeam");
  }

  @Test
  void theApiExposesNoInternalType() {
    List<String> leaks = new ArrayList<>();
    int checked = 0;
    for (JavaClass c : sdk) {
      boolean api =
          c.getPackageName().equals("io.taskbeam")
              || c.getPackageName().equals("io.taskbeam.codec");
      if (!api || !c.getModifiers().contains(JavaModifier.PUBLIC)) {
        continue;
      }
      for (JavaCodeUnit unit : c.getCodeUnits()) {
        if (!unit.getModifiers().contains(JavaModifier.PUBLIC)
            && !unit.getModifiers().contains(JavaModifier.PROTECTED)) {
          continue;
        }
        checked++;
        List<JavaClass> types = new ArrayList<>(unit.getRawParameterTypes());
        types.add(unit.getRawReturnType());
        for (JavaClass t : types) {
          if (t.getPackageName().startsWith(INTERNAL)) {
            leaks.add(unit.getFullName() + " uses " + t.getName());
          }
        }
      }
      for (JavaField f : c.getFields()) {
        if (f.getModifiers().contains(JavaModifier.PUBLIC)
            && f.getRawType().getPackageName().startsWith(INTERNAL)) {
          leaks.add(f.getFullName() + " is a " + f.getRawType().getName());
        }
      }
    }
    assertThat(leaks, is(empty()));
    assertThat("public methods and constructors checked", checked, greaterThan(100));
  }

  /**
   * The API ({@code io.taskbeam}) reaches the internals through the engine's entry point, and two
   * doors more, each with its reason: {@code Cli} and {@code TaskBeam} expand the command line's
   * runner profiles ({@code RunnerProfiles}) before Beam parses the arguments, when no session
   * exists yet; {@code Binary} runs inside a task on a worker, where no session is, and asks the
   * running task for its context ({@code TaskContext}). A new door fails here.
   */
  @Test
  void theApiReachesInternalsOnlyThroughTheEngine() {
    noClasses()
        .that()
        .resideInAPackage("io.taskbeam")
        .should()
        .dependOnClassesThat(
            resideInAPackage(INTERNAL + "..")
                .and(not(resideInAPackage(INTERNAL + ".engine..")))
                .and(not(name(INTERNAL + ".options.RunnerProfiles")))
                .and(not(name(INTERNAL + ".exec.TaskContext"))))
        .check(sdk);
  }

  @Test
  void internalPackagesFormNoCycle() {
    slices().matching(INTERNAL + ".(*)..").should().beFreeOfCycles().check(sdk);
  }

  @Test
  void internalsNeverUseTheSessionApi() {
    noClasses()
        .that()
        .resideInAPackage(INTERNAL + "..")
        .should()
        .dependOnClassesThat()
        .haveFullyQualifiedName("io.taskbeam.TaskBeam")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("io.taskbeam.TaskFuture")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("io.taskbeam.TaskSubmitter")
        .check(sdk);
  }

  @Test
  void theEngineIsReachedOnlyFromTheApi() {
    noClasses()
        .that()
        .resideInAPackage(INTERNAL + "..")
        .and()
        .resideOutsideOfPackage(INTERNAL + ".engine..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage(INTERNAL + ".engine..")
        .check(sdk);
  }

  @Test
  void theCompilerKnowsNoRunnerAndNoObserver() {
    noClasses()
        .that()
        .resideInAnyPackage(INTERNAL + ".plan..", INTERNAL + ".graph..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            INTERNAL + ".beam..",
            INTERNAL + ".flink..",
            INTERNAL + ".exec..",
            INTERNAL + ".observe..",
            INTERNAL + ".report..",
            "org.apache.beam..")
        .check(sdk);
  }

  @Test
  void theBeamLayerKnowsNoSpecificRunner() {
    noClasses()
        .that()
        .resideInAnyPackage(
            INTERNAL + ".beam..",
            INTERNAL + ".exec..",
            INTERNAL + ".plan..",
            INTERNAL + ".graph..",
            INTERNAL + ".data..",
            INTERNAL + ".observe..",
            INTERNAL + ".engine..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.apache.beam.runners..", "org.apache.flink..", INTERNAL + ".flink..")
        .check(sdk);
  }

  @Test
  void observationOnlyWatches() {
    noClasses()
        .that()
        .resideInAnyPackage(INTERNAL + ".observe..", INTERNAL + ".report..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(INTERNAL + ".beam..", INTERNAL + ".exec..", INTERNAL + ".engine..")
        .check(sdk);
  }

  @Test
  void dataDependsOnNoOtherLayer() {
    noClasses()
        .that()
        .resideInAPackage(INTERNAL + ".data..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            INTERNAL + ".graph..",
            INTERNAL + ".plan..",
            INTERNAL + ".beam..",
            INTERNAL + ".exec..",
            INTERNAL + ".observe..",
            INTERNAL + ".report..")
        .check(sdk);
  }
}
