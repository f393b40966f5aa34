package io.taskbeam.internal.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A fresh temporary directory registered as a session ({@link SessionSeal#create}) for each test
 * and forgotten and deleted after it: for tests that write and read work-directory files without a
 * TaskBeam session. {@code @RegisterExtension final SealedSessionDir work = new
 * SealedSessionDir();}, then {@code work.dir()}.
 */
public final class SealedSessionDir implements BeforeEachCallback, AfterEachCallback {
  private Path dir;
  private SessionSeal seal;

  @Override
  public void beforeEach(ExtensionContext context) throws IOException {
    dir = Files.createTempDirectory("taskbeam-sealed-");
    seal = SessionSeal.create(dir);
  }

  /** Runs after the test's own {@code @AfterEach} methods, which may still use the directory. */
  @Override
  public void afterEach(ExtensionContext context) {
    seal.forget();
    WorkDir.deleteTree(dir);
  }

  public Path dir() {
    return dir;
  }
}
