package io.taskbeam.flink.cluster;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Parsing of BashJavaUtils output, with samples taken from Flink 1.19.0 on this config. */
class ResourceParamsTest {

  private static final String TM_OUTPUT =
      String.join(
          "\n",
          "INFO  [] - Loading configuration property: taskmanager.memory.process.size, 1536m",
          "INFO  [] - The derived from fraction jvm overhead memory (153.600mb (161061280 bytes)) is less than its min value 192.000mb (201326592 bytes), min value will be used instead",
          "BASH_JAVA_UTILS_EXEC_RESULT:-Xmx436207608 -Xms436207608 -XX:MaxDirectMemorySize=248302798 -XX:MaxMetaspaceSize=268435456",
          "BASH_JAVA_UTILS_EXEC_RESULT:-D taskmanager.memory.network.min=114085070b -D taskmanager.cpu.cores=1.0 "
              + "-D taskmanager.memory.task.heap.size=301989880b -D taskmanager.numberOfTaskSlots=1",
          "");

  @Test
  void parsesJvmFlagsAndDynamicPropertiesAfterLogLines() {
    ResourceParams params = ResourceParams.parse(TM_OUTPUT);

    assertThat(
        params.jvmOptions(),
        contains(
            "-Xmx436207608",
            "-Xms436207608",
            "-XX:MaxDirectMemorySize=248302798",
            "-XX:MaxMetaspaceSize=268435456"));
    assertThat(
        params.dynamicProperties(),
        contains(
            "-D", "taskmanager.memory.network.min=114085070b",
            "-D", "taskmanager.cpu.cores=1.0",
            "-D", "taskmanager.memory.task.heap.size=301989880b",
            "-D", "taskmanager.numberOfTaskSlots=1"));
  }

  @Test
  void parsesJobManagerOutput() {
    ResourceParams params =
        ResourceParams.parse(
            "BASH_JAVA_UTILS_EXEC_RESULT:-Xmx469762048 -Xms469762048 -XX:MaxMetaspaceSize=268435456\n"
                + "BASH_JAVA_UTILS_EXEC_RESULT:-D jobmanager.memory.heap.size=469762048b -D jobmanager.memory.off-heap.size=134217728b\n");

    assertThat(
        params.jvmOptions(),
        equalTo(List.of("-Xmx469762048", "-Xms469762048", "-XX:MaxMetaspaceSize=268435456")));
    assertThat(
        params.dynamicProperties(),
        equalTo(
            List.of(
                "-D",
                "jobmanager.memory.heap.size=469762048b",
                "-D",
                "jobmanager.memory.off-heap.size=134217728b")));
  }

  @Test
  void resultLinesMustBeExactlyTwo() {
    ClusterException e =
        assertThrows(
            ClusterException.class,
            () ->
                ResourceParams.parse(
                    "ERROR Could not load configuration\nBASH_JAVA_UTILS_EXEC_RESULT:-Xmx1\n"));

    assertThat(
        e.getMessage(),
        equalTo(
            "expected 2 BASH_JAVA_UTILS_EXEC_RESULT: lines from BashJavaUtils, got 1; "
                + "its output ends with: ERROR Could not load configuration BASH_JAVA_UTILS_EXEC_RESULT:-Xmx1"));
  }

  @Test
  void rejectsMalformedDynamicProperties() {
    ClusterException e =
        assertThrows(
            ClusterException.class,
            () ->
                ResourceParams.parse(
                    "BASH_JAVA_UTILS_EXEC_RESULT:-Xmx1\nBASH_JAVA_UTILS_EXEC_RESULT:-D a=1 -D\n"));

    assertThat(
        e.getMessage(), containsString("unexpected -D list from BashJavaUtils: '-D a=1 -D'"));
  }

  @Test
  void rejectsNonJvmFlags() {
    ClusterException e =
        assertThrows(
            ClusterException.class,
            () ->
                ResourceParams.parse(
                    "BASH_JAVA_UTILS_EXEC_RESULT:oops\nBASH_JAVA_UTILS_EXEC_RESULT:-D a=1\n"));

    assertThat(e.getMessage(), equalTo("unexpected JVM flags from BashJavaUtils: 'oops'"));
  }
}
