package io.taskbeam.internal.data;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A session's directory and its secret: a random 256-bit key made by the driver and carried to the
 * workers inside the job (never in a file), with which every work-directory file is sealed
 * (HMAC-SHA256 of its name and content, see {@link WorkDir}). Each JVM registers the seals of the
 * sessions it serves; a file is read or written only if its path lies inside a registered session
 * directory, and read only if its seal verifies.
 *
 * @param dir the session directory, absolute and normalized
 * @param key the HMAC key
 */
public record SessionSeal(String dir, byte[] key) implements Serializable {
  private static final String ALGORITHM = "HmacSHA256";
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Map<String, SessionSeal> REGISTERED = new ConcurrentHashMap<>();

  /** A new seal for {@code dir}, registered in this JVM. */
  public static SessionSeal create(Path dir) {
    byte[] key = new byte[32];
    RANDOM.nextBytes(key);
    SessionSeal seal = new SessionSeal(dir.toAbsolutePath().normalize().toString(), key);
    seal.register();
    return seal;
  }

  /** Makes this session's files readable in this JVM (a worker, when a chunk arrives). */
  public void register() {
    REGISTERED.putIfAbsent(dir, this);
  }

  /** Forgets the session: its directory is gone. */
  public void forget() {
    REGISTERED.remove(dir, this);
  }

  /** The registered seal of {@code dir}, or null. */
  public static SessionSeal of(Path dir) {
    return REGISTERED.get(dir.toAbsolutePath().normalize().toString());
  }

  /**
   * The seal of the session whose directory holds {@code file}.
   *
   * @throws IllegalStateException one line when the path is outside every session directory
   */
  static SessionSeal forFile(Path file) {
    Path normal = file.toAbsolutePath().normalize();
    for (Path dir = normal.getParent(); dir != null; dir = dir.getParent()) {
      SessionSeal seal = REGISTERED.get(dir.toString());
      if (seal != null) {
        return seal;
      }
    }
    throw new IllegalStateException(
        "refused work file "
            + file
            + ": it lies outside every session directory of this JVM"
            + " (a path in a chunk spec or bundle may not leave its session)");
  }

  /** A MAC keyed with this session's key, already fed {@code file}'s name. */
  Mac mac(Path file) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(new SecretKeySpec(key, ALGORITHM));
      mac.update(file.getFileName().toString().getBytes(StandardCharsets.UTF_8));
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JVM has no " + ALGORITHM, e);
    }
  }

  @Override
  public String toString() {
    return "SessionSeal[" + dir + "]"; // never the key
  }
}
