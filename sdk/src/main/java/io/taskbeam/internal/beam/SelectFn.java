package io.taskbeam.internal.beam;

import java.util.Set;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;

/** Keeps the values a later stage reads as side input. */
final class SelectFn extends DoFn<KV<String, Object>, KV<String, Object>> {
  private static final long serialVersionUID = 1L;
  private final Set<String> keys;

  SelectFn(Set<String> keys) {
    this.keys = keys;
  }

  @ProcessElement
  public void process(@Element KV<String, Object> kv, OutputReceiver<KV<String, Object>> out) {
    if (keys.contains(kv.getKey())) {
      out.output(kv);
    }
  }
}
