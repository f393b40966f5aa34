package io.taskbeam.pipelines.faults;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.lessThan;

import io.taskbeam.flink.cluster.LocalFlinkCluster;
import io.taskbeam.pipelines.ProgramRuns;
import io.taskbeam.pipelines.matmul.MatMulMain;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Programs on a real cluster started with mutual TLS (1 JobManager + 1 TaskManager, free loopback
 * ports): with the cluster's client certificate a blocked product runs end to end and is verified
 * against EJML; without it the program stops before submitting, in one line. (The cluster side, a
 * foreign TaskManager and REST without a certificate, is tested in the flink module's {@code
 * LocalFlinkClusterTlsIT}.)
 */
class TlsClusterIT {
  private static LocalFlinkCluster cluster;
  @TempDir Path workDir;

  @BeforeAll
  static void startCluster() {
    cluster =
        LocalFlinkCluster.builder()
            .runDir(Path.of("target", "it-tls-cluster"))
            .taskManagers(1)
            .freePorts()
            .tls(true)
            .readyTimeout(Duration.ofSeconds(120))
            .stopOnJvmExit(true)
            .build()
            .start();
  }

  @AfterAll
  static void stopCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void matmulRunsOverMutualTlsAndIsVerified() throws Exception {
    String out =
        ProgramRuns.run(
            MatMulMain::run,
            "--runner=FlinkRunner",
            "--flinkMaster=" + cluster.restAddress(),
            "--flinkTls=" + cluster.tlsClientDir(),
            "--parallelism=1",
            "--n=256",
            "--blockSize=64",
            "--workDir=" + workDir,
            "--observe=false");
    assertThat(out, containsString("verify: max |C - C_ref| / max |C_ref| = "));
    assertThat(out, containsString(": OK"));
  }

  @Test
  void withoutTheClientCertificateTheProgramStopsInOneLine() {
    long start = System.nanoTime();
    String line =
        ProgramRuns.fail(
            "matmul",
            MatMulMain::run,
            "--runner=FlinkRunner",
            "--flinkMaster=" + cluster.restAddress(),
            "--n=64",
            "--blockSize=32",
            "--workDir=" + workDir);
    assertThat((System.nanoTime() - start) / 1e9, lessThan(15.0));
    assertThat(
        line,
        containsString("matmul: error: cannot use the Flink cluster at " + cluster.restAddress()));
    assertThat(line, containsString("--flinkTls"));
  }
}
