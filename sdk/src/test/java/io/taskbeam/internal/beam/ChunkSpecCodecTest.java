package io.taskbeam.internal.beam;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;

import io.taskbeam.internal.data.StoredRef;
import io.taskbeam.internal.exec.ExecTasks;
import io.taskbeam.internal.plan.ArgSource;
import io.taskbeam.internal.plan.ArgSource.Kind;
import io.taskbeam.internal.plan.CallSpec;
import io.taskbeam.internal.plan.ChunkSpec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The binary form of a chunk spec: every kind of argument survives, functions are shared. */
class ChunkSpecCodecTest {
  private static ChunkSpec roundTrip(ChunkSpec spec) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ChunkSpecCodec.write(spec, new DataOutputStream(bytes));
    return ChunkSpecCodec.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
  }

  private static void assertSameCall(CallSpec got, CallSpec want) {
    assertThat(got.taskName(), equalTo(want.taskName()));
    assertThat(got.function().id(), equalTo(want.function().id()));
    assertThat(got.resultKey(), equalTo(want.resultKey()));
    assertThat(Arrays.asList(got.outKeys()), equalTo(Arrays.asList(want.outKeys())));
    assertThat(got.args().length, is(want.args().length));
    for (int i = 0; i < got.args().length; i++) {
      ArgSource g = got.args()[i];
      ArgSource w = want.args()[i];
      assertThat(g.kind(), is(w.kind()));
      assertThat(g.key(), equalTo(w.key()));
      assertThat(g.copy(), is(w.copy()));
      assertThat(g.stored(), equalTo(w.stored()));
      assertThat(g.freshType(), equalTo(w.freshType()));
      assertThat(Arrays.equals(g.inline(), w.inline()), is(true));
    }
  }

  @Test
  void everyKindOfArgumentRoundTrips() throws Exception {
    ArgSource[] args = {
      new ArgSource(Kind.INLINE, "d1v1", new byte[] {5, 0, 0, 0, 7}, null, true, null),
      new ArgSource(
          Kind.STORED, "d2v3", null, new StoredRef("/w/input-d2v3.bin", "d2v3"), false, null),
      new ArgSource(Kind.SIDE, "d3v1", null, null, true, null),
      new ArgSource(Kind.MAIN, "d4v2", null, null, false, null),
      new ArgSource(Kind.LOCAL, "d5v1", null, null, false, null),
      new ArgSource(Kind.FRESH, null, null, null, false, "java.lang.StringBuilder")
    };
    CallSpec call =
        new CallSpec(
            "add#9",
            ExecTasks.ADD,
            args,
            new String[] {null, "d2v4", null, null, null, "d6v1"},
            "d7v1");
    CallSpec voidCall =
        new CallSpec(
            "increment#10",
            ExecTasks.INCREMENT,
            new ArgSource[] {new ArgSource(Kind.LOCAL, "d2v4", null, null, false, null)},
            new String[] {"d2v5"},
            null);
    ChunkSpec spec =
        new ChunkSpec(
            3, 1, List.of(call, voidCall), List.of("d7v1"), List.of("d2v5"), "/w/sync2-s3-c1.bin");

    ChunkSpec back = roundTrip(spec);

    assertThat(back.stage(), is(3));
    assertThat(back.index(), is(1));
    assertThat(back.emitKeys(), equalTo(List.of("d7v1")));
    assertThat(back.storeKeys(), equalTo(List.of("d2v5")));
    assertThat(back.storePath(), equalTo("/w/sync2-s3-c1.bin"));
    assertSameCall(back.calls().get(0), call);
    assertSameCall(back.calls().get(1), voidCall);
  }

  @Test
  void aChunkOfManyCallsSharesItsFunctionAndIsSmallerThanJavaSerialization() throws Exception {
    List<CallSpec> calls = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      calls.add(
          new CallSpec(
              "add#" + i,
              ExecTasks.ADD,
              new ArgSource[] {
                new ArgSource(
                    Kind.INLINE, "d" + i + "v1", new byte[] {5, 0, 0, 0, 1}, null, false, null),
                new ArgSource(Kind.SIDE, "d0v1", null, null, false, null)
              },
              new String[2],
              "r" + i));
    }
    ChunkSpec spec = new ChunkSpec(0, 0, calls, List.of(), List.of(), null);
    ByteArrayOutputStream binary = new ByteArrayOutputStream();
    ChunkSpecCodec.write(spec, new DataOutputStream(binary));
    ByteArrayOutputStream java = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(java)) {
      out.writeObject(spec);
    }
    ChunkSpec back = roundTrip(spec);
    assertThat(back.calls().size(), is(1000));
    assertThat(back.storePath(), is((String) null));
    assertThat(back.calls().get(0).function(), is(back.calls().get(999).function()));
    assertThat(binary.size(), lessThan(java.size()));
  }
}
