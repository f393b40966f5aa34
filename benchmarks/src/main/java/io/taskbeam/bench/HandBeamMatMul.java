package io.taskbeam.bench;

import io.taskbeam.TaskBeamOptions;
import io.taskbeam.matrix.Blocks;
import io.taskbeam.matrix.Gemm;
import io.taskbeam.matrix.MatrixCoder;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.values.KV;
import org.ejml.data.DMatrixRMaj;

/**
 * The blocked product written by hand in Beam, the yardstick of the SDK's own cost: blocks of A and
 * B are written to files, a {@code Create} of the C block coordinates is spread over the workers
 * ({@code Reshuffle}), and one {@code ParDo} computes each C block as the sum over k of {@code
 * A[i][k] B[k][j]} with the same kernel, writing it to a file the program reads back. The same
 * shape as taskbeam's COMMUTATIVE product (one stage), minus the SDK.
 */
public final class HandBeamMatMul {
  /**
   * Blocks read by this JVM's workers, by file: each A and B block is loaded once per product.
   * Holds one product's blocks only: a block of another product's folder clears it.
   */
  private static final Map<String, DMatrixRMaj> LOADED = new ConcurrentHashMap<>();

  private HandBeamMatMul() {}

  /** C = A B on blocks of {@code blockSize}; {@code args} as for taskbeam (runner, workDir). */
  public static DMatrixRMaj multiply(int blockSize, DMatrixRMaj a, DMatrixRMaj b, String[] args) {
    TaskBeamOptions options = PipelineOptionsFactory.fromArgs(args).as(TaskBeamOptions.class);
    if (options.getRunner() == DirectRunner.class) {
      DirectOptions direct = options.as(DirectOptions.class);
      direct.setTargetParallelism(options.getParallelism());
      direct.setEnforceImmutability(false);
      direct.setEnforceEncodability(false);
    }
    Path dir = Path.of(options.getWorkDir(), "hand-beam-" + UUID.randomUUID());
    try {
      DMatrixRMaj[][] blocksA = Blocks.split(a, blockSize);
      DMatrixRMaj[][] blocksB = Blocks.split(b, blockSize);
      Files.createDirectories(dir);
      write(blocksA, dir, "a");
      write(blocksB, dir, "b");
      List<KV<Integer, Integer>> coordinates = new ArrayList<>();
      for (int i = 0; i < blocksA.length; i++) {
        for (int j = 0; j < blocksB[0].length; j++) {
          coordinates.add(KV.of(i, j));
        }
      }
      Pipeline pipeline = Pipeline.create(options);
      pipeline
          .apply(
              "blocks of C",
              Create.of(coordinates).withCoder(KvCoder.of(VarIntCoder.of(), VarIntCoder.of())))
          .apply("spread", Reshuffle.viaRandomKey())
          .apply("multiply", ParDo.of(new BlockFn(dir.toString(), blocksB.length)));
      PipelineResult.State state = pipeline.run().waitUntilFinish();
      if (state != PipelineResult.State.DONE) {
        throw new IllegalStateException("the hand-made pipeline ended " + state);
      }
      List<DMatrixRMaj> blocksC = new ArrayList<>();
      for (KV<Integer, Integer> ij : coordinates) {
        blocksC.add(read(dir.resolve(name("c", ij.getKey(), ij.getValue()))));
      }
      return Blocks.join(blocksC, blocksA.length, blocksB[0].length);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      LOADED.keySet().removeIf(path -> path.startsWith(dir.toString()));
      SuiteFiles.deleteTree(dir);
    }
  }

  /** Computes one block of C from the block files and writes it next to them. */
  static final class BlockFn extends DoFn<KV<Integer, Integer>, Void> {
    private static final long serialVersionUID = 1L;
    private final String dir;
    private final int inner;

    BlockFn(String dir, int inner) {
      this.dir = dir;
      this.inner = inner;
    }

    @ProcessElement
    public void process(@Element KV<Integer, Integer> ij) throws IOException {
      int i = ij.getKey();
      int j = ij.getValue();
      DMatrixRMaj c = null;
      for (int k = 0; k < inner; k++) {
        DMatrixRMaj a = cached(Path.of(dir, name("a", i, k)));
        DMatrixRMaj b = cached(Path.of(dir, name("b", k, j)));
        if (c == null) {
          c = new DMatrixRMaj(a.numRows, b.numCols);
        }
        Gemm.multAdd(a, b, c);
      }
      Path out = Path.of(dir, name("c", i, j));
      Path tmp = Path.of(dir, name("c", i, j) + "." + UUID.randomUUID() + ".tmp");
      try (OutputStream stream = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 20)) {
        MatrixCoder.of().encode(c, stream);
      }
      Files.move(
          tmp,
          out,
          java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
  }

  private static synchronized void forgetOtherProducts(Path file) {
    String dir = file.getParent().toString();
    LOADED.keySet().removeIf(path -> !path.startsWith(dir));
  }

  private static DMatrixRMaj cached(Path file) {
    DMatrixRMaj known = LOADED.get(file.toString());
    if (known != null) {
      return known;
    }
    forgetOtherProducts(file);
    return LOADED.computeIfAbsent(
        file.toString(),
        f -> {
          try {
            return read(file);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  private static void write(DMatrixRMaj[][] blocks, Path dir, String prefix) throws IOException {
    for (int i = 0; i < blocks.length; i++) {
      for (int j = 0; j < blocks[i].length; j++) {
        try (OutputStream out =
            new BufferedOutputStream(
                Files.newOutputStream(dir.resolve(name(prefix, i, j))), 1 << 20)) {
          MatrixCoder.of().encode(blocks[i][j], out);
        }
      }
    }
  }

  private static DMatrixRMaj read(Path file) throws IOException {
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 20)) {
      return MatrixCoder.of().decode(in);
    }
  }

  private static String name(String prefix, int i, int j) {
    return prefix + "-" + i + "-" + j + ".bin";
  }
}
