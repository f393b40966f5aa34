package io.taskbeam.flink.cluster;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The names a cluster's certificates hold: loopback always, and the hosts of a cluster spread over
 * nodes (a SLURM allocation), so a driver that checks the REST endpoint's name accepts it there.
 */
class ClusterTlsNamesTest {
  @Test
  void loopbackOnlyForALocalCluster() {
    assertThat(
        ClusterTls.subjectAlternativeNames(List.of("127.0.0.1")),
        equalTo("san=ip:127.0.0.1,dns:localhost"));
  }

  @Test
  void nodeAddressesAndNamesAreAdded() {
    assertThat(
        ClusterTls.subjectAlternativeNames(List.of("10.243.0.11", "node1", "fe80::1")),
        equalTo("san=ip:127.0.0.1,dns:localhost,ip:10.243.0.11,dns:node1,ip:fe80::1"));
  }

  @Test
  void aNameACertificateCannotHoldIsRejected() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ClusterTls.subjectAlternativeNames(List.of("node1,dns:evil")));
    assertThat(
        e.getMessage(),
        equalTo("TLS host name 'node1,dns:evil' has characters a certificate name cannot hold"));
  }

  @Test
  void aBlankHostIsRejectedByTheBuilder() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> LocalFlinkCluster.builder().host(" "));
    assertThat(e.getMessage(), equalTo("host must be an address or name, got ' '"));
  }
}
