package io.taskbeam.bench.scaling;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.is;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A hand-written trace in the SDK's format, with known windows, task time and bytes. */
class TraceCostsTest {
  @Test
  void windowsTasksAndBytesComeFromTheWorkersEvents() {
    List<String> trace =
        List.of(
            "{\"displayTimeUnit\":\"ms\",",
            "\"traceEvents\":[",
            "{\"ph\":\"M\",\"name\":\"process_name\",\"pid\":1,\"tid\":0,\"args\":{\"name\":\"tm\"}},",
            "{\"ph\":\"B\",\"name\":\"sync 1\",\"cat\":\"sync\",\"pid\":0,\"tid\":1,\"ts\":0,"
                + "\"args\":{\"tasks\":3}},",
            "{\"ph\":\"B\",\"name\":\"run\",\"cat\":\"sync\",\"pid\":0,\"tid\":1,\"ts\":100},",
            // sync 1: chunks on two workers, 1000..5000 us
            "{\"ph\":\"B\",\"name\":\"chunk 0 of f\",\"cat\":\"chunk\",\"pid\":1,\"tid\":1,"
                + "\"ts\":1000,\"args\":{\"sync\":1,\"stage\":0,\"chunk\":0,\"bytesRead\":300,"
                + "\"bytesWritten\":20,\"complete\":true}},",
            "{\"ph\":\"B\",\"name\":\"f#1\",\"cat\":\"f\",\"pid\":1,\"tid\":1,\"ts\":1500,"
                + "\"args\":{\"function\":\"f\",\"sync\":1,\"chunk\":0}},",
            "{\"ph\":\"E\",\"name\":\"f#1\",\"cat\":\"f\",\"pid\":1,\"tid\":1,\"ts\":2500},",
            "{\"ph\":\"E\",\"name\":\"chunk 0 of f\",\"cat\":\"chunk\",\"pid\":1,\"tid\":1,"
                + "\"ts\":3000},",
            "{\"ph\":\"B\",\"name\":\"chunk 1 of f\",\"cat\":\"chunk\",\"pid\":2,\"tid\":1,"
                + "\"ts\":2000,\"args\":{\"sync\":1,\"stage\":0,\"chunk\":1,\"bytesRead\":100,"
                + "\"bytesWritten\":0,\"complete\":true}},",
            "{\"ph\":\"B\",\"name\":\"f#2\",\"cat\":\"f\",\"pid\":2,\"tid\":1,\"ts\":2100,"
                + "\"args\":{\"function\":\"f\",\"sync\":1,\"chunk\":1}},",
            "{\"ph\":\"E\",\"name\":\"f#2\",\"cat\":\"f\",\"pid\":2,\"tid\":1,\"ts\":4100},",
            "{\"ph\":\"E\",\"name\":\"chunk 1 of f\",\"cat\":\"chunk\",\"pid\":2,\"tid\":1,"
                + "\"ts\":5000},",
            // sync 2: one chunk, 10000..10500 us
            "{\"ph\":\"B\",\"name\":\"chunk 0 of g\",\"cat\":\"chunk\",\"pid\":1,\"tid\":2,"
                + "\"ts\":10000,\"args\":{\"sync\":2,\"stage\":0,\"chunk\":0,\"bytesRead\":5,"
                + "\"bytesWritten\":5,\"complete\":true}},",
            "{\"ph\":\"E\",\"name\":\"chunk 0 of g\",\"cat\":\"chunk\",\"pid\":1,\"tid\":2,"
                + "\"ts\":10500},",
            "{\"ph\":\"E\",\"name\":\"run\",\"cat\":\"sync\",\"pid\":0,\"tid\":1,\"ts\":11000}",
            "]}");
    TraceCosts t = TraceCosts.parse(trace);
    assertThat(t.windowSeconds(), closeTo(0.0045, 1e-12));
    assertThat(t.taskSeconds(), closeTo(0.003, 1e-12));
    assertThat(t.workerBytes(), is(430.0));
    assertThat(t.chunks(), is(3));
    assertThat(t.workers(), is(2));
  }
}
