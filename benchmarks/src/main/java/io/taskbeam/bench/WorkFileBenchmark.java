package io.taskbeam.bench;

import io.taskbeam.spi.SealedDirectory;
import io.taskbeam.spi.StoredValues;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.RandomMatrices_DDRM;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What sealing and the deserialization allow-list cost on the read path of a blocked product. A
 * worker reads each input block of a matmul from its own sealed bundle:
 *
 * <ul>
 *   <li>{@code readSealed}: {@link SealedDirectory#read}, a worker's read (the HMAC-SHA256 pass
 *       over the file, then the decode);
 *   <li>{@code readUnsealed}: the read as it was before sealing (open, decode the entry), on the
 *       same bytes;
 *   <li>{@code macOnly}: the HMAC pass alone.
 * </ul>
 *
 * {@code javaFiltered}/{@code javaUnfiltered}: a Java-serialized value (a list of 1,000 records)
 * read through the allow-list and through a plain {@code ObjectInputStream}. Matrices never go
 * through Java serialization (they have a codec), so the filter costs a blocked product nothing.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class WorkFileBenchmark {
  /** Side of the square block: 512 is a 2 MiB bundle, 1024 an 8 MiB one. */
  @Param({"512", "1024"})
  public int blockSize;

  private SealedDirectory dir;
  private Path file;
  private byte[] key;
  private byte[] javaValue;

  /** A value without a codec: goes through Java serialization. */
  public record Sample(long at, double value) implements Serializable {}

  /** Declares {@link Sample} to the allow-list, as a task signature would. */
  public static List<Sample> task(List<Sample> samples) {
    return samples;
  }

  @Setup
  public void setUp() throws Exception {
    dir = SealedDirectory.create(Files.createTempDirectory("taskbeam-workfile-bench"));
    DMatrixRMaj block = RandomMatrices_DDRM.rectangle(blockSize, blockSize, new Random(1));
    file = dir.write("d1v1", block);
    key = dir.key();
    StoredValues.allowTypesOf(WorkFileBenchmark.class.getMethod("task", List.class));
    List<Sample> samples = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      samples.add(new Sample(i, i * 0.5));
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(samples);
    }
    javaValue = bytes.toByteArray();
  }

  @TearDown
  public void tearDown() {
    dir.close();
  }

  @Benchmark
  public Object readSealed() {
    return dir.read(file, "d1v1");
  }

  @Benchmark
  public Object readUnsealed() throws Exception {
    try (DataInputStream in =
        new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 20))) {
      in.readUTF();
      in.readLong();
      return StoredValues.decode(in);
    }
  }

  @Benchmark
  public byte[] macOnly() throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    byte[] buf = new byte[1 << 20];
    try (var in = Files.newInputStream(file)) {
      for (int n; (n = in.read(buf)) > 0; ) {
        mac.update(buf, 0, n);
      }
    }
    return mac.doFinal();
  }

  @Benchmark
  public Object javaFiltered() throws Exception {
    return StoredValues.readJavaSerialized(javaValue);
  }

  @Benchmark
  public Object javaUnfiltered() throws Exception {
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(javaValue))) {
      return in.readObject();
    }
  }
}
