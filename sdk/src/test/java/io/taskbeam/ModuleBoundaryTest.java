package io.taskbeam;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.apache.beam.sdk.options.PipelineOptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SDK's module boundary as a user's modular program meets it: javac, with the built SDK
 * (target/classes, the jar's contents, module-info.class included) and Beam's core on the module
 * path, compiles a program that uses the API and refuses one that imports an internal class; the
 * program that compiles also runs as a module on the DirectRunner (Beam's reflection on the SDK's
 * DoFns and the SDK's on the program's task methods both cross module boundaries there).
 */
class ModuleBoundaryTest {
  private static final String MODULE_INFO =
      "module demo.app {\n  requires io.taskbeam;\n  opens demo.app to io.taskbeam;\n}\n";

  /** Uses the API only: two tasks, one reading the other's result. */
  private static final String HELLO =
      """
      package demo.app;

      import io.taskbeam.Task;
      import io.taskbeam.TaskBeam;
      import io.taskbeam.TaskFuture;
      import io.taskbeam.codec.ValueCodec;

      public final class Hello {
        @Task
        static int square(int x) {
          return x * x;
        }

        public static void main(String[] args) {
          try (TaskBeam tb = TaskBeam.start(args)) {
            TaskFuture<Integer> nine = tb.submit(Hello::square, 3);
            TaskFuture<Integer> n81 = tb.submit(Hello::square, nine);
            System.out.println(
                tb.waitOn(nine) + " " + tb.waitOn(n81) + " " + ValueCodec.class.getSimpleName());
          }
        }
      }
      """;

  private static Path sdkModule;
  private static Path beamCore;

  @TempDir Path dir;

  @BeforeAll
  static void locateModules() throws URISyntaxException {
    sdkModule = codeSource(TaskBeam.class);
    beamCore = codeSource(PipelineOptions.class);
    assertThat(
        "the SDK is compiled as a module",
        Files.isRegularFile(sdkModule.resolve("module-info.class")),
        is(true));
  }

  @Test
  void aProgramUsingTheApiCompiles() throws IOException {
    List<String> errors = compile(HELLO);

    assertThat(errors, is(empty()));
    assertThat(Files.isRegularFile(dir.resolve("out/demo/app/Hello.class")), is(true));
  }

  @Test
  void theModularProgramRunsOnTheModulePath() throws Exception {
    assertThat(compile(HELLO), is(empty()));
    Path runs = dir.resolve("runs");
    Process java =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--module-path",
                dir.resolve("out") + File.pathSeparator + sdkModule + File.pathSeparator + beamCore,
                "--class-path",
                restOfClassPath(),
                "-m",
                "demo.app/demo.app.Hello",
                "--runner=DirectRunner",
                "--runsDir=" + runs,
                "--metricsPort=-1",
                "--progress=off")
            .redirectError(dir.resolve("stderr.txt").toFile())
            .start();
    String out = new String(java.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(java.waitFor(60, TimeUnit.SECONDS), is(true));
    assertThat(Files.readString(dir.resolve("stderr.txt")), java.exitValue(), is(0));
    // Beam reflected on the SDK's DoFns and taskbeam on the program's task, across modules.
    assertThat(out.strip(), is("9 81 ValueCodec"));
    assertThat(Files.isRegularFile(runs.resolve("Hello_01/report.html")), is(true));
  }

  @Test
  void aProgramImportingTheSessionEngineIsRefused() throws IOException {
    List<String> errors =
        compile(
            """
            package demo.app;

            import io.taskbeam.internal.engine.Session;

            public final class Hello {
              static Class<?> engine() {
                return Session.class;
              }
            }
            """);

    assertThat(errors, hasSize(1));
    assertThat(errors.get(0), containsString("package io.taskbeam.internal.engine is not visible"));
    assertThat(errors.get(0), containsString("which does not export it"));
  }

  @Test
  void theRunnerSeamIsExportedToTaskbeamsRunnersOnly() throws IOException {
    List<String> errors =
        compile(
            """
            package demo.app;

            public final class Hello {
              static Class<?> seam() {
                return io.taskbeam.internal.beam.RunnerSupport.class;
              }
            }
            """);

    assertThat(errors, hasSize(1));
    assertThat(errors.get(0), containsString("package io.taskbeam.internal.beam is not visible"));
    assertThat(errors.get(0), containsString("which does not export it to module demo.app"));
  }

  /**
   * Compiles module demo.app with {@code source} as demo/app/Hello.java; returns javac's errors.
   */
  private List<String> compile(String source) throws IOException {
    Path src = dir.resolve("src");
    Files.createDirectories(src.resolve("demo/app"));
    Files.writeString(src.resolve("module-info.java"), MODULE_INFO, StandardCharsets.UTF_8);
    Files.writeString(src.resolve("demo/app/Hello.java"), source, StandardCharsets.UTF_8);
    Path out = Files.createDirectories(dir.resolve("out"));

    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, null, null)) {
      List<String> options =
          List.of(
              "--release",
              "17",
              "-proc:none",
              "--module-path",
              sdkModule + File.pathSeparator + beamCore,
              // Beam core's own dependencies (vendored Guava, Jackson, ...) are not modules with
              // valid names; the automatic module org.apache.beam.sdk reads them from here.
              "--class-path",
              restOfClassPath(),
              "-d",
              out.toString());
      List<File> sources =
          List.of(
              src.resolve("module-info.java").toFile(),
              src.resolve("demo/app/Hello.java").toFile());
      javac
          .getTask(
              null, files, diagnostics, options, null, files.getJavaFileObjectsFromFiles(sources))
          .call();
    }
    List<String> errors = new ArrayList<>();
    for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
      if (d.getKind() == Diagnostic.Kind.ERROR) {
        errors.add(d.getMessage(Locale.ROOT));
      }
    }
    return errors;
  }

  /**
   * The test's class path (surefire's, not its manifest-only booter jar) without the two modules.
   */
  private static String restOfClassPath() {
    String classPath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    try (Stream<String> entries = Stream.of(classPath.split(File.pathSeparator))) {
      return entries
          .filter(e -> !e.isBlank())
          .filter(e -> !Path.of(e).toAbsolutePath().equals(sdkModule.toAbsolutePath()))
          .filter(e -> !Path.of(e).toAbsolutePath().equals(beamCore.toAbsolutePath()))
          .filter(e -> !e.endsWith("test-classes"))
          .collect(Collectors.joining(File.pathSeparator));
    }
  }

  private static Path codeSource(Class<?> type) throws URISyntaxException {
    return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
  }
}
