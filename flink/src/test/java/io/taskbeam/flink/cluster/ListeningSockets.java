package io.taskbeam.flink.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The TCP sockets a process listens on, read from Linux's {@code /proc} (no {@code ss} or {@code
 * netstat} needed): the socket inodes among {@code /proc/<pid>/fd}, matched against the LISTEN
 * entries of {@code /proc/net/tcp} and {@code tcp6}.
 */
final class ListeningSockets {
  /** A listening socket: its local address in /proc's hex form, decoded. */
  record Socket(String address, int port, boolean loopback) {
    @Override
    public String toString() {
      return address + ":" + port;
    }
  }

  private ListeningSockets() {}

  static List<Socket> of(long pid) throws IOException {
    Set<String> inodes = new HashSet<>();
    try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
      for (Path fd : fds.toList()) {
        try {
          String target = Files.readSymbolicLink(fd).toString();
          if (target.startsWith("socket:[")) {
            inodes.add(target.substring(8, target.length() - 1));
          }
        } catch (IOException closedMeanwhile) {
          // skip
        }
      }
    }
    List<Socket> sockets = new ArrayList<>();
    for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      List<String> lines = Files.readAllLines(Path.of(table));
      for (String line : lines.subList(1, lines.size())) {
        String[] f = line.strip().split("\\s+");
        // f[1] local address hex:port, f[3] state (0A = LISTEN), f[9] inode
        if (f[3].equals("0A") && inodes.contains(f[9])) {
          String[] local = f[1].split(":");
          sockets.add(decode(local[0], Integer.parseInt(local[1], 16)));
        }
      }
    }
    return sockets;
  }

  private static Socket decode(String hex, int port) {
    if (hex.length() == 8) {
      return new Socket(ipv4(hex), port, hex.endsWith("7F"));
    }
    // IPv6: ::1 is loopback; ::ffff:127.x.x.x (IPv4-mapped) is loopback too
    boolean v6Loopback = hex.equals("00000000000000000000000001000000");
    boolean mapped = hex.startsWith("0000000000000000FFFF0000");
    String v4 = mapped ? ipv4(hex.substring(24)) : null;
    return new Socket(
        mapped ? "::ffff:" + v4 : hex, port, v6Loopback || (mapped && hex.endsWith("7F")));
  }

  /** /proc prints IPv4 addresses as a little-endian 32-bit hex number. */
  private static String ipv4(String hex) {
    return Integer.parseInt(hex.substring(6, 8), 16)
        + "."
        + Integer.parseInt(hex.substring(4, 6), 16)
        + "."
        + Integer.parseInt(hex.substring(2, 4), 16)
        + "."
        + Integer.parseInt(hex.substring(0, 2), 16);
  }
}
