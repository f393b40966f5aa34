package io.taskbeam.matrix;

import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.blas.JavaBLAS;
import dev.ludovic.netlib.blas.NativeBLAS;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.RandomMatrices_DDRM;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One block product {@code C += A B} per call, by kernel and block size: EJML's product (the
 * reference), netlib's pure-Java BLAS (the fallback) and native OpenBLAS (1 thread), the last two
 * through {@link Gemm}'s row-major dgemm call. The {@code gflop} column is GFLOP/s.
 *
 * <pre>benchmarks/jmh KernelBenchmark</pre>
 *
 * <p>{@code operands} cycles the products over that many distinct (A, B) pairs, as a chunk of a
 * blocked product does (each call reads blocks the last one did not). JMH's {@code -t 2} runs two
 * threads with their own operands, like two workers on one host; the {@code gflop} column then sums
 * both:
 *
 * <pre>
 * benchmarks/jmh KernelBenchmark -p blockSize=768 -p kernel=openblas -p operands=10 -t 2
 * </pre>
 *
 * (In this package only to reach {@code Gemm.product} with a chosen BLAS.)
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class KernelBenchmark {
  @Param({"128", "256", "512"})
  public int blockSize;

  @Param({"ejml", "java-blas", "openblas"})
  public String kernel;

  @Param({"1"})
  public int operands;

  private DMatrixRMaj[] as;
  private DMatrixRMaj[] bs;
  private DMatrixRMaj c;
  private BLAS blas;

  /** The operand pair of the next call. */
  private int next;

  /** Floating-point work done, reported per second: GFLOP/s. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Flops {
    public double gflop;

    @Setup(Level.Iteration)
    public void clear() {
      gflop = 0;
    }
  }

  @Setup
  public void setUp() {
    Random random = new Random(1);
    if (operands < 1) {
      throw new IllegalArgumentException("operands must be at least 1; got " + operands);
    }
    as = new DMatrixRMaj[operands];
    bs = new DMatrixRMaj[operands];
    for (int i = 0; i < operands; i++) {
      as[i] = RandomMatrices_DDRM.rectangle(blockSize, blockSize, -1, 1, random);
      bs[i] = RandomMatrices_DDRM.rectangle(blockSize, blockSize, -1, 1, random);
    }
    c = new DMatrixRMaj(blockSize, blockSize);
    switch (kernel) {
      case "ejml" -> blas = null;
      case "java-blas" -> blas = JavaBLAS.getInstance();
      case "openblas" -> {
        if (!Gemm.isNative()) {
          throw new IllegalStateException("no native BLAS here: " + Gemm.kernelName());
        }
        blas = NativeBLAS.getInstance();
      }
      default -> throw new IllegalArgumentException("unknown kernel " + kernel);
    }
  }

  @Benchmark
  public DMatrixRMaj multAdd(Flops flops) {
    Gemm.product(blas, as[next], bs[next], c, 1.0);
    next = (next + 1) % operands;
    flops.gflop += 2.0 * blockSize * blockSize * blockSize / 1e9;
    return c;
  }
}
