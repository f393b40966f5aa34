package io.taskbeam.internal.observe;

import java.io.IOException;
import java.io.Serializable;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a chunk ran: host and process id, the Flink TaskManager when the JVM is one, the parallel
 * subtask (Flink names its task threads {@code "... (2/4)#0"}; the subtask index is the slot's
 * share of the stage), and the thread.
 *
 * @param taskManager Flink's resource id of the TaskManager ({@code taskmanager-1}), or null
 * @param subtask 1-based subtask index from the thread name, or 0 when unknown
 * @param thread the thread's name (the DirectRunner gives all its workers the same one)
 * @param threadId the thread's id, unique within the process
 */
public record WorkerIdentity(
    String host, long pid, String taskManager, int subtask, String thread, long threadId)
    implements Serializable {
  private static final Pattern SUBTASK = Pattern.compile("\\((\\d+)/(\\d+)\\)(#\\d+)?$");
  private static final String RESOURCE_ID = "taskmanager.resource-id=";
  private static final String HOST = hostName();
  private static final String TASK_MANAGER = taskManagerId(arguments());

  /** The identity of the calling thread. */
  public static WorkerIdentity current() {
    Thread t = Thread.currentThread();
    return new WorkerIdentity(
        HOST,
        ProcessHandle.current().pid(),
        TASK_MANAGER,
        subtaskOf(t.getName()),
        t.getName(),
        t.getId());
  }

  /** A short name for the thread: {@code subtask 2, thread 87} or {@code worker-1, thread 12}. */
  public String threadLabel() {
    return (subtask > 0 ? "subtask " + subtask : thread) + ", thread " + threadId;
  }

  /** The worker process: the TaskManager id when known, else {@code host:pid}. */
  public String process() {
    return taskManager != null ? taskManager : host + ":" + pid;
  }

  /** A key naming the process, unique even when two hosts reuse TaskManager ids. */
  public String processKey() {
    return host + ":" + pid;
  }

  static int subtaskOf(String threadName) {
    Matcher m = SUBTASK.matcher(threadName);
    return m.find() ? Integer.parseInt(m.group(1)) : 0;
  }

  /** Flink passes the TaskManager's resource id as a {@code -D key=value} program argument. */
  static String taskManagerId(List<String> arguments) {
    for (String arg : arguments) {
      int at = arg.indexOf(RESOURCE_ID);
      if (at >= 0) {
        return arg.substring(at + RESOURCE_ID.length()).strip();
      }
    }
    return null;
  }

  /**
   * The JVM's command line. {@code ProcessHandle.Info.arguments()} comes back empty for long
   * command lines (a TaskManager's classpath), so Linux's /proc is read first.
   */
  private static List<String> arguments() {
    try {
      byte[] raw = Files.readAllBytes(Path.of("/proc/self/cmdline"));
      return List.of(new String(raw, StandardCharsets.UTF_8).split("\u0000"));
    } catch (IOException | RuntimeException notLinux) {
      return ProcessHandle.current().info().arguments().map(List::of).orElse(List.of());
    }
  }

  private static String hostName() {
    String env = System.getenv("HOSTNAME");
    if (env != null && !env.isBlank()) {
      return env.strip();
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }
}
