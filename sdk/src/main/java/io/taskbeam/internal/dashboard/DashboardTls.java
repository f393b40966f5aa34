package io.taskbeam.internal.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Properties;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * The dashboard's HTTPS credentials, from {@code --dashboardTls=DIR}: a directory whose {@value
 * #PROPERTIES} names a PKCS12 key store ({@code keystore}, relative to the directory) and its
 * password ({@code keystore-password}). The client directory {@code flink/bin/cluster start --tls}
 * writes ({@code flink/run/tls/client}, the one a program gives as {@code --flinkTls}) is such a
 * directory: its certificate is signed by the cluster's CA, names the cluster's hosts and may serve
 * as a server's, so a browser that trusts that CA trusts the page. The password never appears in a
 * message.
 */
public final class DashboardTls {
  public static final String PROPERTIES = "tls.properties";

  private DashboardTls() {}

  /**
   * The server context of the key store {@code dir} names.
   *
   * @throws IllegalArgumentException one line naming what is missing or unreadable
   */
  public static SSLContext serverContext(Path dir) {
    String where = "--dashboardTls=" + dir + ": ";
    String fix =
        "; give a directory whose "
            + PROPERTIES
            + " names a PKCS12 keystore and its keystore-password, such as the client directory"
            + " of a cluster started with flink/bin/cluster start --tls (flink/run/tls/client)";
    Path file = dir.resolve(PROPERTIES);
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(where + "no " + PROPERTIES + " there" + fix);
    }
    Properties p = new Properties();
    try (InputStream in = Files.newInputStream(file)) {
      p.load(in);
    } catch (IOException e) {
      throw new IllegalArgumentException(where + "cannot read " + file + fix, e);
    }
    String store = p.getProperty("keystore");
    String password = p.getProperty("keystore-password");
    if (store == null || password == null) {
      throw new IllegalArgumentException(
          where + file + " lacks keystore or keystore-password" + fix);
    }
    Path storeFile = dir.resolve(store);
    try (InputStream in = Files.newInputStream(storeFile)) {
      KeyStore keys = KeyStore.getInstance("PKCS12");
      keys.load(in, password.toCharArray());
      KeyManagerFactory kmf =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(keys, password.toCharArray());
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(kmf.getKeyManagers(), null, null);
      return context;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException(
          where
              + "cannot load the key store "
              + storeFile
              + " ("
              + e.getClass().getSimpleName()
              + ")"
              + fix,
          e);
    }
  }
}
