package io.taskbeam;

import java.util.List;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * The options every taskbeam program accepts, next to Beam's own ({@code --runner}, default
 * DirectRunner) and the runner's. Applications extend this interface with their own options.
 */
public interface TaskBeamOptions extends PipelineOptions, ObserveOptions {
  @Description(
      "Workers each stage is spread over (chunks per stage = parallelism x "
          + "chunksPerWorker). -1: the machine's cores on the DirectRunner, the cluster's default "
          + "parallelism on Flink.")
  @Default.Integer(-1)
  Integer getParallelism();

  void setParallelism(Integer value);

  @Description(
      "Chunks each worker gets per stage; more evens out unequal tasks, fewer "
          + "amortizes the runner's cost per element.")
  @Default.Integer(1)
  int getChunksPerWorker();

  void setChunksPerWorker(int value);

  @Description(
      "Run each linear chain of calls of one function (each call the only reader of "
          + "the one before, like C += A[k] x B[k] for every k) as one unit inside one stage, "
          + "instead of one stage per link: the chain's intermediate values never leave the "
          + "worker. false: one stage per link, the COMPSs-like schedule.")
  @Default.Boolean(true)
  boolean getFuseChains();

  void setFuseChains(boolean value);

  @Description(
      "Directory for values too large for the job graph and for results kept between "
          + "sync points. Every worker must be able to read it (on a cluster: a shared volume). "
          + "Default: <java.io.tmpdir>/taskbeam-work-<user> (mode 0700). Sessions of drivers that "
          + "died are removed at the next start.")
  String getWorkDir();

  void setWorkDir(String value);

  @Description("Keep the session's files in the work directory after the program ends.")
  @Default.Boolean(false)
  boolean getKeepWorkDir();

  void setKeepWorkDir(boolean value);

  @Description(
      "Program-supplied values up to this many bytes travel inside the job; larger "
          + "ones are written to the work directory once and read where needed.")
  @Default.Integer(16 * 1024)
  int getInlineLimitBytes();

  void setInlineLimitBytes(int value);

  @Description(
      "Keep the DirectRunner's per-element immutability and encodability checks "
          + "(off by default: taskbeam copies what tasks modify, and the checks cost ~3x).")
  @Default.Boolean(false)
  boolean getDirectRunnerChecks();

  void setDirectRunnerChecks(boolean value);

  @Description(
      "A runner profile from runners-config/: direct, flink-embedded, flink-cluster, "
          + "flink-k8s, or the path of a .properties file of the same form. Options given on the "
          + "command line win over the profile's.")
  String getProfile();

  void setProfile(String value);

  @Description(
      "Flink settings KEY=VALUE for the job (repeat the option, or separate by "
          + "commas), written into a generated --flinkConfDir; e.g. "
          + "--flinkConfig=restart-strategy.type=fixed-delay. Profiles set their restart strategy "
          + "here.")
  List<String> getFlinkConfig();

  void setFlinkConfig(List<String> value);

  @Description(
      "Directory of TLS client credentials for a Flink cluster started with "
          + "flink/bin/cluster start --tls (its run directory's tls/client): the driver's REST calls "
          + "present that client certificate and trust only that cluster's CA.")
  String getFlinkTls();

  void setFlinkTls(String value);

  @Description(
      "Seconds a driver waits for a Flink JobManager that stopped answering to return at the "
          + "same address, then runs the job in flight again (finished jobs' results are kept). "
          + "Default: 60 on a cluster started with flink/bin/cluster start --supervise, which "
          + "restarts a dead JobManager; 0 elsewhere: the program ends with one line.")
  Integer getClusterWaitSeconds();

  void setClusterWaitSeconds(Integer value);

  @Description(
      "Start tasks while the program is still submitting (COMPSs' model): pending tasks become a "
          + "job once --flushTasks of them are pending or the program has been quiet for "
          + "--flushQuietMillis, and jobs run in the background while the program goes on (up to "
          + "--jobsInFlight at once, each once the jobs it reads from ended); a sync point waits "
          + "only for the jobs the data it needs come from. "
          + "false: nothing runs until a sync point, which runs every pending task in one job.")
  @Default.Boolean(false)
  boolean getPipelined();

  void setPipelined(boolean value);

  @Description(
      "On runners whose workers are the driver's own threads (the DirectRunner without "
          + "--directRunnerChecks, embedded Flink): run every job on one pipeline that lives as "
          + "long as the session, its workers taking chunks from the driver, instead of building "
          + "and starting a pipeline per job (30-100 ms each). false: a pipeline per job.")
  @Default.Boolean(true)
  boolean getLongLivedJob();

  void setLongLivedJob(boolean value);

  @Description("With --pipelined: pending tasks that start a job without waiting for quiet.")
  @Default.Integer(10_000)
  int getFlushTasks();

  void setFlushTasks(int value);

  @Description(
      "With --pipelined: jobs that may run at once when none reads what another still computes; "
          + "0: the runner's choice (4 on the DirectRunner, 1 on Flink, where jobs at once "
          + "share the slots task by task and ran slower). Spark and the in-memory runner run "
          + "one job at a time.")
  @Default.Integer(0)
  int getJobsInFlight();

  void setJobsInFlight(int value);

  @Description(
      "With --pipelined: milliseconds without a submission after which the pending tasks start.")
  @Default.Integer(5)
  int getFlushQuietMillis();

  void setFlushQuietMillis(int value);

  @Description(
      "When the run journals its finished tasks, so that --resume can take their results after "
          + "a crash: off; sync (at the end of every job); tasks:N (jobs of at most N tasks, "
          + "started while the program submits); time:DURATION (pending tasks started at least "
          + "every DURATION, e.g. time:30s). Default: sync when the run has a run directory.")
  String getCheckpoint();

  void setCheckpoint(String value);

  @Description(
      "Resume a run that failed or whose driver died: last (the newest run of this program "
          + "with a journal) or a run directory. Each task the journal names, with the same "
          + "code and inputs, takes its stored result instead of running.")
  String getResume();

  void setResume(String value);
}
