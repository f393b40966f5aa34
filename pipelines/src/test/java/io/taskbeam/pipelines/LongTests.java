package io.taskbeam.pipelines;

/**
 * Whether this run includes the long tests: the {@code long} Maven profile sets {@value #PROPERTY}
 * to {@code true} in the test JVMs ({@code ./mvnw verify -Plong}); {@code .ci/run} leaves it false.
 */
public final class LongTests {
  /** The system property the {@code long} profile sets. */
  public static final String PROPERTY = "taskbeam.longTests";

  private LongTests() {}

  /** True under {@code -Plong} (or {@code -Dtaskbeam.longTests=true}). */
  public static boolean enabled() {
    return Boolean.getBoolean(PROPERTY);
  }
}
