package io.taskbeam;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generic and overloaded task methods: a variable of the task's shape ({@code
 * TaskFn.F1<List<String>, Integer> size1 = Tasks::size;}) picks the method, and then submits with
 * values and futures alike, without casts. The bare reference is refused by javac in a few lines.
 */
class GenericAndOverloadedTest {
  @TempDir Path dir;

  @Test
  void genericAndOverloadedTasksSubmitThroughAVariableOfTheirShape() {
    try (TaskBeam tb =
        TaskBeam.start(
            "--runner=DirectRunner",
            "--parallelism=2",
            "--workDir=" + dir.resolve("work"),
            "--observe=false")) {
      // generic: one variable per type the program uses it at
      TaskFn.F1<List<String>, List<String>> firstTwo = GenericTasks::firstTwo;
      TaskFn.F1<List<Integer>, Integer> largest = GenericTasks::largest;
      // overloaded: the shape picks the overload
      TaskFn.F1<List<String>, Integer> size = GenericTasks::size;
      TaskFn.F2<List<String>, Integer, Integer> sizePlus = GenericTasks::size;
      TaskFn.V2<ArrayList<String>, String> append = GenericTasks::append;
      TaskFn.V3<ArrayList<String>, String, Integer> appendTimes = GenericTasks::append;

      List<String> words = List.of("a", "b", "c");
      TaskFuture<List<String>> two = tb.submit(firstTwo, words);
      TaskFuture<List<String>> twoOfTwo = tb.submit(firstTwo, two);
      TaskFuture<Integer> most = tb.submit(largest, List.of(3, 9, 4));
      TaskFuture<Integer> n = tb.submit(size, two);
      TaskFuture<Integer> nPlus = tb.submit(sizePlus, twoOfTwo, 10);
      TaskFuture<Integer> nWords = tb.submit(size, words);
      // two lists: this runner's (Beam's checking DirectRunner) refuses a value one stage
      // modifies in place after another stage emitted it
      TaskFuture<ArrayList<String>> once = tb.put(new ArrayList<>(List.of("x")));
      TaskFuture<ArrayList<String>> twice = tb.put(new ArrayList<>(List.of("x")));
      tb.submit(append, once, "y");
      tb.submit(appendTimes, twice, "z", 2);

      assertThat(tb.waitOn(twoOfTwo), equalTo(List.of("a", "b")));
      assertThat(tb.waitOn(List.of(most, n, nPlus, nWords)), equalTo(List.of(9, 2, 12, 3)));
      assertThat(tb.waitOn(once), equalTo(List.of("x", "y")));
      assertThat(tb.waitOn(twice), equalTo(List.of("x", "z", "z")));
    }
  }

  @Test
  void aBareReferenceToAGenericOrOverloadedTaskIsAShortCompileError() throws Exception {
    String source =
        """
        package probe;
        import io.taskbeam.*;
        import java.util.List;
        class Probe {
          @Task static <T> List<T> firstTwo(List<T> xs) { return xs; }
          static void run(TaskBeam tb, TaskFuture<List<String>> f) {
            TaskFuture<List<String>> two = tb.submit(Probe::firstTwo, f);
          }
        }
        """;
    String out = compile(dir, source);
    assertThat(out, containsString("reference to submit is ambiguous"));
    assertThat(out, out.lines().count(), lessThan(15L));
  }

  /** Compiles one source file against the SDK's classes; returns javac's messages. */
  static String compile(Path dir, String source) throws Exception {
    Path file = dir.resolve("probe/Probe.java");
    Files.createDirectories(file.getParent());
    Files.writeString(file, source);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    StringWriter out = new StringWriter();
    boolean ok =
        javac
            .getTask(
                out,
                null,
                null,
                List.of(
                    "-classpath",
                    Path.of("target/classes").toAbsolutePath().toString(),
                    "-d",
                    dir.resolve("out").toString()),
                null,
                javac.getStandardFileManager(null, null, null).getJavaFileObjects(file))
            .call();
    assertThat(out.toString(), ok, is(false));
    return out.toString();
  }
}
