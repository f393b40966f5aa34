package io.taskbeam.internal.spark;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import org.junit.jupiter.api.Test;

class SparkRunnerSupportTest {
  @Test
  void localMastersGiveTheirThreads() {
    int cores = Runtime.getRuntime().availableProcessors();
    assertThat(SparkRunnerSupport.localThreads("local"), is(1));
    assertThat(SparkRunnerSupport.localThreads("local[3]"), is(3));
    assertThat(SparkRunnerSupport.localThreads("local[2,4]"), is(2));
    assertThat(SparkRunnerSupport.localThreads("local[*]"), is(cores));
    assertThat(SparkRunnerSupport.localThreads("spark://host:7077"), is(cores));
  }
}
