package io.taskbeam.pipelines;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README and every page under {@code docs/} lead somewhere: each relative link names a file or
 * folder of the repository, and each {@code #anchor} names a heading of the Markdown file it points
 * into, by GitHub's rules. Every page is reachable from the README, and the README stays the short
 * page a newcomer reads first.
 *
 * <p>External {@code http(s):} links are not checked: the build runs without network access, and a
 * site that is down for a minute must not fail it.
 */
class DocsLinksTest {
  /** The README holds what a user needs first; the rest belongs on a page under docs/. */
  private static final int README_MAX_LINES = 400;

  private static final Path ROOT = repositoryRoot();

  @Test
  void everyRelativeLinkAndAnchorLeadsSomewhere() throws IOException {
    Report report = check(ROOT, pages(ROOT));
    assertTrue(
        report.problems().isEmpty(),
        () ->
            report.problems().size()
                + " dead link(s); fix the link or the heading it names:\n"
                + String.join("\n", report.problems()));
    // A pattern that matched nothing would pass every page: the README alone has dozens of links.
    assertThat(report.checked(), greaterThanOrEqualTo(30));
  }

  @Test
  void everyDocsPageIsReachableFromTheReadme() throws IOException {
    Set<Path> reached = new TreeSet<>();
    Deque<Path> todo = new ArrayDeque<>(List.of(ROOT.resolve("README.md")));
    while (!todo.isEmpty()) {
      Path page = todo.pop();
      if (reached.add(page)) {
        for (Link link : links(page)) {
          Path target = link.target(ROOT);
          if (target != null && target.startsWith(ROOT.resolve("docs")) && isMarkdown(target)) {
            todo.push(target);
          }
        }
      }
    }
    List<String> orphans = new ArrayList<>();
    for (Path page : pages(ROOT)) {
      if (!reached.contains(page)) {
        orphans.add(ROOT.relativize(page).toString());
      }
    }
    assertThat(
        "pages no link from README.md leads to (link them from 'Where to go next')",
        orphans,
        empty());
  }

  @Test
  void readmeStaysShort() throws IOException {
    int lines = Files.readAllLines(ROOT.resolve("README.md"), StandardCharsets.UTF_8).size();
    assertThat(
        "README.md has "
            + lines
            + " lines; move details to a page under docs/ and link it from the README",
        lines,
        lessThanOrEqualTo(README_MAX_LINES));
  }

  /** The checker itself: a missing file, a missing heading and a missing page each fail it. */
  @Test
  void deadLinksAreNamedWithTheirFileAndLine(@TempDir Path repo) throws IOException {
    Files.createDirectories(repo.resolve("docs"));
    Files.writeString(
        repo.resolve("README.md"),
        String.join(
            "\n",
            "# Title",
            "See [runners](docs/runners.md#run-on-spark), [gone](docs/gone.md),",
            "[here](#title) and [nowhere](#no-such-heading) and [web](https://example.org/x).",
            "```sh",
            "echo [not a link](docs/also-gone.md)",
            "```",
            "and `[code](docs/in-code.md)` too."));
    Files.writeString(
        repo.resolve("docs/runners.md"),
        "# Runners\n\n## Run on Spark\n\nBack to the [README](../README.md#titel).\n");

    Report report = check(repo, pages(repo));

    assertThat(
        report.problems(),
        contains(
            "README.md:2: link 'docs/gone.md': docs/gone.md does not exist",
            "README.md:3: link '#no-such-heading': README.md has no heading with that anchor",
            "docs/runners.md:5: link '../README.md#titel': README.md has no heading with that"
                + " anchor"));
    assertEquals(5, report.checked());
  }

  /** Anchors as GitHub makes them from headings. */
  @Test
  void anchorsFollowGitHubsRules() {
    assertEquals("latest-results-issue-15s-targets", slug("Latest results: issue 15's targets"));
    assertEquals("earlier-full-run-2026-11-22", slug("Earlier full run (2026-11-22)"));
    assertEquals("--explain-the-plan", slug("`--explain`: the plan"));
    assertEquals("pycompss-call---taskbeam-call", slug("PyCOMPSs call -> taskbeam call"));
    assertEquals("run-on-spark", slug("Run on [Spark](https://spark.apache.org)"));
    assertEquals("where-a-sync-points-time-goes", slug("Where a sync point's time goes"));
  }

  /** What a check found: one line per dead link, and how many relative links were checked. */
  private record Report(List<String> problems, int checked) {}

  /** A link as written on a page: its target text and the line it is on. */
  private record Link(Path page, int line, String href) {
    /** The file or folder the link names, or null for a link to another site. */
    Path target(Path root) {
      if (SCHEME.matcher(href).lookingAt()) {
        return null;
      }
      String path = href.contains("#") ? href.substring(0, href.indexOf('#')) : href;
      path = URLDecoder.decode(path, StandardCharsets.UTF_8);
      if (path.isEmpty()) {
        return page;
      }
      // GitHub resolves a leading '/' against the repository's root.
      Path base = path.startsWith("/") ? root : page.getParent();
      return base.resolve(path.startsWith("/") ? path.substring(1) : path).normalize();
    }

    /** The anchor after '#', or empty. */
    String anchor() {
      int hash = href.indexOf('#');
      return hash < 0 ? "" : URLDecoder.decode(href.substring(hash + 1), StandardCharsets.UTF_8);
    }
  }

  /** {@code http:}, {@code https:}, {@code mailto:}: other sites, not checked (see the class). */
  private static final Pattern SCHEME = Pattern.compile("[a-zA-Z][a-zA-Z0-9+.-]*:");

  /** {@code [text](target)} and {@code ![alt](target)}, with an optional {@code "title"}. */
  private static final Pattern LINK =
      Pattern.compile("\\[[^\\]]*\\]\\(\\s*<?([^)\\s>]+)>?(?:\\s+\"[^\"]*\")?\\s*\\)");

  private static final Pattern INLINE_CODE = Pattern.compile("(`+)(.+?)\\1");
  private static final Pattern HEADING = Pattern.compile("^ {0,3}(#{1,6})\\s+(.*?)\\s*#*\\s*$");
  private static final Pattern HTML_ANCHOR =
      Pattern.compile("<a\\s+(?:name|id)=\"([^\"]+)\"", Pattern.CASE_INSENSITIVE);
  private static final Pattern FENCE = Pattern.compile("^ {0,3}(```|~~~)");

  private static Report check(Path root, List<Path> pages) throws IOException {
    List<String> problems = new ArrayList<>();
    Map<Path, Set<String>> anchorsByFile = new HashMap<>();
    int checked = 0;
    for (Path page : pages) {
      for (Link link : links(page)) {
        Path target = link.target(root);
        if (target == null) {
          continue;
        }
        checked++;
        String where = root.relativize(page) + ":" + link.line() + ": link '" + link.href() + "': ";
        if (!target.startsWith(root)) {
          problems.add(where + "it leaves the repository");
        } else if (!Files.exists(target)) {
          problems.add(where + root.relativize(target) + " does not exist");
        } else if (!link.anchor().isEmpty() && isMarkdown(target)) {
          // Anchors into source files (#L10) are GitHub's line links: only Markdown has headings.
          Set<String> anchors = anchorsByFile.get(target);
          if (anchors == null) {
            anchors = anchors(target);
            anchorsByFile.put(target, anchors);
          }
          if (!anchors.contains(link.anchor())) {
            problems.add(where + root.relativize(target) + " has no heading with that anchor");
          }
        }
      }
    }
    return new Report(problems, checked);
  }

  /** README.md and every Markdown page under docs/, in a stable order. */
  private static List<Path> pages(Path root) throws IOException {
    List<Path> pages = new ArrayList<>(List.of(root.resolve("README.md")));
    Path docs = root.resolve("docs");
    if (Files.isDirectory(docs)) {
      try (Stream<Path> files = Files.walk(docs)) {
        files.filter(DocsLinksTest::isMarkdown).sorted().forEach(pages::add);
      }
    }
    return pages;
  }

  /** The links of a page outside fenced code blocks and inline code. */
  private static List<Link> links(Path page) throws IOException {
    List<Link> links = new ArrayList<>();
    List<String> lines = Files.readAllLines(page, StandardCharsets.UTF_8);
    boolean inFence = false;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (FENCE.matcher(line).lookingAt()) {
        inFence = !inFence;
        continue;
      }
      if (inFence) {
        continue;
      }
      Matcher m = LINK.matcher(INLINE_CODE.matcher(line).replaceAll(""));
      while (m.find()) {
        links.add(new Link(page, i + 1, m.group(1)));
      }
    }
    return links;
  }

  /**
   * The anchors GitHub gives a Markdown file: one per heading (repeats numbered), and HTML ones.
   */
  private static Set<String> anchors(Path file) throws IOException {
    Set<String> anchors = new LinkedHashSet<>();
    Map<String, Integer> seen = new HashMap<>();
    boolean inFence = false;
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (FENCE.matcher(line).lookingAt()) {
        inFence = !inFence;
        continue;
      }
      if (inFence) {
        continue;
      }
      Matcher heading = HEADING.matcher(line);
      if (heading.matches()) {
        String slug = slug(heading.group(2));
        int repeats = seen.merge(slug, 1, Integer::sum) - 1;
        anchors.add(repeats == 0 ? slug : slug + "-" + repeats);
      }
      Matcher html = HTML_ANCHOR.matcher(line);
      while (html.find()) {
        anchors.add(html.group(1));
      }
    }
    return anchors;
  }

  /**
   * GitHub's anchor of a heading: the text as rendered (link targets, code ticks, emphasis stars
   * and HTML tags gone), lower-cased, every character but letters, digits, '-', '_' and spaces
   * dropped, each space turned into '-'.
   */
  static String slug(String heading) {
    String text = heading.replaceAll("!?\\[([^\\]]*)\\]\\([^)]*\\)", "$1");
    text = text.replaceAll("<[^>]+>", "").replace("`", "").replace("*", "");
    StringBuilder slug = new StringBuilder();
    text.toLowerCase(Locale.ROOT)
        .codePoints()
        .forEach(
            c -> {
              if (c == ' ') {
                slug.append('-');
              } else if (Character.isLetterOrDigit(c) || c == '-' || c == '_') {
                slug.appendCodePoint(c);
              }
            });
    return slug.toString();
  }

  private static boolean isMarkdown(Path file) {
    return file.getFileName() != null
        && file.getFileName().toString().endsWith(".md")
        && Files.isRegularFile(file);
  }

  /** The repository's root: the first folder up from the module's that holds .mvn and README.md. */
  private static Path repositoryRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null) {
      if (Files.isDirectory(dir.resolve(".mvn")) && Files.isRegularFile(dir.resolve("README.md"))) {
        return dir;
      }
      dir = dir.getParent();
    }
    throw new IllegalStateException(
        "no folder above " + Path.of("").toAbsolutePath() + " holds .mvn and README.md");
  }
}
