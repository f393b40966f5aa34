package io.taskbeam.slurm;

import io.taskbeam.testlab.NetnsLab;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real SLURM cluster on this machine, for tests: one {@code munged} (own key, own socket), a
 * {@code slurmctld} and N {@code slurmd} nodes, each daemon in a network namespace of a {@link
 * NetnsLab} (own address) and its own UTS namespace (own host name, {@code ctl}, {@code node1},
 * ...), all files in one directory. {@link #close()} stops every daemon it started, by pid
 * (SIGTERM, then SIGKILL), and removes the namespaces with whatever still runs in them.
 *
 * <pre>{@code
 * try (SlurmLab slurm = SlurmLab.start(dir, 2)) {
 *   slurm.run(List.of("sbatch", "--wrap", "hostname"));   // on the controller's network
 * }
 * }</pre>
 */
final class SlurmLab implements AutoCloseable {
  static final String CONTROLLER = "ctl";

  /** Daemons and the client commands the lab needs; a test without them skips. */
  static final List<String> TOOLS =
      List.of("munged", "slurmctld", "slurmd", "sbatch", "squeue", "scancel", "sinfo", "unshare");

  private final Path dir;
  private final NetnsLab net;
  private final List<String> nodes = new ArrayList<>();
  private final Map<String, Process> daemons = new LinkedHashMap<>();

  private SlurmLab(Path dir, NetnsLab net) {
    this.dir = dir;
    this.net = net;
  }

  /** The first of {@link #TOOLS} not on the PATH (with {@code ip}), or null when all are there. */
  static String missingTool() {
    if (NetnsLab.findIp() == null) {
      return "ip";
    }
    for (String tool : TOOLS) {
      if (which(tool) == null) {
        return tool;
      }
    }
    return null;
  }

  /**
   * Starts munged, slurmctld and {@code nodeCount} slurmd nodes of {@code cpus} CPUs each, and
   * waits (bounded) until every node is idle.
   */
  static SlurmLab start(Path dir, int nodeCount, int cpus) throws IOException {
    NetnsLab net = NetnsLab.create(NetnsLab.findIp());
    SlurmLab lab = new SlurmLab(dir, net);
    try {
      lab.startDaemons(nodeCount, cpus);
      return lab;
    } catch (IOException | RuntimeException e) {
      lab.close();
      throw e;
    }
  }

  List<String> nodes() {
    return List.copyOf(nodes);
  }

  /** {@code SLURM_CONF} for every client command. */
  Path config() {
    return dir.resolve("slurm.conf");
  }

  /** Runs a command on the controller's network with this lab's {@code SLURM_CONF}; its output. */
  String run(List<String> command, Map<String, String> env, Duration timeout) throws IOException {
    Path out = Files.createTempFile(dir, "command", ".out");
    ProcessBuilder builder =
        new ProcessBuilder(net.exec(CONTROLLER, command))
            .redirectErrorStream(true)
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .redirectOutput(out.toFile());
    // A test JVM that itself runs in a SLURM job must not pass that job on to the lab's commands.
    builder.environment().keySet().removeIf(key -> key.startsWith("SLURM_"));
    builder.environment().put("SLURM_CONF", config().toString());
    builder.environment().putAll(env);
    Process process = builder.start();
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(
            String.join(" ", command) + " did not end in " + timeout.toSeconds() + " s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      throw new IllegalStateException("interrupted", e);
    }
    String output = Files.readString(out, StandardCharsets.UTF_8);
    Files.delete(out);
    if (process.exitValue() != 0) {
      throw new IllegalStateException(
          String.join(" ", command) + " exited with " + process.exitValue() + ": " + output);
    }
    return output;
  }

  /** Waits until job {@code id} has left the queue (finished, failed or cancelled). */
  void awaitJobGone(String id, Duration timeout) throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!jobState(id).isBlank()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "job " + id + " still queued or running after " + timeout.toSeconds() + " s");
      }
      sleep(Duration.ofSeconds(1));
    }
  }

  /**
   * The job's state as squeue prints it, blank once it ended; also blank once slurmctld forgot it
   * ({@code MinJobAge} after its end squeue answers "Invalid job id specified").
   */
  private String jobState(String id) throws IOException {
    try {
      return run(List.of("squeue", "-h", "-j", id, "-o", "%T"), Map.of(), Duration.ofSeconds(30));
    } catch (IllegalStateException e) {
      if (e.getMessage() != null && e.getMessage().contains("Invalid job id specified")) {
        return "";
      }
      throw e;
    }
  }

  @Override
  public void close() {
    List<Process> started = new ArrayList<>(daemons.values());
    for (int i = started.size() - 1; i >= 0; i--) { // nodes first, the controller, then munged
      stop(started.get(i));
    }
    daemons.clear();
    net.close();
  }

  // ---------------------------------------------------------------------------------------------

  private void startDaemons(int nodeCount, int cpus) throws IOException {
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path munge = Files.createDirectories(dir.resolve("munge"));
    Files.setPosixFilePermissions(munge, PosixFilePermissions.fromString("rwx------"));
    Path key = munge.resolve("munge.key");
    byte[] secret = new byte[1024];
    new SecureRandom().nextBytes(secret);
    Files.write(key, secret);
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
    Path socketDir = Files.createDirectories(dir.resolve("munge-socket"));
    Path socket = socketDir.resolve("munge.socket");
    daemon(
        "munged",
        null,
        List.of(
            "munged",
            "--foreground",
            "--socket=" + socket,
            "--key-file=" + key,
            "--log-file=" + munge.resolve("munged.log"),
            "--pid-file=" + munge.resolve("munged.pid"),
            "--seed-file=" + munge.resolve("munged.seed")));
    awaitFile(socket, "munged");

    String controllerAddress = net.addPod(CONTROLLER);
    StringBuilder nodeLines = new StringBuilder();
    for (int i = 1; i <= nodeCount; i++) {
      String node = "node" + i;
      nodes.add(node);
      nodeLines.append(
          String.format(
              "NodeName=%s NodeAddr=%s CPUs=%d RealMemory=4000 State=UNKNOWN%n",
              node, net.addPod(node), cpus));
    }
    net.writeHosts(Map.of());
    Files.createDirectories(dir.resolve("state"));
    Files.writeString(
        config(),
        slurmConf(controllerAddress, socket)
            + nodeLines
            + "PartitionName=batch Nodes="
            + String.join(",", nodes)
            + " Default=YES MaxTime=INFINITE State=UP\n",
        StandardCharsets.UTF_8);
    Files.writeString(
        dir.resolve("cgroup.conf"),
        "CgroupPlugin=cgroup/v1\nCgroupMountpoint=/sys/fs/cgroup\n",
        StandardCharsets.UTF_8);
    daemon("slurmctld", CONTROLLER, List.of("slurmctld", "-D", "-i"));
    for (String node : nodes) {
      daemon("slurmd-" + node, node, List.of("slurmd", "-D"));
    }
    awaitNodesIdle(Duration.ofSeconds(60));
  }

  /**
   * The cluster-wide part of {@code slurm.conf}: everything as root, files under the lab's
   * directory (per node where slurmd needs it: {@code %n}), no cgroup process tracking or
   * accounting (a test machine need not have them), and SLURM's default {@code KillWait} of 30 s
   * (SIGKILL that long after SIGTERM): a cancelled worker job's TaskManager is drained within it
   * even on a loaded host, where its running job may take 15 s.
   */
  private String slurmConf(String controllerAddress, Path mungeSocket) {
    return String.join(
            "\n",
            "ClusterName=taskbeamtest",
            "SlurmctldHost=" + CONTROLLER + "(" + controllerAddress + ")",
            "SlurmUser=root",
            "SlurmdUser=root",
            "AuthType=auth/munge",
            "CredType=cred/munge",
            "AuthInfo=socket=" + mungeSocket,
            "StateSaveLocation=" + dir.resolve("state"),
            "SlurmdSpoolDir=" + dir.resolve("spool-%n"),
            "SlurmctldPidFile=" + dir.resolve("slurmctld.pid"),
            "SlurmdPidFile=" + dir.resolve("slurmd-%n.pid"),
            "SlurmctldLogFile=" + dir.resolve("slurmctld.log"),
            "SlurmdLogFile=" + dir.resolve("slurmd-%n.log"),
            "ProctrackType=proctrack/linuxproc",
            "TaskPlugin=task/none",
            "JobAcctGatherType=jobacct_gather/none",
            "AccountingStorageType=accounting_storage/none",
            "MpiDefault=none",
            "SwitchType=switch/none",
            "SchedulerType=sched/builtin",
            "SelectType=select/cons_tres",
            "SelectTypeParameters=CR_CPU",
            "SlurmdParameters=config_overrides",
            "ReturnToService=2",
            "MailProg=/bin/true",
            "KillWait=30",
            "MinJobAge=10",
            "")
        + "\n";
  }

  /** Starts {@code command} in the foreground, in {@code pod}'s namespaces when not null. */
  private void daemon(String name, String pod, List<String> command) throws IOException {
    List<String> full = command;
    if (pod != null) { // own host name: slurmctld and slurmd compare it with the config
      full =
          net.exec(
              pod,
              List.of(
                  "unshare",
                  "--uts",
                  "sh",
                  "-c",
                  "hostname \"$0\" && exec \"$@\"",
                  pod,
                  command.get(0)));
      full = new ArrayList<>(full);
      full.addAll(command.subList(1, command.size()));
    }
    ProcessBuilder builder =
        new ProcessBuilder(full)
            .redirectErrorStream(true)
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .redirectOutput(dir.resolve(name + ".out").toFile());
    builder.environment().put("SLURM_CONF", config().toString());
    daemons.put(name, builder.start());
  }

  private void awaitNodesIdle(Duration timeout) throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    String states = "";
    while (System.nanoTime() < deadline) {
      daemons.forEach(
          (name, process) -> {
            if (!process.isAlive()) {
              throw new IllegalStateException(
                  name
                      + " exited with "
                      + process.exitValue()
                      + "; see "
                      + dir.resolve(name + ".out"));
            }
          });
      try {
        states = run(List.of("sinfo", "-h", "-N", "-o", "%N %T"), Map.of(), Duration.ofSeconds(30));
        if (states.lines().filter(l -> l.endsWith(" idle")).count() == nodes.size()) {
          return;
        }
      } catch (IllegalStateException notYet) {
        states = notYet.getMessage();
      }
      sleep(Duration.ofMillis(500));
    }
    throw new IllegalStateException(
        "SLURM nodes not idle after " + timeout.toSeconds() + " s: " + states.strip());
  }

  private static void awaitFile(Path file, String what) {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!Files.exists(file)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(what + " did not create " + file + " within 20 s");
      }
      sleep(Duration.ofMillis(100));
    }
  }

  private static void stop(Process process) {
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      if (!process.waitFor(15, TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  private static String which(String tool) {
    for (String dir : List.of("/usr/sbin", "/sbin", "/usr/bin", "/bin", "/usr/local/bin")) {
      if (Files.isExecutable(Path.of(dir, tool))) {
        return dir + "/" + tool;
      }
    }
    return null;
  }

  static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
