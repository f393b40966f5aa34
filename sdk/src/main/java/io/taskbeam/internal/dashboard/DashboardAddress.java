package io.taskbeam.internal.dashboard;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Where the dashboard listens, from {@code --dashboard}: {@code off}, {@code auto} (127.0.0.1 and a
 * free port) or {@code HOST:PORT} ({@code [::1]:PORT} for IPv6). Without {@code --dashboardTls}
 * only loopback addresses are accepted: the page is then served over plain HTTP, and the token in
 * its address would cross the network in the clear; a remote viewer reaches it through {@code ssh
 * -L} or {@code kubectl port-forward}. With {@code --dashboardTls=DIR} it is served over HTTPS
 * ({@link DashboardTls}) and any address may be given.
 *
 * @param port 0 for any free port
 * @param tls the {@code --dashboardTls} directory, or null for plain HTTP
 */
public record DashboardAddress(String host, int port, Path tls) {
  /** The default: 127.0.0.1, any free port. */
  public static final DashboardAddress AUTO = new DashboardAddress("127.0.0.1", 0);

  /** Plain HTTP at {@code host:port}. */
  public DashboardAddress(String host, int port) {
    this(host, port, null);
  }

  /** As {@link #parse(String, String)} without TLS. */
  public static DashboardAddress parse(String option) {
    return parse(option, null);
  }

  /**
   * The address {@code option} names, served over HTTPS with the credentials in {@code tlsDir} when
   * it is not null or blank; null for {@code off}.
   *
   * @throws IllegalArgumentException one line naming the bad value and the fix
   */
  public static DashboardAddress parse(String option, String tlsDir) {
    Path tls = tlsDir == null || tlsDir.isBlank() ? null : Path.of(tlsDir.strip());
    String value = option == null ? "auto" : option.strip();
    switch (value.toLowerCase(Locale.ROOT)) {
      case "off":
        return null;
      case "auto":
      case "":
        return tls == null ? AUTO : new DashboardAddress(AUTO.host(), 0, tls);
      default:
        break;
    }
    int colon = value.lastIndexOf(':');
    if (colon <= 0 || colon == value.length() - 1) {
      throw bad(value, "expected off, auto or HOST:PORT (e.g. 127.0.0.1:8787)");
    }
    String host = value.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port;
    try {
      port = Integer.parseInt(value.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw bad(value, "the port must be a number from 0 (any free port) to 65535");
    }
    if (port < 0 || port > 65535) {
      throw bad(value, "the port must be a number from 0 (any free port) to 65535");
    }
    InetAddress address;
    try {
      address = InetAddress.getByName(host);
    } catch (UnknownHostException e) {
      throw bad(value, "unknown host " + host + "; use 127.0.0.1");
    }
    if (tls == null && !address.isLoopbackAddress()) {
      throw bad(
          value,
          host
              + " is not a loopback address, and the dashboard has no TLS: its token would cross"
              + " the network in the clear; give --dashboardTls=DIR (e.g. the cluster's"
              + " flink/run/tls/client) to serve it over HTTPS there, or keep 127.0.0.1"
              + " (--dashboard=auto) and reach it through ssh -L PORT:127.0.0.1:PORT or kubectl"
              + " port-forward");
    }
    return new DashboardAddress(host, port, tls);
  }

  private static IllegalArgumentException bad(String value, String why) {
    return new IllegalArgumentException("--dashboard=" + value + ": " + why);
  }
}
