/**
 * The DirectRunner behind the SDK's runner seam ({@code io.taskbeam.internal.beam.RunnerSupport},
 * registered in {@code META-INF/services}): its parallelism and checks ({@link
 * io.taskbeam.internal.direct.DirectRunnerSupport}) and the classes a first sync point on it loads
 * ({@code preload-direct.txt}, preloaded by the SDK's {@code ClassPreload}). A user adds this
 * artifact to run on the DirectRunner; nothing outside it imports this package.
 */
package io.taskbeam.internal.direct;
