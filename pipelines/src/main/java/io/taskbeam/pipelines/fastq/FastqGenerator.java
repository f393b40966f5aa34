package io.taskbeam.pipelines.fastq;

import static io.taskbeam.Direction.FILE_OUT;

import io.taskbeam.Param;
import io.taskbeam.Task;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Writes Illumina-like test reads: instrument-style ids, 150 bases with 15% trimmed shorter, GC
 * content varying around 42% from read to read, Phred+33 qualities that fall along the read, and
 * now and then a tail of quality 2 where some bases are called N.
 */
public final class FastqGenerator {
  private static final char[] AT = {'A', 'T'};
  private static final char[] GC = {'G', 'C'};

  private FastqGenerator() {}

  @Task
  static void generate(@Param(FILE_OUT) String file, int reads, long seed) throws IOException {
    SplittableRandom random = new SplittableRandom(seed);
    StringBuilder sequence = new StringBuilder(160);
    StringBuilder quality = new StringBuilder(160);
    try (BufferedWriter out = Files.newBufferedWriter(Path.of(file), StandardCharsets.US_ASCII)) {
      for (int r = 0; r < reads; r++) {
        int length = random.nextDouble() < 0.85 ? 150 : random.nextInt(36, 150);
        double gc = Math.min(0.8, Math.max(0.2, 0.42 + 0.05 * gaussian(random)));
        int badTail = random.nextDouble() < 0.03 ? random.nextInt(10, 31) : 0;
        sequence.setLength(0);
        quality.setLength(0);
        for (int i = 0; i < length; i++) {
          double along = (double) i / length;
          int q = (int) Math.round(36 - 8 * along * along + 2.5 * gaussian(random));
          q = i >= length - badTail ? 2 : Math.min(41, Math.max(2, q));
          char base = (random.nextDouble() < gc ? GC : AT)[random.nextInt(2)];
          sequence.append(q <= 2 && random.nextBoolean() ? 'N' : base);
          quality.append((char) (33 + q));
        }
        out.write(
            String.format(
                "@TB1:42:HK7TWDSX2:1:%d:%d:%d 1:N:0:ATCACG\n",
                1101 + random.nextInt(24), random.nextInt(1, 32000), random.nextInt(1, 32000)));
        out.append(sequence).append('\n').append("+\n").append(quality).append('\n');
      }
    }
  }

  private static double gaussian(SplittableRandom random) {
    double u = 1 - random.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
  }
}
