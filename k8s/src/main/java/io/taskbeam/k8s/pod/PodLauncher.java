package io.taskbeam.k8s.pod;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Entry point of {@code taskbeam-pod}: {@code <role> [--option=value ...] [-- program args]}.
 * Prints the command the container runs, one argument per line, on stdout; errors are one line on
 * stderr and exit code 1.
 *
 * <pre>
 * taskbeam-pod jobmanager  --config=/etc/taskbeam/flink --configDir=/tmp/flink-conf
 * taskbeam-pod taskmanager --config=/etc/taskbeam/flink --configDir=/tmp/flink-conf
 * taskbeam-pod driver --config=/etc/taskbeam/flink --jobmanager=rel-jobmanager:8081 \
 *     --taskmanagersFile=/etc/taskbeam/flink/worker-number --waitSeconds=300 --app=kmeans \
 *     -- --profile=flink-k8s ...
 * taskbeam-pod leave --config=/etc/taskbeam/flink --timeoutSeconds=60
 * </pre>
 *
 * <p>{@code leave} (the TaskManager's preStop hook) does its work in the launcher itself ({@link
 * TaskManagerLeave}) and prints no command: the script then ends.
 *
 * <p>The script adds {@code --lib} and {@code --appDir} from the image's environment ({@code
 * TASKBEAM_LIB}, {@code TASKBEAM_APP}).
 */
public final class PodLauncher {
  private PodLauncher() {}

  public static void main(String[] args) {
    int code = run(args, System.out, System.err, System.getenv());
    if (code != 0) {
      System.exit(code);
    }
  }

  /** Runs the launcher; returns the exit code. */
  static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
    try {
      List<String> command = command(Arrays.asList(args), env, err);
      for (String arg : command) {
        if (arg.contains("\n")) {
          throw new PodException("an argument contains a line break: " + arg.replace('\n', ' '));
        }
        out.println(arg);
      }
      out.flush();
      return 0;
    } catch (PodException e) {
      err.println("taskbeam-pod: error: " + e.getMessage());
      return 1;
    }
  }

  static List<String> command(List<String> args, Map<String, String> env, PrintStream log) {
    if (args.isEmpty()) {
      throw new PodException("no role given: use jobmanager, taskmanager, driver or leave");
    }
    String role = args.get(0);
    int separator = args.indexOf("--");
    List<String> own = separator < 0 ? args.subList(1, args.size()) : args.subList(1, separator);
    List<String> program = separator < 0 ? List.of() : args.subList(separator + 1, args.size());
    Options options = Options.parse(own);
    Path lib = options.directory("lib");
    return switch (role) {
      case "jobmanager", "taskmanager" -> {
        if (!program.isEmpty()) {
          throw new PodException(role + " takes no program arguments after --");
        }
        FlinkProcess process =
            new FlinkProcess(
                role.equals("jobmanager"),
                lib,
                options.directory("config"),
                Path.of(options.required("configDir")),
                env);
        options.requireAllUsed();
        yield process.command();
      }
      case "driver" -> {
        DriverProcess driver =
            new DriverProcess(
                lib,
                options.directory("appDir"),
                options.optionalDirectory("config"),
                options.required("jobmanager"),
                taskManagers(options),
                options.positiveInt("waitSeconds"),
                options.optional("app"),
                options.optional("mainClass"),
                program);
        options.requireAllUsed();
        yield driver.command(log);
      }
      case "leave" -> {
        if (!program.isEmpty()) {
          throw new PodException("leave takes no program arguments after --");
        }
        Path config = options.directory("config");
        String name = options.optional("name");
        int timeout = options.positiveInt("timeoutSeconds");
        options.requireAllUsed();
        TaskManagerLeave.leave(config, name != null ? name : env.get("POD_NAME"), timeout, log);
        yield List.of();
      }
      default ->
          throw new PodException(
              "unknown role '" + role + "': use jobmanager, taskmanager, driver or leave");
    };
  }

  /**
   * The TaskManagers the driver waits for: {@code --taskmanagers=N}, or {@code
   * --taskmanagersFile=PATH} holding N (the chart's ConfigMap: a file, so that changing
   * worker.number changes nothing in the driver Job's pod template and the running driver stays).
   */
  private static int taskManagers(Options options) {
    String file = options.optional("taskmanagersFile");
    if (file == null) {
      return options.positiveInt("taskmanagers");
    }
    options.optional("taskmanagers");
    if (options.values.containsKey("taskmanagers")) {
      throw new PodException("give one of --taskmanagers and --taskmanagersFile");
    }
    String text;
    try {
      text = Files.readString(Path.of(file)).strip();
    } catch (java.io.IOException e) {
      throw new PodException("--taskmanagersFile=" + file + " cannot be read: " + e.getMessage());
    }
    Integer n = positive(text);
    if (n == null) {
      throw new PodException(
          "--taskmanagersFile=" + file + " holds '" + text + "', not a positive whole number");
    }
    return n;
  }

  /** {@code text} as a positive whole number, or null. */
  private static Integer positive(String text) {
    try {
      int n = Integer.parseInt(text);
      return n > 0 ? n : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** {@code --key=value} options of the launcher itself; every one must be understood. */
  static final class Options {
    private final Map<String, String> values = new LinkedHashMap<>();
    private final List<String> used = new ArrayList<>();

    static Options parse(List<String> args) {
      Options options = new Options();
      for (String arg : args) {
        int eq = arg.indexOf('=');
        if (!arg.startsWith("--") || eq < 3) {
          throw new PodException("expected --option=value, got '" + arg + "'");
        }
        options.values.put(arg.substring(2, eq), arg.substring(eq + 1));
      }
      return options;
    }

    String optional(String key) {
      used.add(key);
      String value = values.get(key);
      return value == null || value.isBlank() ? null : value;
    }

    String required(String key) {
      String value = optional(key);
      if (value == null) {
        throw new PodException("--" + key + " is required");
      }
      return value;
    }

    Path directory(String key) {
      Path dir = Path.of(required(key));
      if (!Files.isDirectory(dir)) {
        throw new PodException("--" + key + "=" + dir + " is not a directory");
      }
      return dir;
    }

    Path optionalDirectory(String key) {
      return optional(key) == null ? null : directory(key);
    }

    int positiveInt(String key) {
      String value = required(key);
      Integer n = positive(value);
      if (n == null) {
        throw new PodException("--" + key + "=" + value + " must be a positive whole number");
      }
      return n;
    }

    void requireAllUsed() {
      for (String key : values.keySet()) {
        if (!used.contains(key)) {
          throw new PodException("unknown option --" + key);
        }
      }
    }
  }
}
