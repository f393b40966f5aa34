package io.taskbeam.flink.spi;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;

/**
 * A driver's client credentials for a Flink cluster whose REST endpoint requires TLS with client
 * certificates ({@code flink/bin/cluster start --tls} writes them to {@code flink/run/tls/client};
 * a program names that directory with {@code --flinkTls=DIR}). The directory holds a key store with
 * the client certificate, a trust store with the cluster's CA, and {@value #PROPERTIES} naming both
 * with their passwords.
 *
 * <p>The same credentials serve the bounded REST probe ({@link #sslContext()}, Java's HTTP client)
 * and Flink's own REST client, which reads {@link #flinkSettings()} from the generated config of
 * the session. Passwords never appear in messages.
 */
public final class FlinkTls {
  public static final String PROPERTIES = "tls.properties";
  public static final String KEYSTORE = "keystore";
  public static final String KEYSTORE_PASSWORD = "keystore-password";
  public static final String TRUSTSTORE = "truststore";
  public static final String TRUSTSTORE_PASSWORD = "truststore-password";

  /**
   * TLS 1.2 with ECDHE key exchange and AES-GCM only; Flink 1.19's default is an RSA key exchange
   * suite.
   */
  public static final String PROTOCOL = "TLSv1.2";

  public static final List<String> CIPHER_SUITES =
      List.of("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384");

  private final Path keystore;
  private final String keystorePassword;
  private final Path truststore;
  private final String truststorePassword;

  private FlinkTls(
      Path keystore, String keystorePassword, Path truststore, String truststorePassword) {
    this.keystore = keystore;
    this.keystorePassword = keystorePassword;
    this.truststore = truststore;
    this.truststorePassword = truststorePassword;
  }

  /**
   * Reads the credentials in {@code dir}.
   *
   * @throws IllegalArgumentException one line naming what is missing and where they come from
   */
  public static FlinkTls load(Path dir) {
    Path file = dir.resolve(PROPERTIES);
    String fix =
        "; give the client directory of a cluster started with flink/bin/cluster start --tls "
            + "(flink/run/tls/client)";
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(
          "--flinkTls=" + dir + ": no " + PROPERTIES + " there" + fix);
    }
    Properties p = new Properties();
    try (InputStream in = Files.newInputStream(file)) {
      p.load(in);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "--flinkTls=" + dir + ": cannot read " + file + " (" + e.getMessage() + ")" + fix, e);
    }
    for (String key : List.of(KEYSTORE, KEYSTORE_PASSWORD, TRUSTSTORE, TRUSTSTORE_PASSWORD)) {
      if (p.getProperty(key) == null) {
        throw new IllegalArgumentException(
            "--flinkTls=" + dir + ": " + file + " lacks " + key + fix);
      }
    }
    Path keystore = dir.resolve(p.getProperty(KEYSTORE)).toAbsolutePath().normalize();
    Path truststore = dir.resolve(p.getProperty(TRUSTSTORE)).toAbsolutePath().normalize();
    for (Path store : List.of(keystore, truststore)) {
      if (!Files.isReadable(store)) {
        throw new IllegalArgumentException(
            "--flinkTls=" + dir + ": " + store + " is missing or unreadable" + fix);
      }
    }
    return new FlinkTls(
        keystore, p.getProperty(KEYSTORE_PASSWORD), truststore, p.getProperty(TRUSTSTORE_PASSWORD));
  }

  /** Settings for Flink's REST client: TLS with this client certificate. */
  public Map<String, String> flinkSettings() {
    Map<String, String> s = new LinkedHashMap<>();
    s.put("security.ssl.rest.enabled", "true");
    s.put("security.ssl.rest.authentication-enabled", "true");
    s.put("security.ssl.rest.keystore", keystore.toString());
    s.put("security.ssl.rest.keystore-password", keystorePassword);
    s.put("security.ssl.rest.key-password", keystorePassword);
    s.put("security.ssl.rest.truststore", truststore.toString());
    s.put("security.ssl.rest.truststore-password", truststorePassword);
    s.put("security.ssl.protocol", PROTOCOL);
    s.put("security.ssl.algorithms", String.join(",", CIPHER_SUITES));
    return s;
  }

  /** An SSL context presenting the client certificate and trusting only the cluster's CA. */
  public SSLContext sslContext() {
    try {
      KeyManagerFactory kmf =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(read(keystore, keystorePassword), keystorePassword.toCharArray());
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(read(truststore, truststorePassword));
      SSLContext context = SSLContext.getInstance(PROTOCOL);
      context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalArgumentException(
          "cannot use the TLS client credentials "
              + keystore
              + " / "
              + truststore
              + ": "
              + e.getMessage(),
          e);
    }
  }

  /** Protocol and cipher suites for a client connection. */
  public static SSLParameters sslParameters() {
    SSLParameters parameters =
        new SSLParameters(CIPHER_SUITES.toArray(String[]::new), new String[] {PROTOCOL});
    parameters.setEndpointIdentificationAlgorithm("HTTPS");
    return parameters;
  }

  private static KeyStore read(Path store, String password)
      throws GeneralSecurityException, IOException {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      ks.load(in, password.toCharArray());
    }
    return ks;
  }
}
