package io.taskbeam.internal.checkpoint;

import java.util.List;

/**
 * The first record of a journal: which program wrote it, with which identity rules, and the session
 * directories its results lie in with the keys their files are sealed with (the journal is the one
 * file outside a JVM that holds them: it is owner-only, 0600).
 *
 * @param format the identity rules' version ({@link Journal#FORMAT}): other rules, other identities
 * @param program the program's name (its {@code --appName})
 * @param sessions session directories and their seal keys
 * @param resumedFrom the run directory this run resumed, or "" for a fresh run
 */
public record JournalHeader(
    int format, String program, List<Session> sessions, String resumedFrom) {
  /**
   * A session directory holding journaled results and the key its files are sealed with.
   *
   * @param dir the session directory
   * @param key its HMAC key
   */
  public record Session(String dir, byte[] key) {
    @Override
    public String toString() {
      return "Session[" + dir + "]"; // never the key
    }
  }
}
