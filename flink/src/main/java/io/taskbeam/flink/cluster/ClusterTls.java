package io.taskbeam.flink.cluster;

import io.taskbeam.flink.spi.FlinkTls;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/**
 * The TLS material of one cluster started with {@code --tls}, generated with the JDK's {@code
 * keytool} into {@code <run dir>/tls} (mode 0700, every file 0600):
 *
 * <pre>
 * internal.p12         key + self-signed certificate of the cluster's processes (RPC, data, blob)
 * internal-trust.p12   that certificate alone: internal TLS trusts nothing else, so a process
 *                      with any other certificate (even one from the same CA) is refused
 * rest.p12             the REST endpoint's key, certificate signed by the cluster's CA
 * ca-trust.p12         the CA certificate: the REST endpoint accepts clients it signed
 * client/              what a driver needs ({@code --flinkTls=DIR}, see {@link FlinkTls}):
 *   client.p12         a client key and certificate signed by the CA
 *   truststore.p12     the CA certificate, to verify the REST endpoint
 *   tls.properties     file names and passwords of the two stores
 * </pre>
 *
 * <p>The CA's private key is deleted once the three certificates are signed: nobody, not even the
 * cluster's owner, can mint another client certificate for this cluster; a new {@code start --tls}
 * makes new material. Passwords are random (24 bytes), passed to keytool through its environment
 * (never on a command line, which {@code ps} shows to every user), and written only into files of
 * mode 0600: the generated Flink config and {@code client/tls.properties}. Flink masks keys
 * containing "password" in its logs and in {@code /jobmanager/config}.
 */
final class ClusterTls {
  static final String DIR = "tls";
  static final String CLIENT_DIR = "client";

  /** Every certificate names the loopback address; {@link #generate(Path, List)} adds more. */
  private static final String LOOPBACK_SAN = "san=ip:127.0.0.1,dns:localhost";

  private static final String EKU = "eku=serverAuth,clientAuth";
  private static final int VALIDITY_DAYS = 825;
  private static final long KEYTOOL_TIMEOUT_S = 60;

  private final Path dir;
  private final Map<String, String> passwords;
  private final String san;

  private ClusterTls(Path dir, Map<String, String> passwords, String san) {
    this.dir = dir;
    this.passwords = passwords;
    this.san = san;
  }

  /** Creates fresh material in {@code dir} (deleting what was there); about 3-6 s of keytool. */
  static ClusterTls generate(Path dir) throws IOException {
    return generate(dir, List.of());
  }

  /**
   * Same as {@link #generate(Path)}, with certificates that also name {@code hosts} (addresses or
   * host names, e.g. the nodes of a SLURM allocation), so a driver verifying the REST endpoint's
   * name accepts it on a non-loopback address.
   */
  static ClusterTls generate(Path dir, List<String> hosts) throws IOException {
    ClusterDirectory.deleteRecursively(dir);
    createPrivateDirectory(dir);
    createPrivateDirectory(dir.resolve(CLIENT_DIR));
    Map<String, String> pw = new LinkedHashMap<>();
    for (String store :
        List.of("ca", "internal", "internal-trust", "rest", "ca-trust", "client", "truststore")) {
      pw.put(store, randomPassword());
    }
    ClusterTls tls = new ClusterTls(dir, pw, subjectAlternativeNames(hosts));
    tls.keytool(
        "ca",
        "-genkeypair",
        "-alias",
        "ca",
        "-keyalg",
        "RSA",
        "-keysize",
        "2048",
        "-dname",
        "CN=taskbeam cluster CA",
        "-ext",
        "bc:c",
        "-validity",
        days(),
        "-keystore",
        "ca.p12",
        "-storetype",
        "PKCS12",
        "-storepass:env",
        "STOREPASS");
    tls.keytool(
        "ca",
        "-exportcert",
        "-rfc",
        "-alias",
        "ca",
        "-keystore",
        "ca.p12",
        "-storepass:env",
        "STOREPASS",
        "-file",
        "ca.pem");
    // Independent chains: run side by side (each keytool is a JVM start, ~0.5-1 s).
    await(
        List.of(
            CompletableFuture.runAsync(tls::internalStores),
            CompletableFuture.runAsync(
                () -> tls.signedStore("rest", "rest.p12", "CN=taskbeam REST")),
            CompletableFuture.runAsync(
                () -> tls.signedStore("client", CLIENT_DIR + "/client.p12", "CN=taskbeam client")),
            CompletableFuture.runAsync(
                () -> {
                  tls.importTrusted("ca-trust", "ca-trust.p12");
                  tls.importTrusted("truststore", CLIENT_DIR + "/truststore.p12");
                })));
    for (String leftover :
        List.of(
            "ca.p12",
            "ca.pem",
            "internal.pem",
            "rest.csr",
            "rest.pem",
            "client.csr",
            "client.pem")) {
      Files.deleteIfExists(dir.resolve(leftover));
    }
    tls.writeClientProperties();
    try (var files = Files.walk(dir)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
      }
    }
    return tls;
  }

  Path dir() {
    return dir;
  }

  /** The directory a driver passes as {@code --flinkTls}. */
  Path clientDir() {
    return dir.resolve(CLIENT_DIR);
  }

  /**
   * The Flink settings of the cluster: internal TLS (mutual by design) and REST TLS with client
   * authentication, both restricted to ECDHE key exchange with AES-GCM.
   */
  Map<String, String> flinkConfig() {
    Map<String, String> c = new LinkedHashMap<>();
    c.put("security.ssl.internal.enabled", "true");
    c.put("security.ssl.internal.keystore", dir.resolve("internal.p12").toString());
    c.put("security.ssl.internal.keystore-password", passwords.get("internal"));
    c.put("security.ssl.internal.key-password", passwords.get("internal"));
    c.put("security.ssl.internal.truststore", dir.resolve("internal-trust.p12").toString());
    c.put("security.ssl.internal.truststore-password", passwords.get("internal-trust"));
    c.put("security.ssl.rest.enabled", "true");
    c.put("security.ssl.rest.authentication-enabled", "true");
    c.put("security.ssl.rest.keystore", dir.resolve("rest.p12").toString());
    c.put("security.ssl.rest.keystore-password", passwords.get("rest"));
    c.put("security.ssl.rest.key-password", passwords.get("rest"));
    c.put("security.ssl.rest.truststore", dir.resolve("ca-trust.p12").toString());
    c.put("security.ssl.rest.truststore-password", passwords.get("ca-trust"));
    c.put("security.ssl.protocol", FlinkTls.PROTOCOL);
    c.put("security.ssl.algorithms", String.join(",", FlinkTls.CIPHER_SUITES));
    return c;
  }

  /** Every password, for tests that check none of them leaks into logs or REST answers. */
  List<String> passwords() {
    return List.copyOf(passwords.values());
  }

  private void internalStores() {
    keytool(
        "internal",
        "-genkeypair",
        "-alias",
        "internal",
        "-keyalg",
        "RSA",
        "-keysize",
        "2048",
        "-dname",
        "CN=taskbeam cluster internal",
        "-ext",
        san,
        "-ext",
        EKU,
        "-validity",
        days(),
        "-keystore",
        "internal.p12",
        "-storetype",
        "PKCS12",
        "-storepass:env",
        "STOREPASS");
    keytool(
        "internal",
        "-exportcert",
        "-rfc",
        "-alias",
        "internal",
        "-keystore",
        "internal.p12",
        "-storepass:env",
        "STOREPASS",
        "-file",
        "internal.pem");
    keytool(
        "internal-trust",
        "-importcert",
        "-noprompt",
        "-alias",
        "internal",
        "-file",
        "internal.pem",
        "-keystore",
        "internal-trust.p12",
        "-storetype",
        "PKCS12",
        "-storepass:env",
        "STOREPASS");
  }

  /** A key whose certificate the CA signs; the store holds the chain (leaf, CA). */
  private void signedStore(String name, String store, String dname) {
    keytool(
        name,
        "-genkeypair",
        "-alias",
        name,
        "-keyalg",
        "RSA",
        "-keysize",
        "2048",
        "-dname",
        dname,
        "-ext",
        san,
        "-ext",
        EKU,
        "-validity",
        days(),
        "-keystore",
        store,
        "-storetype",
        "PKCS12",
        "-storepass:env",
        "STOREPASS");
    keytool(
        name,
        "-certreq",
        "-alias",
        name,
        "-keystore",
        store,
        "-storepass:env",
        "STOREPASS",
        "-file",
        name + ".csr");
    keytool(
        "ca",
        "-gencert",
        "-rfc",
        "-alias",
        "ca",
        "-keystore",
        "ca.p12",
        "-storepass:env",
        "STOREPASS",
        "-infile",
        name + ".csr",
        "-outfile",
        name + ".pem",
        "-ext",
        san,
        "-ext",
        EKU,
        "-validity",
        days());
    try {
      // keytool takes a reply holding the whole chain: the signed certificate, then the CA's.
      Files.writeString(
          dir.resolve(name + ".pem"),
          Files.readString(dir.resolve("ca.pem")),
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new ClusterException(
          "cannot prepare the certificate chain of " + name + ": " + e.getMessage(), e);
    }
    keytool(
        name,
        "-importcert",
        "-noprompt",
        "-trustcacerts",
        "-alias",
        name,
        "-file",
        name + ".pem",
        "-keystore",
        store,
        "-storepass:env",
        "STOREPASS");
  }

  private void importTrusted(String password, String store) {
    keytool(
        password,
        "-importcert",
        "-noprompt",
        "-alias",
        "ca",
        "-file",
        "ca.pem",
        "-keystore",
        store,
        "-storetype",
        "PKCS12",
        "-storepass:env",
        "STOREPASS");
  }

  private void writeClientProperties() throws IOException {
    Properties p = new Properties();
    p.setProperty(FlinkTls.KEYSTORE, "client.p12");
    p.setProperty(FlinkTls.KEYSTORE_PASSWORD, passwords.get("client"));
    p.setProperty(FlinkTls.TRUSTSTORE, "truststore.p12");
    p.setProperty(FlinkTls.TRUSTSTORE_PASSWORD, passwords.get("truststore"));
    Path file = clientDir().resolve(FlinkTls.PROPERTIES);
    try (OutputStream out = Files.newOutputStream(file)) {
      p.store(
          out,
          "client credentials of one taskbeam Flink cluster (flink/bin/cluster start --tls); keep private");
    }
  }

  /** Runs keytool in {@link #dir} with the password of {@code store} in its environment only. */
  private void keytool(String store, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(args));
    ProcessBuilder pb =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
    pb.environment().put("STOREPASS", passwords.get(store));
    try {
      Process p = pb.start();
      byte[] output = p.getInputStream().readAllBytes();
      if (!p.waitFor(KEYTOOL_TIMEOUT_S, TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroyForcibly();
        throw new ClusterException(
            "keytool "
                + args[0]
                + " failed while making the cluster's TLS material in "
                + dir
                + ": "
                + new String(output, StandardCharsets.UTF_8).strip().replace('\n', ' '));
      }
    } catch (IOException e) {
      throw new ClusterException(
          "cannot run keytool (" + command.get(0) + "): " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ClusterException("interrupted while making TLS material", e);
    }
  }

  static void createPrivateDirectory(Path dir) throws IOException {
    Files.createDirectories(dir);
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
  }

  private static void await(List<CompletableFuture<Void>> steps) {
    try {
      CompletableFuture.allOf(steps.toArray(CompletableFuture[]::new)).join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw e;
    }
  }

  /**
   * keytool's {@code -ext san=...} value: loopback plus each host as {@code ip:} or {@code dns:}.
   */
  static String subjectAlternativeNames(List<String> hosts) {
    StringBuilder san = new StringBuilder(LOOPBACK_SAN);
    for (String host : hosts) {
      if (host.isBlank() || host.equals("127.0.0.1") || host.equals("localhost")) {
        continue;
      }
      if (!host.matches("[A-Za-z0-9.:-]+")) {
        throw new IllegalArgumentException(
            "TLS host name '" + host + "' has characters a certificate name cannot hold");
      }
      boolean address = host.matches("[0-9.]+") || host.contains(":");
      san.append(address ? ",ip:" : ",dns:").append(host);
    }
    return san.toString();
  }

  private static String randomPassword() {
    byte[] bytes = new byte[24];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static String days() {
    return Integer.toString(VALIDITY_DAYS);
  }
}
