package io.taskbeam.testlab;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A private network of "pods" made of Linux network namespaces: a switch namespace holding a
 * bridge, and per pod a namespace with {@code eth0} (one end of a veth pair whose other end is on
 * the bridge), an address of the private test subnet, and its own {@code /etc/hosts} (Service names
 * resolve to the address of the pod behind them) and an empty {@code resolv.conf} (no DNS: an
 * unknown name fails at once instead of timing out). Nothing is added to the host's own namespace.
 * Namespace names carry the test JVM's pid, so a later run removes what a killed run left behind,
 * and {@link #close()} ends every process in the namespaces and deletes them. Public, and in this
 * module's test jar, for the SLURM test (its nodes are such namespaces too).
 */
public final class NetnsLab implements AutoCloseable {
  /** Only ever assigned inside namespaces this class creates. */
  public static final String SUBNET = "10.243.0.";

  private static final Pattern OURS = Pattern.compile("^(tbr(\\d+))-\\S+");

  private final String ip;
  private final String prefix;
  private final List<String> namespaces = new ArrayList<>();
  private final Map<String, String> addresses = new LinkedHashMap<>();

  private NetnsLab(String ip, String prefix) {
    this.ip = ip;
    this.prefix = prefix;
  }

  /** The {@code ip} binary, or null when iproute2 is not installed. */
  public static String findIp() {
    for (String dir : List.of("/usr/sbin", "/sbin", "/usr/bin", "/bin")) {
      if (Files.isExecutable(Path.of(dir, "ip"))) {
        return dir + "/ip";
      }
    }
    return null;
  }

  public static NetnsLab create(String ip) {
    NetnsLab lab = new NetnsLab(ip, "tbr" + ProcessHandle.current().pid());
    lab.removeStale();
    String sw = lab.prefix + "-sw";
    lab.namespace(sw);
    lab.run("-n", sw, "link", "add", "br0", "type", "bridge");
    lab.run("-n", sw, "link", "set", "br0", "up");
    return lab;
  }

  /** Adds a pod namespace with the next address; {@code hosts} lines are written later. */
  public String addPod(String pod) {
    int index = addresses.size();
    String ns = prefix + "-" + index;
    String address = SUBNET + (10 + index);
    namespace(ns);
    String peer = "v" + index;
    run(
        "-n",
        ns,
        "link",
        "add",
        "eth0",
        "type",
        "veth",
        "peer",
        "name",
        peer,
        "netns",
        prefix + "-sw");
    run("-n", prefix + "-sw", "link", "set", peer, "master", "br0", "up");
    run("-n", ns, "addr", "add", address + "/24", "dev", "eth0");
    run("-n", ns, "link", "set", "eth0", "up");
    run("-n", ns, "link", "set", "lo", "up");
    addresses.put(pod, address);
    return address;
  }

  public String namespaceOf(String pod) {
    return prefix + "-" + new ArrayList<>(addresses.keySet()).indexOf(pod);
  }

  public String addressOf(String pod) {
    return addresses.get(pod);
  }

  /**
   * Writes every pod's {@code /etc/netns/NS/hosts}: localhost, each pod name and the host's own
   * name (the JVM looks it up) to the pod's address, and {@code names} (Service name -> pod) to the
   * address of the pod behind the Service.
   */
  public void writeHosts(Map<String, String> names) throws IOException {
    String hostName = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
    for (String pod : addresses.keySet()) {
      StringBuilder hosts = new StringBuilder("127.0.0.1 localhost\n");
      hosts
          .append(addresses.get(pod))
          .append(' ')
          .append(pod)
          .append(' ')
          .append(hostName)
          .append('\n');
      addresses.forEach(
          (other, address) -> {
            if (!other.equals(pod)) {
              hosts.append(address).append(' ').append(other).append('\n');
            }
          });
      names.forEach(
          (name, target) ->
              hosts.append(addresses.get(target)).append(' ').append(name).append('\n'));
      Path dir = Path.of("/etc/netns", namespaceOf(pod));
      Files.createDirectories(dir);
      Files.writeString(dir.resolve("hosts"), hosts, StandardCharsets.UTF_8);
      Files.writeString(dir.resolve("resolv.conf"), "", StandardCharsets.UTF_8);
    }
  }

  /** {@code ip netns exec NS command...}: the command runs in the pod's namespace. */
  public List<String> exec(String pod, List<String> command) {
    List<String> full = new ArrayList<>(List.of(ip, "netns", "exec", namespaceOf(pod)));
    full.addAll(command);
    return full;
  }

  @Override
  public void close() {
    for (int i = namespaces.size() - 1; i >= 0; i--) {
      destroy(namespaces.get(i));
    }
    namespaces.clear();
  }

  private void namespace(String ns) {
    run("netns", "add", ns);
    namespaces.add(ns);
  }

  /** Ends every process in the namespace (TERM, then KILL after 10 s) and deletes it. */
  private void destroy(String ns) {
    List<ProcessHandle> processes =
        pids(ns).stream().map(ProcessHandle::of).flatMap(java.util.Optional::stream).toList();
    processes.forEach(ProcessHandle::destroy);
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    for (ProcessHandle p : processes) {
      try {
        p.onExit().get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (Exception stillRunning) {
        p.destroyForcibly();
      }
    }
    tryRun("netns", "del", ns);
    deleteRecursively(Path.of("/etc/netns", ns));
  }

  private List<Long> pids(String ns) {
    List<Long> pids = new ArrayList<>();
    for (String line : tryRun("netns", "pids", ns).split("\\R")) {
      if (line.strip().matches("\\d+")) {
        pids.add(Long.parseLong(line.strip()));
      }
    }
    return pids;
  }

  /** Namespaces of earlier runs whose JVM is gone (killed before it could clean up). */
  private void removeStale() {
    for (String line : tryRun("netns", "list").split("\\R")) {
      Matcher m = OURS.matcher(line.strip());
      if (m.find() && ProcessHandle.of(Long.parseLong(m.group(2))).isEmpty()) {
        destroy(m.group(0));
      }
    }
  }

  private void run(String... args) {
    List<String> command = new ArrayList<>(List.of(ip));
    command.addAll(List.of(args));
    Result result = execute(command);
    if (result.code() != 0) {
      throw new IllegalStateException(
          String.join(" ", command) + " failed: " + result.output().strip());
    }
  }

  private String tryRun(String... args) {
    List<String> command = new ArrayList<>(List.of(ip));
    command.addAll(List.of(args));
    return execute(command).output();
  }

  /**
   * What {@code command} printed (stderr merged, stdin from /dev/null, at most 30 s), for a test
   * that reads a command's answer, e.g. one run inside a namespace through {@link #exec}; a command
   * that cannot start, or times out, gives its error in place of the output.
   */
  public static String output(List<String> command) {
    return execute(command).output();
  }

  private record Result(int code, String output) {}

  private static Result execute(List<String> command) {
    try {
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
              .start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return new Result(-1, output + " (timed out)");
      }
      return new Result(process.exitValue(), output);
    } catch (IOException e) {
      return new Result(-1, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result(-1, "interrupted");
    }
  }

  private static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // best effort: a leftover /etc/netns/NAME dir holds only two small files
    }
  }
}
