package io.taskbeam.internal.dashboard;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Where the dashboard listens, from {@code --dashboard}: {@code off}, {@code auto} (127.0.0.1 and a
 * free port) or {@code HOST:PORT} ({@code [::1]:PORT} for IPv6). Only loopback addresses are
 * accepted: the page is served over plain HTTP, and the token in its address would cross the
 * network in the clear; a remote viewer reaches it through {@code ssh -L} or {@code kubectl
 * port-forward}.
 *
 * @param port 0 for any free port
 */
public record DashboardAddress(String host, int port) {
  /** The default: 127.0.0.1, any free port. */
  public static final DashboardAddress AUTO = new DashboardAddress("127.0.0.1", 0);

  /**
   * The address {@code option} names, or null for {@code off}.
   *
   * @throws IllegalArgumentException one line naming the bad value and the fix
   */
  public static DashboardAddress parse(String option) {
    String value = option == null ? "auto" : option.strip();
    switch (value.toLowerCase(Locale.ROOT)) {
      case "off":
        return null;
      case "auto":
      case "":
        return AUTO;
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
    if (!address.isLoopbackAddress()) {
      throw bad(
          value,
          host
              + " is not a loopback address, and the dashboard has no TLS: its token would cross"
              + " the network in the clear; keep 127.0.0.1 (--dashboard=auto) and reach it"
              + " through ssh -L PORT:127.0.0.1:PORT or kubectl port-forward");
    }
    return new DashboardAddress(host, port);
  }

  private static IllegalArgumentException bad(String value, String why) {
    return new IllegalArgumentException("--dashboard=" + value + ": " + why);
  }
}
