package io.taskbeam.internal.checkpoint;

import java.util.List;

/**
 * What the journal says about one finished task: its identity and, for each result it kept, where
 * the value lies (an entry of a sealed bundle file in a session directory).
 *
 * @param task the task's identity
 * @param outputs its kept results
 */
public record JournalRecord(byte[] task, List<Output> outputs) {
  /**
   * One kept result of a task.
   *
   * @param identity the version's identity
   * @param path the bundle file holding it
   * @param key the entry's key in that bundle
   */
  public record Output(byte[] identity, String path, String key) {}
}
