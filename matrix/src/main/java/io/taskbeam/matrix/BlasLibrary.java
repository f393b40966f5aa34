package io.taskbeam.matrix;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.blas.JavaBLAS;
import dev.ludovic.netlib.blas.NativeBLAS;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Finding and loading the system's native BLAS for {@link Gemm}, and setting its thread count.
 *
 * <p>netlib's JNI glue opens {@code libblas.so} by default, which Debian ships only with the {@code
 * -dev} packages; the runtime package ({@code libopenblas0-pthread}) installs {@code libblas.so.3}.
 * So unless {@code -Ddev.ludovic.netlib.blas.nativeLib[Path]} is given, the first {@code
 * libblas.so.3} found in the usual library folders is named to it.
 *
 * <p>Threads: OpenBLAS reads {@code OPENBLAS_NUM_THREADS} once, when the library is loaded, so an
 * environment variable works only if it is set before the JVM starts. {@code
 * openblas_set_num_threads} changes it at any time; the JNI glue does not expose it, so it is
 * called through JNA on the same (already loaded) library. taskbeam runs one task per worker
 * thread, so by default every dgemm uses one thread: {@code -Dtaskbeam.blasThreads=N} (or {@code
 * OPENBLAS_NUM_THREADS} in the environment) chooses otherwise.
 */
final class BlasLibrary {
  /** System property that names the BLAS threads per call. */
  static final String THREADS_PROPERTY = "taskbeam.blasThreads";

  /** System property: {@code java} forces the pure-Java kernel even when native BLAS loads. */
  static final String KERNEL_PROPERTY = "taskbeam.kernel";

  private static final String LIB_PATH_PROPERTY = "dev.ludovic.netlib.blas.nativeLibPath";
  private static final String LIB_NAME_PROPERTY = "dev.ludovic.netlib.blas.nativeLib";
  private static final List<String> FOLDERS =
      List.of("/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib64", "/usr/lib");

  /** Held so that the level set on it is not lost when the logger is collected. */
  private static final Logger NETLIB_LOG = Logger.getLogger("dev.ludovic.netlib.blas");

  private BlasLibrary() {}

  /**
   * The kernel to use: native when it loads and is wanted, else netlib's pure-Java BLAS (with
   * {@code whyNot} saying why). {@code library} is the native file, null for the Java kernel.
   */
  record Loaded(BLAS blas, boolean isNative, Path library, String whyNot) {}

  static Loaded load() {
    Level level = NETLIB_LOG.getLevel();
    // netlib logs its own warnings when it first loads; our kernel name says more.
    NETLIB_LOG.setLevel(Level.OFF);
    try {
      if ("java".equalsIgnoreCase(System.getProperty(KERNEL_PROPERTY, ""))) {
        return java("-D" + KERNEL_PROPERTY + "=java");
      }
      Path library = null;
      if (System.getProperty(LIB_PATH_PROPERTY) == null
          && System.getProperty(LIB_NAME_PROPERTY) == null) {
        library = systemLibrary();
        if (library == null) {
          return java("no libblas.so.3 in " + String.join(", ", FOLDERS));
        }
        System.setProperty(LIB_PATH_PROPERTY, library.toString());
      } else if (System.getProperty(LIB_PATH_PROPERTY) != null) {
        library = Path.of(System.getProperty(LIB_PATH_PROPERTY));
      }
      try {
        return new Loaded(NativeBLAS.getInstance(), true, library, null);
      } catch (RuntimeException | LinkageError e) {
        return java(
            library
                + " did not load ("
                + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
                + ")");
      }
    } finally {
      NETLIB_LOG.setLevel(level);
    }
  }

  private static Loaded java(String whyNot) {
    return new Loaded(JavaBLAS.getInstance(), false, null, whyNot);
  }

  /** The first {@code libblas.so.3} in the usual folders, or null. */
  static Path systemLibrary() {
    for (String folder : FOLDERS) {
      Path candidate = Path.of(folder, "libblas.so.3");
      if (Files.isReadable(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  /** What the library is, from the file the symlinks end at: "openblas" or "blas (FILE)". */
  static String vendor(Path library) {
    if (library == null) {
      return "native blas";
    }
    try {
      Path real = library.toRealPath();
      return real.toString().toLowerCase(Locale.ROOT).contains("openblas")
          ? "openblas"
          : "native blas (" + real + ")";
    } catch (java.io.IOException e) {
      return "native blas (" + library + ")";
    }
  }

  /**
   * Threads wanted per dgemm call: the property, else the environment, else 1. A value that is not
   * a positive number is reported on stderr once and replaced by 1.
   */
  static int wantedThreads() {
    String value = System.getProperty(THREADS_PROPERTY);
    String source = "-D" + THREADS_PROPERTY;
    if (value == null) {
      value = System.getenv("OPENBLAS_NUM_THREADS");
      source = "OPENBLAS_NUM_THREADS";
    }
    if (value == null || value.isBlank()) {
      return 1;
    }
    try {
      int n = Integer.parseInt(value.trim());
      if (n >= 1) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    System.err.println(
        "taskbeam: warning: "
            + source
            + " must be a positive number of threads; "
            + "got '"
            + value
            + "': using 1");
    return 1;
  }

  /**
   * Calls {@code openblas_set_num_threads(n)} in the loaded library; returns false when it is not
   * OpenBLAS or JNA cannot reach it.
   */
  static boolean setThreads(Path library, int n) {
    Function set = function(library, "openblas_set_num_threads");
    if (set == null) {
      return false;
    }
    set.invokeVoid(new Object[] {n});
    return true;
  }

  /** {@code openblas_get_num_threads()}, or -1 when unknown. */
  static int threads(Path library) {
    Function get = function(library, "openblas_get_num_threads");
    return get == null ? -1 : get.invokeInt(new Object[0]);
  }

  /** {@code openblas_get_config()} (version, build and core type), or null when unknown. */
  static String config(Path library) {
    Function get = function(library, "openblas_get_config");
    return get == null ? null : get.invokeString(new Object[0], false);
  }

  private static Function function(Path library, String name) {
    if (library == null) {
      return null;
    }
    try {
      return NativeLibrary.getInstance(library.toString()).getFunction(name);
    } catch (UnsatisfiedLinkError | RuntimeException e) {
      return null;
    }
  }
}
