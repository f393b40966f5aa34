package io.taskbeam.flink.cluster;

import java.io.File;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Command line for a local cluster, run by {@code flink/bin/cluster}: {@code start}, {@code
 * add-taskmanager}, {@code status}, {@code stop}; and for clusters spread over hosts (a SLURM
 * allocation, see {@code flink/bin/taskbeam-sbatch}) {@code taskmanager-command}, which prints the
 * command line of a TaskManager to run on another host, and {@code await-taskmanagers}.
 *
 * <p>Bad input gives a one-line {@code error: ...} on stderr and exit code 1; {@code status} exits
 * with 3 when no cluster runs (as LSB init scripts do), so scripts can test for it.
 */
public final class FlinkClusterCli {
  /** Default run directory when {@code --run-dir} is not given; the wrapper sets it. */
  static final String RUN_DIR_PROPERTY = "taskbeam.flink.runDir";

  static final int EXIT_OK = 0;
  static final int EXIT_ERROR = 1;
  static final int EXIT_NOT_RUNNING = 3;

  /** Restarts per {@link ClusterSupervisor#WINDOW} that {@code --supervise} allows by default. */
  static final int DEFAULT_MAX_RESTARTS = 5;

  static final String USAGE =
      String.join(
          "\n",
          "usage: cluster <command> [options]",
          "  start [--taskmanagers N] [--slots S] [--rest-port P] [--rpc-port P] [--blob-port P]",
          "        [--taskmanager-rpc-port P] [--taskmanager-data-port P] [--free-ports] [--tls]",
          "        [--no-warm-up] [--host ADDRESS] [--tls-host NAME]... [--supervise [--max-restarts N]]",
          "        [--extra-classpath PATH[:PATH...]] [--conf KEY=VALUE]... [--ready-timeout SECONDS]",
          "                     start 1 JobManager + N TaskManagers (default 1; 0: JobManager only) with",
          "                     S slots each (default 1), bound to ADDRESS (default 127.0.0.1);",
          "                     --supervise: a background supervisor restarts a JobManager or",
          "                     TaskManager that died, at most N times per 10 min (default "
              + DEFAULT_MAX_RESTARTS
              + ")",
          "  add-taskmanager    start one more TaskManager in the running cluster",
          "  remove-taskmanager [NAME] [--timeout SECONDS] [--pid PID] [--signal TERM|HUP]",
          "                     drain a TaskManager (default: the newest one started here) and stop",
          "                     it: drivers hold their next job, running tasks end first (at most",
          "                     SECONDS, default 60); --pid for one on another host (joined)",
          "  status             TaskManagers, slots, running jobs and processes (exit 3 if not running)",
          "  stop               stop every process of the cluster (SIGTERM, then SIGKILL)",
          "  taskmanager-command --host ADDRESS --name NAME [--tmp-dir DIR]",
          "                     print (NUL-separated) the command of a TaskManager to run in the",
          "                     foreground on another host that sees the run directory",
          "  await-taskmanagers --count N [--ready-timeout SECONDS]",
          "                     wait until N TaskManagers are registered; print them",
          "every command takes --run-dir DIR (default flink/run)");

  private static final Set<String> FLAGS =
      Set.of("--free-ports", "--tls", "--no-warm-up", "--supervise");
  private static final Set<String> START_OPTIONS =
      Set.of(
          "--taskmanagers",
          "--slots",
          "--rest-port",
          "--rpc-port",
          "--blob-port",
          "--taskmanager-rpc-port",
          "--taskmanager-data-port",
          "--free-ports",
          "--tls",
          "--no-warm-up",
          "--extra-classpath",
          "--conf",
          "--ready-timeout",
          "--host",
          "--tls-host",
          "--supervise",
          "--max-restarts",
          "--run-dir");
  private static final Map<String, Set<String>> OTHER_OPTIONS =
      Map.of(
          "taskmanager-command",
          Set.of("--run-dir", "--host", "--name", "--tmp-dir"),
          "await-taskmanagers",
          Set.of("--run-dir", "--count", "--ready-timeout"),
          "remove-taskmanager",
          Set.of("--run-dir", "--timeout", "--pid", "--signal"));
  private static final Map<String, String> PORT_OPTIONS =
      Map.of(
          "rest.port",
          "--rest-port",
          "jobmanager.rpc.port",
          "--rpc-port",
          "blob.server.port",
          "--blob-port",
          "taskmanager.rpc.port",
          "--taskmanager-rpc-port",
          "taskmanager.data.port",
          "--taskmanager-data-port");

  private final PrintStream out;
  private final PrintStream err;

  FlinkClusterCli(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  public static void main(String[] args) {
    System.exit(new FlinkClusterCli(System.out, System.err).run(args));
  }

  /** Runs one command; returns the exit code. */
  int run(String[] args) {
    if (args.length == 0 || Set.of("help", "--help", "-h").contains(args[0])) {
      (args.length == 0 ? err : out).println(USAGE);
      return args.length == 0 ? EXIT_ERROR : EXIT_OK;
    }
    String command = args[0];
    List<String> rest = new ArrayList<>(List.of(args).subList(1, args.length));
    String positional =
        command.equals("remove-taskmanager") && !rest.isEmpty() && !rest.get(0).startsWith("--")
            ? rest.remove(0)
            : null;
    try {
      Options options =
          Options.parse(
              command,
              rest,
              command.equals("start")
                  ? START_OPTIONS
                  : OTHER_OPTIONS.getOrDefault(command, Set.of("--run-dir")));
      Path runDir =
          Path.of(options.single("--run-dir", System.getProperty(RUN_DIR_PROPERTY, "flink/run")));
      return switch (command) {
        case "start" -> start(runDir, options);
        case "add-taskmanager" -> addTaskManager(runDir);
        case "remove-taskmanager" -> removeTaskManager(runDir, positional, options);
        case "status" -> status(runDir);
        case "stop" -> stop(runDir);
        case "taskmanager-command" -> taskManagerCommand(runDir, options);
        case "await-taskmanagers" -> awaitTaskManagers(runDir, options);
        default -> throw new IllegalStateException(); // rejected by Options.parse
      };
    } catch (PortInUseException e) {
      return fail(
          e.getMessage()
              + "; pick another with "
              + PORT_OPTIONS.get(e.configKey())
              + " P (or --free-ports), or stop what uses it");
    } catch (IllegalArgumentException | ClusterException e) {
      return fail(e.getMessage());
    }
  }

  private int start(Path runDir, Options options) {
    int taskManagers = options.nonNegativeInt("--taskmanagers", 1);
    int slots = options.positiveInt("--slots", 1);
    if (options.has("--max-restarts") && !options.has("--supervise")) {
      throw new IllegalArgumentException(
          "--max-restarts bounds the restarts of --supervise: give both, or neither");
    }
    int maxRestarts =
        options.has("--supervise")
            ? options.positiveInt("--max-restarts", DEFAULT_MAX_RESTARTS)
            : 0;
    ClusterPorts ports =
        options.has("--free-ports") ? ClusterPorts.free() : ClusterPorts.defaults();
    ports =
        new ClusterPorts(
            options.port("--rest-port", ports.rest(), false),
            options.port("--rpc-port", ports.jobManagerRpc(), false),
            options.port("--blob-port", ports.blob(), true),
            options.port("--taskmanager-rpc-port", ports.taskManagerRpc(), true),
            options.port("--taskmanager-data-port", ports.taskManagerData(), true));
    ClusterBuilder builder =
        LocalFlinkCluster.builder()
            .runDir(runDir)
            .taskManagers(taskManagers)
            .slotsPerTaskManager(slots)
            .ports(ports)
            .readyTimeout(Duration.ofSeconds(options.positiveInt("--ready-timeout", 60)))
            .tls(options.has("--tls"))
            .host(options.single("--host", LocalFlinkCluster.HOST))
            .tlsHosts(options.all("--tls-host"))
            .supervise(maxRestarts);
    for (String entries : options.all("--extra-classpath")) {
      for (String entry : entries.split(File.pathSeparator)) {
        builder.extraClasspath(Path.of(entry));
      }
    }
    for (String entry : options.all("--conf")) {
      int eq = entry.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("--conf needs KEY=VALUE, got '" + entry + "'");
      }
      builder.config(entry.substring(0, eq).strip(), entry.substring(eq + 1).strip());
    }
    LocalFlinkCluster cluster = builder.build();
    out.println(
        "starting Flink: 1 jobmanager + "
            + taskManagers
            + " taskmanager(s) x "
            + slots
            + " slot(s), run dir "
            + cluster.runDir());
    cluster.start();
    out.printf(
        Locale.ROOT,
        "ready in %.1f s; dashboard and REST at %s%n",
        cluster.startupTime().toMillis() / 1000.0,
        cluster.restUrl());
    if (cluster.tls()) {
      out.println(
          "mutual TLS: drivers connect with --flinkTls="
              + cluster.tlsClientDir()
              + " (client certificate; keep that directory private)");
    }
    if (!options.has("--no-warm-up") && taskManagers > 0) {
      try {
        out.printf(
            Locale.ROOT,
            "warmed up in %.1f s: every slot ran a small taskbeam job"
                + " (--no-warm-up skips it; log: %s)%n",
            cluster.warmUp().toMillis() / 1000.0,
            cluster.logFile(ClusterWarmUp.LOG));
      } catch (ClusterException e) {
        err.println("cluster: warning: " + e.getMessage() + "; the cluster runs");
      }
    }
    if (maxRestarts > 0) {
      out.println(
          "supervised: a JobManager or TaskManager that dies is restarted (at most "
              + maxRestarts
              + " times per "
              + ClusterSupervisor.WINDOW.toMinutes()
              + " min); restarts are logged in "
              + cluster.logFile(ClusterDirectory.SUPERVISOR));
    }
    out.print(cluster.status().format());
    return EXIT_OK;
  }

  private int addTaskManager(Path runDir) {
    LocalFlinkCluster cluster = LocalFlinkCluster.attach(runDir);
    long begin = System.nanoTime();
    String name = cluster.addTaskManager();
    out.printf(Locale.ROOT, "%s registered in %.1f s%n", name, (System.nanoTime() - begin) / 1e9);
    out.print(cluster.status().format());
    return EXIT_OK;
  }

  private int removeTaskManager(Path runDir, String name, Options options) {
    if (name != null && !name.matches("[A-Za-z0-9._-]+")) {
      throw new IllegalArgumentException(
          "the TaskManager name must be letters, digits, '.', '_' or '-', got '" + name + "'");
    }
    String signal = options.single("--signal", "TERM");
    if (!signal.equals("TERM") && !signal.equals("HUP")) {
      throw new IllegalArgumentException("--signal must be TERM or HUP, got '" + signal + "'");
    }
    Long pid = options.has("--pid") ? (long) options.positiveInt("--pid", 1) : null;
    Duration timeout =
        Duration.ofSeconds(
            options.positiveInt("--timeout", (int) TaskManagerDrain.DEFAULT_TIMEOUT.toSeconds()));
    LocalFlinkCluster cluster = LocalFlinkCluster.attach(runDir);
    out.println(cluster.removeTaskManager(name, pid, signal, timeout));
    return EXIT_OK;
  }

  private int taskManagerCommand(Path runDir, Options options) {
    String host = options.required("--host");
    String name = options.required("--name");
    if (!name.matches("[A-Za-z0-9._-]+")) {
      throw new IllegalArgumentException(
          "--name must be letters, digits, '.', '_' or '-', got '" + name + "'");
    }
    LocalFlinkCluster cluster = LocalFlinkCluster.attach(runDir);
    Path tmp =
        Path.of(
            options.single("--tmp-dir", cluster.runDir().resolve("tmp").resolve(name).toString()));
    List<String> command =
        cluster.taskManagerCommand(name, options.required("--host"), tmp, cluster.logFile(name));
    out.print(String.join("\0", command) + "\0");
    out.flush();
    return EXIT_OK;
  }

  private int awaitTaskManagers(Path runDir, Options options) {
    LocalFlinkCluster cluster = LocalFlinkCluster.attach(runDir);
    int count = options.positiveInt("--count", 1);
    Duration timeout = Duration.ofSeconds(options.positiveInt("--ready-timeout", 60));
    List<String> registered = cluster.awaitTaskManagers(count, timeout);
    out.println(
        registered.size()
            + " taskmanager(s) registered with "
            + cluster.restAddress()
            + ": "
            + String.join(", ", registered));
    return EXIT_OK;
  }

  private int status(Path runDir) {
    LocalFlinkCluster cluster = attachOrNull(runDir);
    if (cluster == null || !cluster.isRunning()) {
      out.println("no Flink cluster running from " + runDir.toAbsolutePath().normalize());
      Map<String, Long> orphans = cluster == null ? Map.of() : cluster.orphans();
      if (orphans.containsKey(ClusterDirectory.SUPERVISOR)) {
        out.println(
            "its JobManager is gone; the supervisor (pid "
                + orphans.get(ClusterDirectory.SUPERVISOR)
                + ") restarts it: see "
                + cluster.logFile(ClusterDirectory.SUPERVISOR));
      } else if (!orphans.isEmpty()) {
        out.println(
            "but its JobManager is gone and "
                + orphans.size()
                + " process(es) of it still run: "
                + orphans
                + "; stop them with: flink/bin/cluster stop");
      }
      return EXIT_NOT_RUNNING;
    }
    out.print(cluster.status().format());
    return EXIT_OK;
  }

  private int stop(Path runDir) {
    LocalFlinkCluster cluster = attachOrNull(runDir);
    Map<String, Long> stopped = cluster == null ? Map.of() : cluster.stop();
    if (stopped.isEmpty()) {
      out.println("nothing to stop in " + runDir.toAbsolutePath().normalize());
    } else {
      stopped.forEach((name, pid) -> out.println("stopped " + name + " (pid " + pid + ")"));
    }
    return EXIT_OK;
  }

  private static LocalFlinkCluster attachOrNull(Path runDir) {
    try {
      return LocalFlinkCluster.attach(runDir);
    } catch (ClusterException e) {
      return null;
    }
  }

  private int fail(String message) {
    err.println("error: " + message);
    return EXIT_ERROR;
  }

  /** Parsed {@code --name value}, {@code --name=value} and flag options of one command. */
  private record Options(Map<String, List<String>> values) {

    static Options parse(String command, List<String> args, Set<String> allowed) {
      if (!Set.of(
              "start",
              "add-taskmanager",
              "remove-taskmanager",
              "status",
              "stop",
              "taskmanager-command",
              "await-taskmanagers")
          .contains(command)) {
        throw new IllegalArgumentException(
            "unknown command '"
                + command
                + "' (expected start, add-taskmanager, remove-taskmanager, status, stop,"
                + " taskmanager-command"
                + " or await-taskmanagers; see --help)");
      }
      Map<String, List<String>> values = new HashMap<>();
      for (int i = 0; i < args.size(); i++) {
        String arg = args.get(i);
        String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
        if (!allowed.contains(name)) {
          throw new IllegalArgumentException(
              "unknown option '" + arg + "' for " + command + " (see --help)");
        }
        String value;
        if (FLAGS.contains(name)) {
          value = "true";
        } else if (arg.contains("=")) {
          value = arg.substring(arg.indexOf('=') + 1);
        } else if (i + 1 < args.size()) {
          value = args.get(++i);
        } else {
          throw new IllegalArgumentException(name + " needs a value");
        }
        values.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
      }
      return new Options(values);
    }

    boolean has(String name) {
      return values.containsKey(name);
    }

    List<String> all(String name) {
      return values.getOrDefault(name, List.of());
    }

    String single(String name, String fallback) {
      List<String> given = all(name);
      if (given.size() > 1) {
        throw new IllegalArgumentException(name + " given more than once");
      }
      return given.isEmpty() ? fallback : given.get(0);
    }

    String required(String name) {
      String value = single(name, null);
      if (value == null || value.isBlank()) {
        throw new IllegalArgumentException(name + " is required");
      }
      return value;
    }

    int nonNegativeInt(String name, int fallback) {
      String value = single(name, Integer.toString(fallback));
      if (value.matches("\\d{1,9}")) {
        return Integer.parseInt(value);
      }
      throw new IllegalArgumentException(name + " must be 0 or more, got '" + value + "'");
    }

    int positiveInt(String name, int fallback) {
      String value = single(name, Integer.toString(fallback));
      try {
        int n = Integer.parseInt(value);
        if (n > 0) {
          return n;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw new IllegalArgumentException(name + " must be a positive integer, got '" + value + "'");
    }

    int port(String name, int fallback, boolean zeroAllowed) {
      String value = single(name, Integer.toString(fallback));
      try {
        int port = Integer.parseInt(value);
        if (port >= (zeroAllowed ? 0 : 1) && port <= 65535) {
          return port;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw new IllegalArgumentException(
          name
              + " must be a port number "
              + (zeroAllowed ? "0 (any) or " : "")
              + "1-65535, got '"
              + value
              + "'");
    }
  }
}
