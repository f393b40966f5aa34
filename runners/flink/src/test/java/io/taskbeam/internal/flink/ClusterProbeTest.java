package io.taskbeam.internal.flink;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.lessThan;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The probe against real sockets: nothing listening, and a listener that never answers. */
class ClusterProbeTest {
  @Test
  void refusedConnectionIsNamed() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    int closed = port;
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> ClusterProbe.probe("127.0.0.1:" + closed));
    assertThat(
        e.getMessage(),
        containsString(
            "cannot use the Flink cluster at 127.0.0.1:"
                + closed
                + ": connection refused; check --flinkMaster"));
  }

  @Test
  void silentPortTimesOutWithinSeconds() throws Exception {
    List<Socket> accepted = new ArrayList<>();
    try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
      Thread acceptor =
          new Thread(
              () -> {
                try {
                  while (true) {
                    accepted.add(silent.accept());
                  }
                } catch (IOException closed) {
                  // test over
                }
              });
      acceptor.setDaemon(true);
      acceptor.start();
      long start = System.nanoTime();
      IllegalStateException e =
          assertThrows(
              IllegalStateException.class,
              () -> ClusterProbe.probe("127.0.0.1:" + silent.getLocalPort()));
      assertThat((System.nanoTime() - start) / 1e9, lessThan(15.0));
      assertThat(e.getMessage(), containsString("sent no HTTP answer"));
      assertThat(e.getMessage(), containsString("REST port"));
    } finally {
      for (Socket s : accepted) {
        s.close();
      }
    }
  }

  @Test
  void malformedAddressIsNamed() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> ClusterProbe.probe("host with spaces:80"));
    assertThat(
        e.getMessage(),
        containsString("--flinkMaster=host with spaces:80 is not a " + "host:port address"));
  }
}
