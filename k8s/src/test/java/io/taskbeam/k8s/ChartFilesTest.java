package io.taskbeam.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The chart's copies of the project's files stay identical, and every value is explained. */
class ChartFilesTest {
  /** Helm reads only files inside the chart, so these are copies; they must not drift. */
  @Test
  void copiesMatchTheirSources() throws IOException {
    for (String[] pair :
        new String[][] {
          {"flink/conf/config.yaml", "k8s/taskbeam/files/flink-config.yaml"},
          {"flink/conf/log4j-console.properties", "k8s/taskbeam/files/log4j-console.properties"},
          {"flink/monitoring/grafana-dashboard.json", "k8s/taskbeam/files/grafana-dashboard.json"}
        }) {
      assertEquals(
          Files.readString(Repo.ROOT.resolve(pair[0])),
          Files.readString(Repo.ROOT.resolve(pair[1])),
          pair[1]
              + " differs from "
              + pair[0]
              + ": copy it again (cp "
              + pair[0]
              + " "
              + pair[1]
              + ")");
    }
  }

  /** Every key of values.yaml has a comment line right above it. */
  @Test
  void everyValueHasAComment() throws IOException {
    List<String> lines = Files.readAllLines(Repo.CHART.resolve("values.yaml"));
    List<String> uncommented = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.matches("\\s*[A-Za-z][A-Za-z0-9]*:.*")) {
        String above = i > 0 ? lines.get(i - 1).strip() : "";
        if (!above.startsWith("#")) {
          uncommented.add((i + 1) + ": " + line.strip());
        }
      }
    }
    assertTrue(uncommented.isEmpty(), "values.yaml keys without a comment: " + uncommented);
  }

  @Test
  void launcherScriptIsExecutable() {
    Path script = Repo.ROOT.resolve("k8s/image/bin/taskbeam-pod");
    assertTrue(
        Files.isExecutable(script), script + " must be executable (git keeps the mode; COPY too)");
  }
}
