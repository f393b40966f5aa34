package io.taskbeam.internal.beam;

import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;

/** Sends each value an earlier stage computed to the chunks of a later stage that read it. */
final class RouteFn extends DoFn<KV<String, Object>, KV<Integer, StagePart>> {
  private static final long serialVersionUID = 1L;
  private final Map<String, List<Integer>> routes;

  RouteFn(Map<String, List<Integer>> routes) {
    this.routes = routes;
  }

  @ProcessElement
  public void process(@Element KV<String, Object> kv, OutputReceiver<KV<Integer, StagePart>> out) {
    List<Integer> chunks = routes.get(kv.getKey());
    if (chunks != null) {
      for (Integer chunk : chunks) {
        out.output(KV.of(chunk, StagePart.value(kv.getKey(), kv.getValue())));
      }
    }
  }
}
