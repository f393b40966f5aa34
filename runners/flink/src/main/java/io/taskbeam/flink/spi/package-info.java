/**
 * What taskbeam's Flink modules share about a cluster, so none of them imports another's {@code
 * internal} package: the Flink runner module ({@code io.taskbeam.internal.flink}, the driver's
 * side) reads it, the cluster launcher ({@code flink/}, {@code io.taskbeam.flink.cluster}) and the
 * Kubernetes image ({@code k8s/}, {@code io.taskbeam.k8s.pod}) write it.
 *
 * <ul>
 *   <li>{@link io.taskbeam.flink.spi.ClusterContract}: the keys a cluster publishes about its own
 *       classpath, which the driver reads to ship only what the cluster lacks;
 *   <li>{@link io.taskbeam.flink.spi.FlinkTls}: the client's TLS material for a cluster started
 *       with {@code --tls}, which the launcher's own REST checks present as a driver does.
 * </ul>
 *
 * <p>It lives in the runner module because the driver is the reader that must agree with every
 * writer; the launcher and the image depend on the runner module anyway (their JVMs run it).
 */
package io.taskbeam.flink.spi;
