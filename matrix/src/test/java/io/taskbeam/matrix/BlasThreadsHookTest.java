package io.taskbeam.matrix;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

import io.taskbeam.ComputingUnitsHook;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** The matrix module sizes BLAS to a task's computing units through the SDK's hook. */
class BlasThreadsHookTest {
  @Test
  void registeredAndSetsTheBlasThreads() {
    assertThat(
        ServiceLoader.load(ComputingUnitsHook.class).stream().map(p -> p.type().getName()).toList(),
        hasItem(BlasThreadsHook.class.getName()));
    BlasThreadsHook hook = new BlasThreadsHook();
    try {
      hook.use(2);
      assertThat(Gemm.threads(), is(Gemm.isNative() ? 2 : 1));
    } finally {
      hook.use(1);
    }
    assertThat(Gemm.threads(), is(1));
  }
}
