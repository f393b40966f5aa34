package io.taskbeam.internal.plan;

import io.taskbeam.Direction;
import io.taskbeam.internal.data.DriverValue;
import io.taskbeam.internal.data.StoredRef;
import io.taskbeam.internal.graph.DataVersion;
import io.taskbeam.internal.graph.TaskFunction;
import io.taskbeam.internal.graph.TaskNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Compiles the tasks pending at a sync point into a {@link Plan}. A pure function of the graph and
 * the {@link Settings}: it writes nothing and runs nothing (see package-info for the design).
 */
public final class PlanCompiler {
  private PlanCompiler() {}

  /**
   * How to compile.
   *
   * @param parallelism workers the stages are spread over (at least 1)
   * @param chunksPerWorker chunks per worker and stage (at least 1)
   * @param inlineLimitBytes program-supplied values up to this size travel inside the chunk; larger
   *     ones go through the work directory
   * @param sessionDir the session's work directory
   * @param sync the sync point's number, for file names
   * @param fuseChains run each linear chain of calls of one function as one unit (see
   *     package-info); false gives one stage per chain link
   * @param eventDir where chunks write their task events, or null for none
   */
  public record Settings(
      int parallelism,
      int chunksPerWorker,
      int inlineLimitBytes,
      String sessionDir,
      int sync,
      boolean fuseChains,
      String eventDir) {
    public Settings {
      if (parallelism < 1 || chunksPerWorker < 1 || inlineLimitBytes < 0) {
        throw new IllegalArgumentException(
            "bad compile settings " + parallelism + "/" + chunksPerWorker + "/" + inlineLimitBytes);
      }
    }

    /** Settings without task events. */
    public Settings(
        int parallelism,
        int chunksPerWorker,
        int inlineLimitBytes,
        String sessionDir,
        int sync,
        boolean fuseChains) {
      this(parallelism, chunksPerWorker, inlineLimitBytes, sessionDir, sync, fuseChains, null);
    }

    /** Settings that fuse chains, without task events. */
    public Settings(
        int parallelism, int chunksPerWorker, int inlineLimitBytes, String sessionDir, int sync) {
      this(parallelism, chunksPerWorker, inlineLimitBytes, sessionDir, sync, true, null);
    }
  }

  /**
   * A unit: one task, a commutative group run together in submission order, or a fused chain (each
   * member the only reader of the one before).
   */
  private static final class Unit {
    final List<TaskNode> members = new ArrayList<>();
    int depth;
    StageBuilder stage;
    int chunk;

    /** A commutative group (a fused chain holds calls of no group). */
    boolean group() {
      return members.get(0).group() >= 0;
    }

    TaskFunction function() {
      return members.get(0).function();
    }

    int lastOrder() {
      return members.get(members.size() - 1).order();
    }
  }

  private static final class StageBuilder {
    final TaskFunction function;
    final int depth;
    final int firstUnit;
    final List<Unit> units = new ArrayList<>();
    int index;
    String name;
    int chunkCount;

    StageBuilder(TaskFunction function, int depth, int firstUnit) {
      this.function = function;
      this.depth = depth;
      this.firstUnit = firstUnit;
    }
  }

  /**
   * Compiles {@code tasks} (the pending tasks in submission order); {@code keep} are the versions
   * the driver and later sync points need, which the plan stores; {@code values} gives the value of
   * each version the tasks read that no pending task computes (by key).
   */
  public static Plan compile(
      List<TaskNode> tasks,
      List<DataVersion> keep,
      Function<String, DriverValue> values,
      Settings settings) {
    Map<TaskNode, Unit> unitOf = new IdentityHashMap<>(tasks.size());
    List<Unit> units = units(groups(tasks), unitOf, keep, settings.fuseChains());
    List<StageBuilder> stages = stages(units, settings);
    Map<DataVersion, Integer> readCount = readCounts(tasks);

    Map<String, String> driverFiles = new LinkedHashMap<>();
    Map<StageBuilder, List<List<String>>> emits = new IdentityHashMap<>();
    Map<StageBuilder, List<List<String>>> stores = new IdentityHashMap<>();
    for (StageBuilder s : stages) {
      emits.put(s, emptyLists(s.chunkCount));
      stores.put(s, emptyLists(s.chunkCount));
    }
    Map<String, String> stored = new LinkedHashMap<>();
    Map<StageBuilder, String[]> paths = new IdentityHashMap<>();
    for (DataVersion v : keep) {
      Unit u = unitOf.get(v.producer());
      String[] stagePaths = paths.computeIfAbsent(u.stage, s -> new String[s.chunkCount]);
      if (stagePaths[u.chunk] == null) {
        stagePaths[u.chunk] = storePath(settings, u.stage, u.chunk);
      }
      String path = stagePaths[u.chunk];
      stores.get(u.stage).get(u.chunk).add(v.key());
      stored.put(v.key(), path);
    }

    // First every call of every stage, since reads decide what earlier chunks emit; then the
    // chunk specs, which copy their emit lists.
    Map<StageBuilder, List<List<CallSpec>>> calls = new IdentityHashMap<>();
    Map<StageBuilder, SortedSideInputs> sides = new IdentityHashMap<>();
    Map<StageBuilder, TreeMap<Integer, java.util.SortedMap<String, List<Integer>>>> routes =
        new IdentityHashMap<>();
    for (StageBuilder s : stages) {
      Map<DataVersion, Integer> chunksReading = chunksReading(s);
      SortedSideInputs side = new SortedSideInputs();
      TreeMap<Integer, java.util.SortedMap<String, List<Integer>>> stageRoutes = new TreeMap<>();
      List<List<CallSpec>> stageCalls = emptyLists(s.chunkCount);
      for (Unit u : s.units) {
        for (TaskNode t : u.members) {
          ArgSource[] args = new ArgSource[t.function().arity()];
          for (int i = 0; i < args.length; i++) {
            args[i] =
                source(
                    t,
                    i,
                    u,
                    unitOf,
                    chunksReading,
                    readCount,
                    side,
                    stageRoutes,
                    emits,
                    driverFiles,
                    values,
                    settings);
          }
          stageCalls.get(u.chunk).add(call(t, args));
        }
      }
      calls.put(s, stageCalls);
      sides.put(s, side);
      routes.put(s, stageRoutes);
    }
    if (settings.parallelism() == 1) {
      gateOnPriority(stages, routes);
    }
    List<Stage> result = new ArrayList<>();
    for (StageBuilder s : stages) {
      List<ChunkSpec> chunks = new ArrayList<>();
      for (int c = 0; c < s.chunkCount; c++) {
        List<String> storeKeys = stores.get(s).get(c);
        chunks.add(
            new ChunkSpec(
                s.index,
                c,
                calls.get(s).get(c),
                emits.get(s).get(c),
                storeKeys,
                storeKeys.isEmpty() ? null : storePath(settings, s, c)));
      }
      result.add(
          new Stage(
              s.index,
              s.name,
              s.function,
              s.depth,
              chunks,
              sides.get(s).producers,
              sides.get(s).driverValues,
              routes.get(s)));
    }
    return new Plan(result, driverFiles, stored, settings.eventDir());
  }

  /**
   * With one worker, each stage waits for the priority stages of its depth: an empty route from
   * each (its group-by-key completes only after they do). Stages of one depth never read each
   * other, so this adds no cycle, and with one worker it costs no parallelism.
   */
  private static void gateOnPriority(
      List<StageBuilder> stages,
      Map<StageBuilder, TreeMap<Integer, java.util.SortedMap<String, List<Integer>>>> routes) {
    for (StageBuilder s : stages) {
      if (s.function.priority()) {
        continue;
      }
      for (StageBuilder p : stages) {
        if (p.function.priority() && p.depth == s.depth) {
          routes.get(s).putIfAbsent(p.index, new TreeMap<>());
        }
      }
    }
  }

  private static final class SortedSideInputs {
    final TreeMap<String, Integer> producers = new TreeMap<>();
    final Map<String, DriverValue> driverValues = new TreeMap<>();
  }

  private static ArgSource source(
      TaskNode t,
      int param,
      Unit unit,
      Map<TaskNode, Unit> unitOf,
      Map<DataVersion, Integer> chunksReading,
      Map<DataVersion, Integer> readCount,
      SortedSideInputs side,
      TreeMap<Integer, java.util.SortedMap<String, List<Integer>>> routes,
      Map<StageBuilder, List<List<String>>> emits,
      Map<String, String> driverFiles,
      Function<String, DriverValue> values,
      Settings settings) {
    Direction dir = t.function().direction(param);
    if (dir == Direction.OUT) {
      return ArgSource.fresh(t.function().outType(param));
    }
    DataVersion v = t.input(param);
    boolean mutates = dir.writes();
    boolean shared = chunksReading.get(v) == SEVERAL;
    boolean copy = mutates && (readCount.get(v) > 1 || shared);
    TaskNode producer = v.producer();
    if (producer == null) {
      DriverValue value = values.apply(v.key());
      if (value == null) {
        throw new IllegalStateException("no value for " + v.key() + ", read by " + t);
      }
      if (value.inline() != null && value.inline().length > settings.inlineLimitBytes()) {
        // too large for the job: the session writes it to this file before running
        String path = inputFile(settings.sessionDir(), v.key()).toString();
        driverFiles.put(v.key(), path);
        value = DriverValue.stored(new StoredRef(path, v.key()));
      }
      if (shared) {
        side.producers.put(v.key(), Stage.DRIVER);
        side.driverValues.put(v.key(), value);
        return ArgSource.of(ArgSource.Kind.SIDE, v.key(), mutates);
      }
      return value.stored() != null
          ? ArgSource.stored(v.key(), value.stored(), copy)
          : ArgSource.inline(v.key(), value.inline(), copy);
    }
    Unit from = unitOf.get(producer);
    if (from == unit) {
      return ArgSource.of(ArgSource.Kind.LOCAL, v.key(), copy);
    }
    List<String> emitted = emits.get(from.stage).get(from.chunk);
    if (!emitted.contains(v.key())) {
      emitted.add(v.key());
    }
    if (shared) {
      side.producers.put(v.key(), from.stage.index);
      return ArgSource.of(ArgSource.Kind.SIDE, v.key(), mutates);
    }
    List<Integer> readers =
        routes
            .computeIfAbsent(from.stage.index, k -> new TreeMap<>())
            .computeIfAbsent(v.key(), k -> new ArrayList<>());
    if (!readers.contains(unit.chunk)) {
      readers.add(unit.chunk);
    }
    return ArgSource.of(ArgSource.Kind.MAIN, v.key(), copy);
  }

  private static CallSpec call(TaskNode t, ArgSource[] args) {
    String[] outKeys = new String[args.length];
    for (int i = 0; i < args.length; i++) {
      outKeys[i] = t.output(i) == null ? null : t.output(i).key();
    }
    String[] partKeys = new String[t.parts().size()];
    for (int i = 0; i < partKeys.length; i++) {
      partKeys[i] = t.parts().get(i) == null ? null : t.parts().get(i).key();
    }
    return new CallSpec(
        t.name(),
        t.function(),
        args,
        outKeys,
        t.result() == null ? null : t.result().key(),
        partKeys);
  }

  /** Groups commutative members into units, ordered by their last member. */
  private static List<Unit> groups(List<TaskNode> tasks) {
    Map<Integer, Unit> groups = new HashMap<>();
    List<Unit> units = new ArrayList<>();
    for (TaskNode t : tasks) {
      Unit u = t.group() < 0 ? null : groups.get(t.group());
      if (u == null) {
        u = new Unit();
        units.add(u);
        if (t.group() >= 0) {
          groups.put(t.group(), u);
        }
      }
      u.members.add(t);
    }
    units.sort(Comparator.comparingInt(Unit::lastOrder));
    return groups.isEmpty() ? units : afterTheirInputs(units);
  }

  /**
   * {@code units} (ordered by their last member) reordered so that each comes after the units it
   * reads from, in that order otherwise. A task that reads what an early member of a commutative
   * group wrote (the group's other INOUT parameter) can precede the group's last member, yet it
   * runs after the whole group: its depth, computed in this order, must see the group's.
   */
  private static List<Unit> afterTheirInputs(List<Unit> units) {
    Map<TaskNode, Unit> unitOf = new IdentityHashMap<>();
    for (Unit u : units) {
      for (TaskNode t : u.members) {
        unitOf.put(t, u);
      }
    }
    Map<Unit, Integer> waiting = new IdentityHashMap<>();
    Map<Unit, List<Unit>> readers = new IdentityHashMap<>();
    java.util.PriorityQueue<Unit> ready =
        new java.util.PriorityQueue<>(Comparator.comparingInt(Unit::lastOrder));
    for (Unit u : units) {
      Set<Unit> from = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
      for (TaskNode t : u.members) {
        for (TaskNode pred : t.predecessors()) {
          Unit f = unitOf.get(pred);
          if (f != null && f != u && from.add(f)) {
            readers.computeIfAbsent(f, k -> new ArrayList<>()).add(u);
          }
        }
      }
      waiting.put(u, from.size());
      if (from.isEmpty()) {
        ready.add(u);
      }
    }
    List<Unit> ordered = new ArrayList<>(units.size());
    while (!ready.isEmpty()) {
      Unit u = ready.poll();
      ordered.add(u);
      for (Unit r : readers.getOrDefault(u, List.of())) {
        if (waiting.merge(r, -1, Integer::sum) == 0) {
          ready.add(r);
        }
      }
    }
    return ordered;
  }

  /**
   * Gives each unit its depth, in order; with {@code fuse}, a single call instead joins the chain
   * of its predecessor when {@link #chainToJoin} allows. Returns the units left.
   */
  private static List<Unit> units(
      List<Unit> candidates, Map<TaskNode, Unit> unitOf, List<DataVersion> keep, boolean fuse) {
    for (Unit u : candidates) {
      for (TaskNode t : u.members) {
        unitOf.put(t, u);
      }
    }
    Map<TaskNode, Integer> successors = new IdentityHashMap<>();
    Set<DataVersion> kept = java.util.Collections.newSetFromMap(new IdentityHashMap<>(keep.size()));
    if (fuse) {
      for (TaskNode t : unitOf.keySet()) {
        for (TaskNode pred : t.predecessors()) {
          if (unitOf.containsKey(pred)) {
            successors.merge(pred, 1, Integer::sum);
          }
        }
      }
      kept.addAll(keep);
    }
    List<Unit> units = new ArrayList<>();
    for (Unit u : candidates) {
      Unit chain = fuse ? chainToJoin(u, unitOf, successors, kept) : null;
      if (chain != null) {
        chain.members.add(u.members.get(0));
        unitOf.put(u.members.get(0), chain);
        continue;
      }
      int depth = 0;
      for (TaskNode t : u.members) {
        for (TaskNode pred : t.predecessors()) {
          Unit from = unitOf.get(pred);
          if (from != null && from != u) {
            depth = Math.max(depth, from.depth + 1);
          }
        }
      }
      u.depth = depth;
      units.add(u);
    }
    return units;
  }

  /**
   * The chain a single call {@code u} can join: that of a predecessor of the same function that
   * ends its chain and has no other reader, provided every other predecessor of the call is done
   * before the chain starts (so the chain's depth holds) and nothing the call modifies in place is
   * kept for the program. Null when there is none.
   */
  private static Unit chainToJoin(
      Unit u,
      Map<TaskNode, Unit> unitOf,
      Map<TaskNode, Integer> successors,
      Set<DataVersion> kept) {
    TaskNode call = u.members.get(0);
    if (u.group() || call.predecessors().isEmpty()) {
      return null;
    }
    Unit chain = null;
    for (TaskNode pred : call.predecessors()) {
      Unit from = unitOf.get(pred);
      if (from != null
          && !from.group()
          && from.members.get(from.members.size() - 1) == pred
          && successors.get(pred) == 1
          && pred.function().id().equals(call.function().id())) {
        chain = from;
        break;
      }
    }
    if (chain == null) {
      return null;
    }
    for (TaskNode pred : call.predecessors()) {
      Unit from = unitOf.get(pred);
      if (from != null && from != chain && from.depth >= chain.depth) {
        return null;
      }
    }
    for (int i = 0; i < call.function().arity(); i++) {
      if (call.function().direction(i).writes() && kept.contains(call.input(i))) {
        return null;
      }
    }
    return chain;
  }

  /**
   * One stage per (function, depth), ordered by depth, then priority stages first, then first
   * appearance; then chunks.
   */
  private static List<StageBuilder> stages(List<Unit> units, Settings settings) {
    Map<String, StageBuilder> byKey = new LinkedHashMap<>();
    for (int i = 0; i < units.size(); i++) {
      Unit u = units.get(i);
      final int first = i;
      StageBuilder s =
          byKey.computeIfAbsent(
              u.function().id() + "@" + u.depth,
              k -> new StageBuilder(u.function(), u.depth, first));
      s.units.add(u);
      u.stage = s;
    }
    List<StageBuilder> stages = new ArrayList<>(byKey.values());
    stages.sort(
        Comparator.<StageBuilder>comparingInt(s -> s.depth)
            .thenComparing(s -> !s.function.priority())
            .thenComparingInt(s -> s.firstUnit));
    Map<String, Integer> stagesPerName = new HashMap<>();
    for (StageBuilder s : stages) {
      stagesPerName.merge(s.function.shortName(), 1, Integer::sum);
    }
    Set<String> names = new HashSet<>();
    for (int i = 0; i < stages.size(); i++) {
      StageBuilder s = stages.get(i);
      s.index = i;
      String base =
          stagesPerName.get(s.function.shortName()) == 1
              ? s.function.shortName()
              : s.function.shortName() + "@" + s.depth;
      String name = base;
      for (int n = 2; !names.add(name); n++) {
        name = base + "-" + n;
      }
      s.name = name;
      chunk(s, settings);
    }
    return stages;
  }

  /**
   * Packs the stage's units into contiguous chunks, one per worker slot, balanced by calls: a unit
   * goes to the chunk its middle call falls in (so equal units split as evenly as they can, and a
   * long chain is not packed with many others). Chunks left empty are dropped.
   */
  private static void chunk(StageBuilder s, Settings settings) {
    int target = Math.min(s.units.size(), settings.parallelism() * settings.chunksPerWorker());
    long total = 0;
    for (Unit u : s.units) {
      total += u.members.size();
    }
    long before = 0;
    int raw = -1;
    int dense = -1;
    for (Unit u : s.units) {
      int size = u.members.size();
      int chunk = (int) Math.min(target - 1, (long) ((before + (size - 1) / 2.0) * target / total));
      if (chunk != raw) {
        raw = chunk;
        dense++;
      }
      u.chunk = dense;
      before += size;
    }
    s.chunkCount = dense + 1;
  }

  /** Marks a version read by more than one chunk of a stage in {@link #chunksReading}. */
  private static final int SEVERAL = -1;

  /** For each version the stage reads: the one chunk reading it, or {@link #SEVERAL}. */
  private static Map<DataVersion, Integer> chunksReading(StageBuilder s) {
    Map<DataVersion, Integer> reading = new IdentityHashMap<>(s.units.size());
    for (Unit u : s.units) {
      for (TaskNode t : u.members) {
        for (int i = 0; i < t.function().arity(); i++) {
          if (t.input(i) != null) {
            reading.merge(t.input(i), u.chunk, (a, b) -> a.equals(b) ? a : SEVERAL);
          }
        }
      }
    }
    return reading;
  }

  private static Map<DataVersion, Integer> readCounts(List<TaskNode> tasks) {
    Map<DataVersion, Integer> counts = new IdentityHashMap<>(tasks.size());
    for (TaskNode t : tasks) {
      for (int i = 0; i < t.function().arity(); i++) {
        if (t.input(i) != null) {
          counts.merge(t.input(i), 1, Integer::sum);
        }
      }
    }
    return counts;
  }

  /** The file of a program-supplied value in the session's work directory. */
  public static Path inputFile(String sessionDir, String key) {
    return Path.of(sessionDir, "input-" + key + ".bin");
  }

  private static String storePath(Settings settings, StageBuilder s, int chunk) {
    return Path.of(
            settings.sessionDir(),
            "sync" + settings.sync() + "-s" + s.index + "-c" + chunk + ".bin")
        .toString();
  }

  private static <T> List<List<T>> emptyLists(int n) {
    List<List<T>> lists = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      lists.add(new ArrayList<>());
    }
    return lists;
  }
}
