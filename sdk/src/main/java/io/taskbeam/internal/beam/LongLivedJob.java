package io.taskbeam.internal.beam;

import io.taskbeam.TaskBeamOptions;
import io.taskbeam.internal.data.SerialAllowList;
import io.taskbeam.internal.data.StoredRef;
import io.taskbeam.internal.plan.Plan;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;

/**
 * One pipeline that lives as long as the session and runs every job's chunks (COMPSs' and Dask's
 * long-lived workers), for runners whose workers are the driver's own threads: a job then costs
 * handing its chunks to a queue, not building, validating and starting a pipeline (about 30 ms on
 * the DirectRunner, against well under a millisecond here). The pipeline is {@code Create} of one
 * element per worker, grouped by worker so that each gets a thread of its own, then {@link
 * LongLivedWorkerFn}, which takes chunks from the session's queue until the session ends. The plans
 * are those every runner gets; {@link PlanDispatch} runs their stages in dependency order.
 */
final class LongLivedJob {
  /** The long-lived jobs of this JVM, by the name of their queue. */
  private static final Map<String, LongLivedJob> JOBS = new ConcurrentHashMap<>();

  private static final long START_SECONDS = 60;

  private final String name;
  private final BlockingQueue<ChunkQueues.Work> queue;
  private final int workers;
  private final Thread thread;
  private final Set<PlanDispatch> running = ConcurrentHashMap.newKeySet();
  private final CountDownLatch started;
  private volatile Throwable ended;

  private LongLivedJob(String name, BlockingQueue<ChunkQueues.Work> queue, int workers) {
    this.name = name;
    this.queue = queue;
    this.workers = workers;
    this.started = new CountDownLatch(workers);
    this.thread = new Thread(this::runPipeline, "taskbeam-long-lived-job");
    this.thread.setDaemon(true);
  }

  private Pipeline pipeline;
  private RunnerSupport.Target target;

  /**
   * Starts the pipeline of {@code workers} workers on {@code target} and waits until every worker
   * runs; throws when they did not all start within a minute (the runner did not give each a thread
   * of its own), after stopping those that did.
   */
  static LongLivedJob start(TaskBeamOptions options, RunnerSupport.Target target, int workers) {
    byte[] random = new byte[12];
    new SecureRandom().nextBytes(random);
    String name = "taskbeam-" + HexFormat.of().formatHex(random);
    LongLivedJob job = new LongLivedJob(name, ChunkQueues.open(name), workers);
    JOBS.put(name, job);
    job.target = target;
    job.pipeline = Pipeline.create(options);
    List<KV<Integer, Integer>> elements = new ArrayList<>();
    var keys = target.chunkKeys(workers);
    for (int i = 0; i < workers; i++) {
      elements.add(KV.of(keys.applyAsInt(i), i));
    }
    job.pipeline
        .apply(
            "workers",
            Create.of(elements).withCoder(KvCoder.of(VarIntCoder.of(), VarIntCoder.of())))
        .apply("workers.group", GroupByKey.create())
        .apply(
            "run chunks",
            ParDo.of(
                new LongLivedWorkerFn(name, new ArrayList<>(SerialAllowList.declaredNames()))));
    job.thread.start();
    try {
      if (!job.started.await(START_SECONDS, TimeUnit.SECONDS) || job.ended != null) {
        job.close();
        throw new IllegalStateException(
            "the long-lived job's "
                + workers
                + " workers did not all start within "
                + START_SECONDS
                + " s ("
                + job.started.getCount()
                + " missing"
                + (job.ended == null ? "" : "; it ended: " + job.ended)
                + "); run with --longLivedJob=false");
      }
    } catch (InterruptedException e) {
      job.close();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the long-lived job started", e);
    }
    return job;
  }

  /** Called by each worker once it takes chunks. */
  static void workerStarted(String name) {
    LongLivedJob job = JOBS.get(name);
    if (job != null) {
      job.started.countDown();
    }
  }

  /** Whether the job named {@code name} is running a plan (its workers must stay). */
  static boolean busy(String name) {
    LongLivedJob job = JOBS.get(name);
    return job != null && !job.running.isEmpty();
  }

  /** Runs {@code plan} on the job's workers; as {@link io.taskbeam.internal.plan.Runner#run}. */
  Map<String, StoredRef> run(Plan plan) {
    PlanDispatch dispatch = new PlanDispatch(plan, queue);
    running.add(dispatch);
    try {
      Throwable gone = ended;
      if (gone != null) {
        dispatch.abandon(gone);
      } else {
        dispatch.start();
      }
      dispatch.await();
    } finally {
      running.remove(dispatch);
    }
    Map<String, StoredRef> stored = new LinkedHashMap<>();
    plan.stored().forEach((key, path) -> stored.put(key, new StoredRef(path, key)));
    return stored;
  }

  /** Ends the workers once the chunks queued before ran, and waits (bounded) for the pipeline. */
  void close() {
    for (int i = 0; i < workers; i++) {
      queue.add(ChunkQueues.STOP);
    }
    try {
      thread.join(TimeUnit.SECONDS.toMillis(30));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    ChunkQueues.close(name);
    JOBS.remove(name);
  }

  private void runPipeline() {
    Throwable why;
    try {
      target.await(target.run(pipeline));
      why = new IllegalStateException("the long-lived job ended");
    } catch (RuntimeException | Error e) {
      why = new IllegalStateException("the long-lived job failed: " + e.getMessage(), e);
    }
    ended = why;
    for (PlanDispatch dispatch : running) {
      dispatch.abandon(why);
    }
    while (started.getCount() > 0) {
      started.countDown();
    }
  }
}
