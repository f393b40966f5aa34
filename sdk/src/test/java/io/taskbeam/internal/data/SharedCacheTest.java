package io.taskbeam.internal.data;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.sameInstance;

import java.nio.file.Path;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.RandomMatrices_DDRM;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A worker's cache serves one object per stored value, and forgets the values of a session whose
 * directory was deleted once the next value is loaded; values of live sessions stay.
 */
class SharedCacheTest {
  @RegisterExtension final SealedSessionDir work = new SealedSessionDir();

  @AfterEach
  void forget() {
    SharedCache.evictUnder(work.dir().toString());
  }

  @Test
  void aValueIsLoadedOnceAndShared() {
    StoredRef ref = store(work.dir().resolve("session-a"), "d1v1", 1);
    Object first = SharedCache.load(ref);
    assertThat(SharedCache.load(ref), sameInstance(first));
    assertThat(((DMatrixRMaj) first).get(0, 0), is(expected(1).get(0, 0)));
  }

  @Test
  void lookupsAreCountedOnTheCallingThreadAsHitsAndMisses() {
    StoredRef one = store(work.dir().resolve("session-a"), "d1v1", 1);
    StoredRef two = store(work.dir().resolve("session-a"), "d2v1", 2);
    long[] before = IoCounter.snapshot();
    SharedCache.load(one);
    SharedCache.load(one);
    SharedCache.load(two);
    SharedCache.load(one);
    long[] after = IoCounter.snapshot();
    assertThat(after[IoCounter.CACHE_HITS] - before[IoCounter.CACHE_HITS], is(2L));
    assertThat(after[IoCounter.CACHE_MISSES] - before[IoCounter.CACHE_MISSES], is(2L));
    assertThat(
        "the misses read the values from the store",
        after[IoCounter.READ] - before[IoCounter.READ] > 0,
        is(true));
  }

  @Test
  void valuesOfADeletedSessionAreDroppedAtTheNextLoad() {
    int before = SharedCache.size();
    StoredRef ended = store(work.dir().resolve("session-a"), "d1v1", 1);
    StoredRef live = store(work.dir().resolve("session-b"), "d1v1", 2);
    SharedCache.load(ended);
    Object kept = SharedCache.load(live);
    assertThat(SharedCache.size(), is(before + 2));

    WorkDir.deleteTree(work.dir().resolve("session-a"));
    StoredRef next = store(work.dir().resolve("session-c"), "d2v1", 3);
    SharedCache.load(next);

    assertThat(
        "session-a's value is forgotten, b's and c's are kept", SharedCache.size(), is(before + 2));
    assertThat(SharedCache.load(live), sameInstance(kept));
  }

  @Test
  void evictingADirectoryLeavesASiblingWithTheSamePrefix() {
    StoredRef one = store(work.dir().resolve("session-1"), "d1v1", 1);
    StoredRef ten = store(work.dir().resolve("session-10"), "d1v1", 10);
    Object first = SharedCache.load(one);
    Object tenth = SharedCache.load(ten);
    SharedCache.evictUnder(work.dir().resolve("session-1").toString());
    assertThat(SharedCache.load(ten), sameInstance(tenth));
    assertThat(SharedCache.load(one) == first, is(false));
  }

  private static long encodedLength(Object value) {
    try {
      return ValueCoder.toBytes(value).length;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static StoredRef store(Path session, String key, int seed) {
    Path file = session.resolve("input-" + key + ".bin");
    DMatrixRMaj m = expected(seed);
    WorkDir.writeValue(file, key, m, encodedLength(m));
    return new StoredRef(file.toString(), key);
  }

  private static DMatrixRMaj expected(int seed) {
    return RandomMatrices_DDRM.rectangle(4, 3, new Random(seed));
  }
}
