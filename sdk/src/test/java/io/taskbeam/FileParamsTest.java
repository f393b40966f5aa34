package io.taskbeam;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** FILE_IN, FILE_OUT and FILE_INOUT parameters: the path is the datum that orders tasks. */
class FileParamsTest {
  @TempDir Path dir;
  private TaskBeam tb;

  @BeforeEach
  void start() {
    tb =
        TaskBeam.start(
            "--runner=DirectRunner", "--parallelism=2", "--workDir=" + dir.resolve("work"));
  }

  @AfterEach
  void stop() {
    if (tb.pendingTasks() > 0) {
      tb.barrier();
    }
    tb.close();
  }

  @Test
  void aWriterRunsBeforeTheReadersSubmittedAfterIt() {
    Path file = dir.resolve("lines.txt");
    tb.submit(FileTasks::writeLines, file.toString(), 50);
    List<TaskFuture<Integer>> counts = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      counts.add(tb.submit(FileTasks::countLines, file));
    }
    TaskFuture<String> first = tb.submit(FileTasks::firstLine, file.toString());
    assertThat(tb.explain(), containsString("stage 0 writeLines depth=0 tasks=1"));
    assertThat(tb.explain(), containsString("countLines depth=1 tasks=4"));
    assertThat(Files.exists(file), is(false));
    assertThat(tb.waitOn(counts), equalTo(List.of(50, 50, 50, 50)));
    assertThat(tb.waitOn(first), equalTo("line 1"));
  }

  @Test
  void aFileWhoseWriterWasCancelledIsWrittenAfreshAndNotRead() throws Exception {
    // until 2026-12-07 the next writer failed its sync point with 'no value for d1v2'
    Path file = dir.resolve("cancelled.txt");
    TaskGroup g;
    try (TaskGroup group = tb.group("w")) {
      g = group;
      tb.submit(FileTasks::writeLines, file.toString(), 3);
    }
    tb.cancel(g);
    TaskCancelledException e =
        assertThrows(TaskCancelledException.class, () -> tb.submit(FileTasks::countLines, file));
    assertThat(e.getMessage(), containsString("was not written: task group w was cancelled"));
    tb.submit(FileTasks::writeLines, file.toString(), 2);
    assertThat(tb.waitOn(tb.submit(FileTasks::countLines, file)), is(2));
  }

  @Test
  void waitOnFileOfAWriterThatFailedCancellingItsSuccessorsThrows() throws Exception {
    // until 2026-12-07 waitOnFile returned the file with the failed task's half record in it
    Path file = dir.resolve("half.txt");
    tb.submit(FileTasks::writeLines, file.toString(), 1);
    tb.submit(FileTasks::appendHalfAndFail, file.toString());
    TaskCancelledException e =
        assertThrows(TaskCancelledException.class, () -> tb.waitOnFile(file));
    assertThat(e.getMessage(), containsString("was not written because task appendHalfAndFail#2"));
    assertThat(e.getMessage(), containsString("disk full"));
  }

  @Test
  void aFileOutWriterAfterAWriterThatFailedCancellingItsSuccessorsWritesAfresh() throws Exception {
    // until 2026-12-08 the FILE_OUT writer was cancelled too, though it reads nothing of the file
    // (COMPSs gives a FILE_OUT access a new version: it depends on no earlier writer)
    Path file = dir.resolve("again.txt");
    tb.submit(FileTasks::writeLines, file.toString(), 1);
    tb.submit(FileTasks::appendHalfAndFail, file.toString());
    tb.submit(FileTasks::writeLines, file.toString(), 2);
    assertThat(tb.waitOn(tb.submit(FileTasks::countLines, file)), is(2));
    assertThat(Files.readString(tb.waitOnFile(file)), equalTo("line 1\nline 2\n"));
  }

  @Test
  void updatesOfOneFileRunInSubmissionOrder() throws Exception {
    Path file = dir.resolve("log.txt");
    Files.writeString(file, "a");
    for (String s : List.of("b", "c", "d", "e")) {
      tb.submit(FileTasks::append, file.toString(), s);
    }
    TaskFuture<String> text = tb.submit(FileTasks::firstLine, file.toString());
    assertThat(tb.waitOn(text), equalTo("abcde"));
    // a file written at one sync point is read at the next
    tb.submit(FileTasks::writeLines, file.toString(), 7);
    tb.barrier();
    assertThat(tb.waitOn(tb.submit(FileTasks::countLines, file)), is(7));
  }

  @Test
  void theTaskGetsTheAbsoluteNormalizedPath() throws Exception {
    Files.createDirectories(dir.resolve("sub"));
    Files.writeString(dir.resolve("f.txt"), "x\n");
    TaskFuture<String> seen =
        tb.submit(
            FileTasks::pathSeen, dir.resolve("sub").resolve("..").resolve("f.txt").toString());
    assertThat(tb.waitOn(seen), equalTo(dir.resolve("f.txt").toAbsolutePath().toString()));
  }

  @Test
  void aMissingInputFileIsRejectedAtSubmit() {
    Path missing = dir.resolve("missing.fastq");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> tb.submit(FileTasks::countLines, missing));
    assertThat(
        e.getMessage(),
        equalTo(
            "file "
                + missing
                + " (FILE_IN parameter file of task "
                + "FileTasks.countLines) does not exist: create it first, or submit a task that writes "
                + "it as FILE_OUT before this one"));
    assertThat(tb.pendingTasks(), is(0));
  }

  @Test
  void overwritingAFileThatPendingTasksReadRenamesIt() throws Exception {
    Path file = dir.resolve("in.txt");
    Files.writeString(file, "old\n");
    TaskFuture<String> before = tb.submit(FileTasks::firstLine, file.toString());
    tb.submit(FileTasks::writeLines, file.toString(), 3);
    TaskFuture<String> after = tb.submit(FileTasks::firstLine, file.toString());
    assertThat(tb.waitOn(List.of(before, after)), equalTo(List.of("old", "line 1")));
    assertThat(Files.readString(file), equalTo("line 1\nline 2\nline 3\n"));
  }

  @Test
  void overwritingAFileThatIsNotWrittenYetWhileTasksReadItWaitsForThem() throws Exception {
    // refused until 2026-12-07 (call barrier() first): a sequential program does this all the time
    Path file = dir.resolve("in.txt");
    tb.submit(FileTasks::writeLines, file.toString(), 2);
    TaskFuture<Integer> two = tb.submit(FileTasks::countLines, file);
    tb.submit(FileTasks::append, file.toString(), "x\n");
    TaskFuture<Integer> three = tb.submit(FileTasks::countLines, file);
    tb.submit(FileTasks::append, file.toString(), "y\n");
    tb.submit(FileTasks::writeLines, file.toString(), 5);
    TaskFuture<Integer> five = tb.submit(FileTasks::countLines, file);
    assertThat(tb.waitOn(List.of(two, three, five)), equalTo(List.of(2, 3, 5)));
    assertThat(tb.reports().size(), is(3)); // the two writers made the tasks before them a job
  }

  @Test
  void aFileTheProgramRewritesWhileTasksReadItIsRefused() throws Exception {
    Path file = dir.resolve("in.txt");
    Files.writeString(file, "v1\n");
    java.nio.file.attribute.FileTime written = Files.getLastModifiedTime(file);
    TaskFuture<String> before = tb.submit(FileTasks::firstLine, file.toString());
    Files.writeString(file, "version 2\n"); // a sequential run gave the reader v1
    String refusal =
        "file "
            + file
            + " changed after task firstLine#1 was submitted to read it and before it ran, so it "
            + "would read the new content: call barrier() (or waitOn) before the program rewrites "
            + "a file submitted tasks read";
    assertThat(
        assertThrows(IllegalStateException.class, () -> tb.submit(FileTasks::countLines, file))
            .getMessage(),
        equalTo(refusal));
    // caught when the sync point runs the reader, too
    assertThat(
        assertThrows(IllegalStateException.class, () -> tb.waitOn(before)).getMessage(),
        equalTo(refusal));
    // the reader stays pending: put the file back as it was, and it runs
    Files.writeString(file, "v1\n");
    Files.setLastModifiedTime(file, written);
    assertThat(tb.waitOn(before), equalTo("v1"));
  }

  @Test
  void fileParametersTakePathsOnly() {
    assertThat(
        assertThrows(IllegalArgumentException.class, () -> tb.submit(FileTasks::wrongType, 3))
            .getMessage(),
        equalTo(
            "parameter file of task "
                + "FileTasks.wrongType is FILE_IN but has type int: declare file parameters as String or "
                + "java.nio.file.Path"));
    TaskFuture<String> name = tb.submit(FileTasks::label, 1);
    assertThat(
        assertThrows(IllegalArgumentException.class, () -> tb.submit(FileTasks::firstLine, name))
            .getMessage(),
        equalTo(
            "FILE_IN parameter "
                + "file of task FileTasks.firstLine takes a file path (String or Path); got TaskFuture"));
    assertThat(tb.pendingTasks(), is(1));
  }
}
