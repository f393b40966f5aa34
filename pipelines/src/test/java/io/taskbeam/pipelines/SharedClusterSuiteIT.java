package io.taskbeam.pipelines;

import org.junit.platform.suite.api.ConfigurationParameter;
import org.junit.platform.suite.api.SelectClasses;
import org.junit.platform.suite.api.Suite;

/**
 * The cluster ITs that share one {@link SharedFlinkCluster}, run in one JVM (failsafe gives every
 * other IT class a JVM of its own, and leaves these out of its own scan): one cluster start instead
 * of four. They run in the order of their {@code @Order}: ClusterRunIT first, as when it runs
 * alone, since it checks that Prometheus scrapes the driver (which once went unscraped after the
 * sessions of other ITs in its JVM).
 */
@Suite
@ConfigurationParameter(
    key = "junit.jupiter.testclass.order.default",
    value = "org.junit.jupiter.api.ClassOrderer$OrderAnnotation")
@SelectClasses(
    names = {
      "io.taskbeam.pipelines.observe.ClusterRunIT",
      "io.taskbeam.pipelines.observe.DashboardClusterIT",
      "io.taskbeam.pipelines.conformance.ClusterConformanceIT",
      "io.taskbeam.pipelines.conformance.ClusterPipelinedConformanceIT"
    })
class SharedClusterSuiteIT {}
