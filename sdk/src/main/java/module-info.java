/**
 * The taskbeam SDK as a Java module: a program that {@code requires io.taskbeam} sees the API
 * ({@code io.taskbeam}, {@code io.taskbeam.codec}) and the store's format for taskbeam's own
 * modules ({@code io.taskbeam.spi}: codec tests and benchmarks, no promise to programs); {@code
 * io.taskbeam.internal.*} is exported only to taskbeam's own runner artifacts, which name
 * themselves with {@code Automatic-Module-Name} in their jars. On the class path (how {@code mvn
 * exec:java}, Flink and Spark run programs) there are no modules, and this file changes nothing.
 */
// "module": the runner modules named below depend on this one, so javac never sees them;
// "requires-transitive-automatic": Beam's core is an automatic module (Automatic-Module-Name only).
@SuppressWarnings({"module", "requires-automatic", "requires-transitive-automatic"})
module io.taskbeam {
  // The API's own signatures use PipelineOptions (options), so users read Beam's core through us.
  requires transitive org.apache.beam.sdk;
  requires java.net.http; // PushGateway
  requires jdk.httpserver; // MetricsServer
  requires java.desktop; // Palette: java.awt.Color for trace colours past the fixed ones
  requires jdk.management; // WorkerGauges: the driver JVM's CPU load and heap for the dashboard

  exports io.taskbeam;
  exports io.taskbeam.codec;
  // What taskbeam's codec tests and benchmarks share with the SDK: the store's byte format and a
  // sealed work directory (unqualified: the benchmarks module has no module name to export to).
  exports io.taskbeam.spi;

  // RunnerSupport, the seam each runner artifact implements (found with ServiceLoader).
  exports io.taskbeam.internal.beam to
      io.taskbeam.runners.direct,
      io.taskbeam.runners.flink,
      io.taskbeam.runners.spark;

  // Beam reflects on the DoFns (DoFnSignatures, byte-buddy invokers defined next to the DoFn) and
  // on the coder; the options interfaces of io.taskbeam are proxied through the export above.
  opens io.taskbeam.internal.beam to
      org.apache.beam.sdk;
  opens io.taskbeam.internal.data to
      org.apache.beam.sdk;

  // --runner=InMemoryRunner parses like Beam's own runners.
  provides org.apache.beam.sdk.runners.PipelineRunnerRegistrar with
      io.taskbeam.InMemoryRunner.Registrar;

  uses io.taskbeam.internal.beam.RunnerSupport;
  uses io.taskbeam.codec.ValueCodec;
  uses io.taskbeam.ComputingUnitsHook;
}
