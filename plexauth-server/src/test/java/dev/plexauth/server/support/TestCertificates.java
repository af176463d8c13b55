package dev.plexauth.server.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A self-signed certificate for 127.0.0.1 and localhost, made by the JDK's keytool in a test's
 * directory and written as the PEM files {@code plexauth serve --tls-cert/--tls-key} reads, with an
 * {@link SSLContext} that trusts it.
 *
 * <pre>{@code
 * TestCertificates certs = TestCertificates.create(dir, "EC");
 * builder.tls(certs.certificate(), certs.key());
 * HttpClient client = HttpClient.newBuilder().sslContext(certs.trusting()).build();
 * }</pre>
 *
 * @param certificate the PEM certificate file
 * @param key the PEM PKCS#8 key file
 * @param x509 the certificate
 */
public record TestCertificates(Path certificate, Path key, X509Certificate x509) {

  private static final String PASSWORD = "test-store";

  /**
   * Generates a key pair and a self-signed certificate valid for two days.
   *
   * @param dir where the files go
   * @param algorithm {@code RSA} or {@code EC}
   * @return the files
   */
  public static TestCertificates create(Path dir, String algorithm) {
    Path store = dir.resolve(algorithm.toLowerCase() + "-store.p12");
    String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    List<String> command =
        List.of(
            keytool,
            "-genkeypair",
            "-alias",
            "plexauth",
            "-keyalg",
            algorithm,
            algorithm.equals("EC") ? "-groupname" : "-keysize",
            algorithm.equals("EC") ? "secp256r1" : "2048",
            "-dname",
            "CN=localhost",
            "-ext",
            "SAN=ip:127.0.0.1,dns:localhost",
            "-validity",
            "2",
            "-storetype",
            "PKCS12",
            "-keystore",
            store.toString(),
            "-storepass",
            PASSWORD,
            "-keypass",
            PASSWORD);
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IllegalStateException("keytool failed: " + output);
      }
      KeyStore keyStore = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(store)) {
        keyStore.load(in, PASSWORD.toCharArray());
      }
      PrivateKey privateKey = (PrivateKey) keyStore.getKey("plexauth", PASSWORD.toCharArray());
      X509Certificate x509 = (X509Certificate) keyStore.getCertificate("plexauth");
      Path certificate = dir.resolve(algorithm.toLowerCase() + "-cert.pem");
      Path key = dir.resolve(algorithm.toLowerCase() + "-key.pem");
      Files.writeString(certificate, pem("CERTIFICATE", x509.getEncoded()));
      Files.writeString(key, pem("PRIVATE KEY", privateKey.getEncoded()));
      return new TestCertificates(certificate, key, x509);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** PEM armour around DER bytes. */
  public static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }

  /** An SSL context that trusts this certificate and no other. */
  public SSLContext trusting() {
    try {
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      trust.setCertificateEntry("plexauth", x509);
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(trust);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, factory.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
