/**
 * A Prometheus metric reporter for the Flink JVMs of the local cluster, served on one address only
 * ({@link io.taskbeam.flink.metrics.LoopbackPrometheusReporterFactory}): Flink 1.19's own reporter
 * listens on every interface. It runs inside the JobManager and TaskManagers (found by Flink
 * through {@code META-INF/services}), not in the launcher; the launcher's {@code ClusterConfig}
 * swaps it in for Flink's when a config asks for Prometheus.
 */
package io.taskbeam.flink.metrics;
