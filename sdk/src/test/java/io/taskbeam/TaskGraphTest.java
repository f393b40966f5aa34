package io.taskbeam;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.taskbeam.internal.graph.FunctionResolver;
import io.taskbeam.internal.graph.TaskFunction;
import io.taskbeam.internal.graph.TaskGraph;
import io.taskbeam.internal.graph.TaskNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Dependencies and versions as COMPSs defines them: renaming leaves only read-after-write. */
class TaskGraphTest {
  private final TaskGraph graph = new TaskGraph();
  private final TaskFunction add =
      FunctionResolver.resolve((TaskFn.F2<Integer, Integer, Integer>) TestTasks::add);
  private final TaskFunction first =
      FunctionResolver.resolve((TaskFn.F1<double[], Double>) TestTasks::first);
  private final TaskFunction increment =
      FunctionResolver.resolve((TaskFn.V1<double[]>) TestTasks::increment);
  private final TaskFunction addInto =
      FunctionResolver.resolve((TaskFn.V2<Double, double[]>) TestTasks::addInto);
  private final TaskFunction fill =
      FunctionResolver.resolve((TaskFn.V2<Double, StringBuilder>) TestTasks::fill);

  private long value(Object v) {
    return graph.supply();
  }

  @Test
  void aDatumIsReleasedOnlyWhenNoPendingTaskReadsOrComputesIt() {
    long x = value(new double[] {1});
    TaskNode t = graph.addTask(first, new long[] {x});
    long r = t.result().datum();
    assertThat(graph.size(), is(2));
    assertThat(graph.release(x), is(nullValue()));
    assertThat(graph.release(r), is(nullValue()));
    graph.settle(graph.takePending());
    assertThat(graph.release(x).key(), equalTo("d1v1"));
    assertThat(graph.release(r).key(), equalTo("d2v1"));
    assertThat(graph.size(), is(0));
  }

  @Test
  void aWriteRetiresTheVersionItReplacesOnceNoPendingTaskUsesIt() {
    long x = value(new double[] {1});
    graph.addTask(increment, new long[] {x});
    graph.addTask(increment, new long[] {x});
    assertThat("still read by the pending writes", graph.takeRetired().isEmpty(), is(true));
    graph.settle(graph.takePending());
    assertThat(graph.takeRetired().toString(), equalTo("[d1v1, d1v2]"));
    assertThat(graph.takeRetired().isEmpty(), is(true));
    assertThat(graph.latest(x).key(), equalTo("d1v3"));
  }

  /**
   * A job taking the first tasks only ({@code --checkpoint=tasks:N}): the tasks left pending keep
   * reading the versions the taken ones wrote and read, which retire only once they are taken too.
   */
  @Test
  void takingTheFirstTasksLeavesTheRestReadingWhatTheyRead() {
    long x = value(new double[] {1});
    TaskNode a = graph.addTask(increment, new long[] {x}); // d1v1 -> d1v2
    TaskNode b = graph.addTask(increment, new long[] {x}); // d1v2 -> d1v3
    TaskNode c = graph.addTask(first, new long[] {x}); // reads d1v3
    assertThat(graph.takePending(1), contains(a));
    graph.settle(List.of(a));
    assertThat(a.output(0).producer(), is(nullValue()));
    assertThat(a.output(0).readers(), contains(b));
    assertThat(graph.pending(), contains(b, c));
    assertThat(
        "d1v1 is read by nothing pending now", graph.takeRetired().toString(), equalTo("[d1v1]"));
    assertThat(graph.takePending(5), contains(b, c));
    graph.settle(List.of(b, c));
    assertThat(graph.takeRetired().toString(), equalTo("[d1v2]"));
    assertThat(graph.pending(), is(empty()));
  }

  @Test
  void readAfterWriteIsAnEdge() throws Exception {
    long one = value(1);
    TaskNode t1 = graph.addTask(add, new long[] {one, one});
    TaskNode t2 = graph.addTask(add, new long[] {t1.result().datum(), one});
    assertThat(t1.predecessors(), is(empty()));
    assertThat(t2.predecessors(), contains(t1));
    assertThat(t2.input(0), is(t1.result()));
  }

  @Test
  void writeAfterReadIsNoEdgeThanksToRenaming() throws Exception {
    long x = value(new double[] {1});
    TaskNode reader = graph.addTask(first, new long[] {x});
    TaskNode writer = graph.addTask(increment, new long[] {x});
    assertThat(writer.predecessors(), is(empty()));
    assertThat(reader.input(0).key(), equalTo("d" + x + "v1"));
    assertThat(writer.input(0).key(), equalTo("d" + x + "v1"));
    assertThat(writer.output(0).key(), equalTo("d" + x + "v2"));
    assertThat(graph.latest(x), is(writer.output(0)));
  }

  @Test
  void writeAfterWriteIsNoEdge() throws Exception {
    long v = value(2.0);
    long out = value(new StringBuilder());
    TaskNode w1 = graph.addTask(fill, new long[] {v, out});
    TaskNode w2 = graph.addTask(fill, new long[] {v, out});
    assertThat(w2.predecessors(), is(empty()));
    assertThat(w1.input(1), nullValue());
    assertThat(w1.output(1).version(), is(2));
    assertThat(w2.output(1).version(), is(3));
  }

  @Test
  void inoutChainOrdersUpdatesAndLaterReadersSeeTheLast() throws Exception {
    long x = value(new double[] {0});
    TaskNode a = graph.addTask(increment, new long[] {x});
    TaskNode b = graph.addTask(increment, new long[] {x});
    TaskNode c = graph.addTask(increment, new long[] {x});
    TaskNode reader = graph.addTask(first, new long[] {x});
    assertThat(b.predecessors(), contains(a));
    assertThat(c.predecessors(), contains(b));
    assertThat(reader.predecessors(), contains(c));
    assertThat(reader.input(0).version(), is(4));
  }

  @Test
  void commutativeUpdatesShareAGroupUntilTheDatumIsRead() throws Exception {
    long acc = value(new double[] {0});
    long v = value(1.0);
    TaskNode u1 = graph.addTask(addInto, new long[] {v, acc});
    TaskNode u2 = graph.addTask(addInto, new long[] {v, acc});
    TaskNode u3 = graph.addTask(addInto, new long[] {v, acc});
    TaskNode reader = graph.addTask(first, new long[] {acc});
    TaskNode u4 = graph.addTask(addInto, new long[] {v, acc});
    assertThat(u2.group(), is(u1.group()));
    assertThat(u3.group(), is(u1.group()));
    assertThat(u4.group(), not(u1.group()));
    assertThat(reader.predecessors(), contains(u3));
    assertThat(u4.input(1).version(), is(4));
  }

  @Test
  void syncPointClosesGroups() throws Exception {
    long acc = value(new double[] {0});
    long v = value(1.0);
    TaskNode u1 = graph.addTask(addInto, new long[] {v, acc});
    assertThat(graph.takePending(), contains(u1));
    TaskNode u2 = graph.addTask(addInto, new long[] {v, acc});
    assertThat(u2.group(), not(u1.group()));
  }
}
