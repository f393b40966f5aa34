package io.taskbeam.pipelines;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;

import io.taskbeam.pipelines.fastq.FastqMain;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bad-input corpus ({@code src/test/resources/bad-inputs}, see its README): each case ends with
 * its one expected line and exit code 1, writes no output file, and starts no run (no run
 * directory: the input was refused before anything was computed).
 */
class BadInputCorpusTest {
  private static final String ANY = "{any}";
  @TempDir Path temp;

  @TestFactory
  Stream<DynamicTest> everyCaseIsOneLineBeforeComputing() throws IOException, URISyntaxException {
    Path corpus = Path.of(BadInputCorpusTest.class.getResource("/bad-inputs").toURI());
    List<Path> cases;
    try (Stream<Path> entries = Files.list(corpus)) {
      cases = entries.filter(Files::isDirectory).sorted().toList();
    }
    assertThat(cases.size(), greaterThanOrEqualTo(40));
    return cases.stream()
        .map(c -> DynamicTest.dynamicTest(c.getFileName().toString(), () -> check(c)));
  }

  private void check(Path source) throws IOException {
    Path dir = temp.resolve(source.getFileName().toString());
    copy(source, dir);
    Set<String> before = files(dir);
    List<String> lines = Files.readAllLines(dir.resolve("args"), StandardCharsets.UTF_8);
    String app = lines.get(0).strip();
    List<String> args = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      if (!line.isBlank()) {
        args.add(line.strip().replace("{dir}", dir.toString()));
      }
    }
    addUnlessGiven(args, "--runner", "DirectRunner");
    addUnlessGiven(args, "--workDir", dir.resolve("work").toString());
    addUnlessGiven(args, "--runsDir", dir.resolve("runs").toString());
    Main.App body = Main.APPS.get(app);
    assertThat("application " + app, body != null, is(true));

    String line = ProgramRuns.fail(app, body, args.toArray(String[]::new));

    String expected =
        Files.readString(dir.resolve("expected"), StandardCharsets.UTF_8)
            .strip()
            .replace("{dir}", dir.toString());
    if (expected.contains(ANY)) {
      String regex =
          Arrays.stream(expected.split(Pattern.quote(ANY), -1))
              .map(Pattern::quote)
              .reduce((a, b) -> a + ".*" + b)
              .orElseThrow();
      assertThat(line, matchesPattern(regex));
    } else {
      assertThat(line, equalTo(expected));
    }
    assertThat("no run was started", Files.exists(dir.resolve("runs")), is(false));
    assertThat("no file was written or changed", files(dir), equalTo(before));
  }

  /** A FASTQ file with Windows line ends (CRLF) is read exactly as the same file with LF. */
  @Test
  void crlfFastqGivesTheSameStatisticsAsLf() throws Exception {
    String lf = "@r1\nACGTGG\n+\nIIII#I\n@r2\nAC\n+\nII\n";
    Path unix = temp.resolve("lf.fastq");
    Path windows = temp.resolve("crlf.fastq");
    Files.writeString(unix, lf, StandardCharsets.US_ASCII);
    Files.writeString(windows, lf.replace("\n", "\r\n"), StandardCharsets.US_ASCII);
    String a =
        ProgramRuns.run(
            FastqMain::run, ProgramRuns.with(ProgramRuns.direct(temp), "--input=" + unix));
    String b =
        ProgramRuns.run(
            FastqMain::run, ProgramRuns.with(ProgramRuns.direct(temp), "--input=" + windows));
    String stats = "2 reads, 8 bases, GC ";
    assertThat(statsLine(a, "lf.fastq"), org.hamcrest.Matchers.startsWith(": " + stats));
    assertThat(statsLine(b, "crlf.fastq"), equalTo(statsLine(a, "lf.fastq")));
  }

  private static String statsLine(String out, String name) {
    String line = out.lines().filter(l -> l.contains(name + ": ")).findFirst().orElseThrow();
    return line.substring(line.indexOf(name + ": ") + name.length());
  }

  private static void addUnlessGiven(List<String> args, String option, String value) {
    if (args.stream().noneMatch(a -> a.startsWith(option + "="))) {
      args.add(option + "=" + value);
    }
  }

  /** Regular files below {@code dir} with their contents' hash, ignoring session owner marks. */
  private static Set<String> files(Path dir) throws IOException {
    Set<String> files = new TreeSet<>();
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.filter(Files::isRegularFile).toList()) {
        if (!p.getFileName().toString().equals(".owner")) {
          files.add(dir.relativize(p) + " " + Arrays.hashCode(Files.readAllBytes(p)));
        }
      }
    }
    return files;
  }

  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> all = Files.walk(from)) {
      for (Path p : all.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }
}
