package io.taskbeam.pipelines;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Marks a test that runs only with {@code -Plong}: a scenario that takes a path the tests of {@code
 * .ci/run} also take, with another program or timing, kept out of CI for its minutes (see
 * docs/faults-and-security.md, "The long tests").
 */
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
@EnabledIfSystemProperty(
    named = LongTests.PROPERTY,
    matches = "true",
    disabledReason = "a long test: run with -Plong")
public @interface LongTest {}
