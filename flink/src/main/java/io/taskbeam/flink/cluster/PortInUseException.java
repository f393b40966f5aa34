package io.taskbeam.flink.cluster;

/**
 * A port the cluster needs is already bound on the loopback address. Carries the Flink config key
 * so the CLI can name the option that changes it.
 */
public final class PortInUseException extends ClusterException {
  private static final long serialVersionUID = 1L;

  private final String configKey;
  private final int port;

  PortInUseException(String configKey, int port, String host) {
    super("port " + port + " (" + configKey + ") on " + host + " is already in use");
    this.configKey = configKey;
    this.port = port;
  }

  /** The Flink config key of the port, e.g. {@code rest.port}. */
  public String configKey() {
    return configKey;
  }

  public int port() {
    return port;
  }
}
