package dev.plexauth.server.http;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server's TLS certificate and private key, read from PEM files: the certificate file holds the
 * server's certificate first, then any intermediates; the key file one unencrypted PKCS#8 key
 * ({@code -----BEGIN PRIVATE KEY-----}), RSA or EC. The JDK parses both; nothing is hand-decoded
 * but the PEM armour.
 *
 * <pre>{@code
 * TlsIdentity identity = TlsIdentity.load(Path.of("cert.pem"), Path.of("key.pem"));
 * }</pre>
 */
public final class TlsIdentity {

  private static final Pattern PKCS8 =
      Pattern.compile("-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");

  private final KeyStore keyStore;
  private final String password;

  private TlsIdentity(KeyStore keyStore, String password) {
    this.keyStore = keyStore;
    this.password = password;
  }

  /**
   * Reads the certificate chain and the key, and checks that the key belongs to the certificate.
   *
   * @param certificateFile PEM certificates, the server's first
   * @param keyFile a PEM PKCS#8 private key
   * @return the identity
   * @throws UncheckedIOException when a file cannot be read
   * @throws IllegalArgumentException when a file holds no usable certificate or key, or the key
   *     does not match the certificate
   */
  public static TlsIdentity load(Path certificateFile, Path keyFile) {
    List<X509Certificate> chain = certificates(certificateFile);
    PrivateKey key = privateKey(keyFile, chain.get(0));
    String password = randomPassword();
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry("plexauth", key, password.toCharArray(), chain.toArray(Certificate[]::new));
      return new TlsIdentity(store, password);
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot hold the TLS key in memory", e);
    }
  }

  KeyStore keyStore() {
    return keyStore;
  }

  String password() {
    return password;
  }

  private static List<X509Certificate> certificates(Path file) {
    byte[] pem = read(file, "TLS certificate");
    List<X509Certificate> chain = new ArrayList<>();
    try (InputStream in = new ByteArrayInputStream(pem)) {
      for (Certificate certificate :
          CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        chain.add((X509Certificate) certificate);
      }
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalArgumentException(
          "the TLS certificate file " + file + " holds no readable PEM certificate", e);
    }
    if (chain.isEmpty()) {
      throw new IllegalArgumentException(
          "the TLS certificate file " + file + " holds no PEM certificate");
    }
    return chain;
  }

  private static PrivateKey privateKey(Path file, X509Certificate certificate) {
    String pem = new String(read(file, "TLS key"), StandardCharsets.US_ASCII);
    Matcher matcher = PKCS8.matcher(pem);
    if (!matcher.find()) {
      String hint =
          pem.contains("ENCRYPTED PRIVATE KEY")
              ? "it is encrypted; give an unencrypted key (protect the file with mode 0600)"
              : "convert it with: openssl pkcs8 -topk8 -nocrypt -in KEY -out key.pem";
      throw new IllegalArgumentException(
          "the TLS key file " + file + " holds no PKCS#8 key (BEGIN PRIVATE KEY): " + hint);
    }
    String algorithm = certificate.getPublicKey().getAlgorithm();
    PrivateKey key;
    try {
      byte[] der = Base64.getMimeDecoder().decode(matcher.group(1));
      key = KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "the TLS key file "
              + file
              + " holds no "
              + algorithm
              + " key, as the certificate needs (RSA and EC are supported)",
          e);
    }
    if (!belongTogether(key, certificate)) {
      throw new IllegalArgumentException(
          "the TLS key in " + file + " does not belong to the certificate");
    }
    return key;
  }

  /** Signs a probe with the key and verifies it with the certificate. */
  private static boolean belongTogether(PrivateKey key, X509Certificate certificate) {
    String algorithm =
        switch (key.getAlgorithm()) {
          case "RSA" -> "SHA256withRSA";
          case "EC" -> "SHA256withECDSA";
          default -> key.getAlgorithm(); // EdDSA, Ed25519, Ed448 sign as themselves
        };
    try {
      byte[] probe = "plexauth".getBytes(StandardCharsets.US_ASCII);
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(probe);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(certificate.getPublicKey());
      verifier.update(probe);
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  private static byte[] read(Path file, String what) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the " + what + " file " + file, e);
    }
  }

  /** The in-memory key store's password: never stored, never shown. */
  private static String randomPassword() {
    byte[] bytes = new byte[24];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  @Override
  public String toString() {
    return "TlsIdentity[key=***]";
  }
}
