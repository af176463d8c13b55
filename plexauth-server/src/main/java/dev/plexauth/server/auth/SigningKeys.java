package dev.plexauth.server.auth;

import dev.plexauth.server.store.SigningKeyRow;
import dev.plexauth.server.store.Store;
import io.jsonwebtoken.security.Jwk;
import io.jsonwebtoken.security.Jwks;
import io.jsonwebtoken.security.OctetPublicJwk;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The server's Ed25519 keys that sign Plex JWTs. They live in the database so that every instance
 * signs and verifies with the same keys: the public key as a JWK, the private key (PKCS#8) sealed
 * with the server's secret key ({@link SecretBox}, AES-GCM, tied to its kid), so a copy of the
 * database alone does not give it away. A private key is opened only in memory, never logged and
 * never in a {@code toString()}.
 *
 * <p>The current key is the newest one. {@link #rotate()} adds a new one and retires the others; a
 * retired key is still published by {@code GET /api/v2/auth/keys} and still verifies until every
 * JWT it signed has expired ({@link PlexJwts#LIFETIME} after its retirement), then it is dropped.
 *
 * <p>Each instance keeps what it read for {@link #CACHE_FOR}; a JWT with a kid it does not know
 * makes it read the keys again once, so a key another instance has just made verifies at once.
 */
public final class SigningKeys {

  /** How long the keys read from the database are used before they are read again. */
  static final Duration CACHE_FOR = Duration.ofSeconds(30);

  private static final String SEAL_KIND = "signing-key";

  private final Store store;
  private final SecretBox box;
  private final Clock clock;
  private final Map<String, PrivateKey> opened = new ConcurrentHashMap<>();
  private volatile Snapshot snapshot;

  /** A published key: its id, the public key and its JWK. */
  record Published(String kid, PublicKey key, Map<String, Object> jwk, OptionalLong retiredAt) {}

  /** The key to sign with: its id and private key. */
  record Current(String kid, PrivateKey key) {
    @Override
    public String toString() {
      return "Current[kid=" + kid + "]";
    }
  }

  private record Snapshot(List<Published> keys, List<SigningKeyRow> rows, Instant readAt) {}

  /**
   * Creates the signing keys of a store.
   *
   * @param store where the keys live
   * @param box the server's secret key, which seals the private keys
   * @param clock the clock
   */
  public SigningKeys(Store store, SecretBox box, Clock clock) {
    this.store = store;
    this.box = box;
    this.clock = clock;
  }

  /**
   * Makes the first signing key when the database has none (the first start).
   *
   * @throws StoreUnavailable when the database cannot be read or written
   */
  public void ensureOne() {
    if (StoreUnavailable.guard(() -> store.listSigningKeys(Long.MIN_VALUE)).isEmpty()) {
      add(false);
    }
  }

  /**
   * Makes a new signing key, the current one from now on, and retires the others: they keep
   * verifying the JWTs they signed until those have expired.
   *
   * @return the new key's kid
   * @throws StoreUnavailable when the database cannot be written
   */
  public String rotate() {
    String kid = add(true);
    SecurityEvents.emit(
        "signing_key_rotated",
        SecurityEvents.Outcome.SUCCESS,
        "administration",
        SecurityEvents.Origin.ADMINISTRATION,
        OptionalLong.empty());
    return kid;
  }

  /** The key to sign with: the newest. */
  Current current() {
    List<SigningKeyRow> rows = snapshot(false).rows();
    if (rows.isEmpty()) {
      ensureOne();
      rows = snapshot(true).rows();
    }
    SigningKeyRow newest = rows.get(0);
    return new Current(newest.kid(), opened.computeIfAbsent(newest.kid(), kid -> open(newest)));
  }

  /**
   * The public key of a kid, if it is published; an unknown kid makes this instance read the keys
   * again once, in case another instance has just made it.
   */
  Optional<PublicKey> publicKey(String kid) {
    Optional<PublicKey> found = find(snapshot(false), kid);
    return found.isPresent() ? found : find(snapshot(true), kid);
  }

  /**
   * The published keys as JWKs: the current key and the retired ones whose JWTs may not have
   * expired yet.
   *
   * @return the public JWKs, newest first
   */
  public List<Map<String, Object>> publicJwks() {
    Instant since = clock.instant().minus(PlexJwts.LIFETIME);
    return snapshot(false).keys().stream()
        .filter(key -> published(key, since))
        .map(Published::jwk)
        .toList();
  }

  private Optional<PublicKey> find(Snapshot keys, String kid) {
    Instant since = clock.instant().minus(PlexJwts.LIFETIME);
    return keys.keys().stream()
        .filter(key -> key.kid().equals(kid) && published(key, since))
        .map(Published::key)
        .findFirst();
  }

  private static boolean published(Published key, Instant since) {
    return key.retiredAt().isEmpty() || key.retiredAt().getAsLong() >= since.toEpochMilli();
  }

  private Snapshot snapshot(boolean reload) {
    Snapshot keys = snapshot;
    Instant now = clock.instant();
    if (reload
        || keys == null
        || now.isBefore(keys.readAt())
        || !now.isBefore(keys.readAt().plus(CACHE_FOR))) {
      long since = now.minus(PlexJwts.LIFETIME).toEpochMilli();
      List<SigningKeyRow> rows = StoreUnavailable.guard(() -> store.listSigningKeys(since));
      List<Published> published = new ArrayList<>();
      for (SigningKeyRow row : rows) {
        Jwk<?> jwk = Jwks.parser().build().parse(row.publicJwk());
        published.add(
            new Published(
                row.kid(), (PublicKey) jwk.toKey(), Map.copyOf(jwk), row.retiredAtMillis()));
      }
      keys = new Snapshot(List.copyOf(published), List.copyOf(rows), now);
      snapshot = keys;
    }
    return keys;
  }

  private String add(boolean retireOthers) {
    KeyPair pair;
    try {
      pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Ed25519 is missing from this JDK", e);
    }
    OctetPublicJwk<PublicKey> jwk =
        Jwks.builder()
            .octetKey(pair.getPublic())
            .idFromThumbprint()
            .algorithm("EdDSA")
            .publicKeyUse("sig")
            .build();
    String kid = jwk.getId();
    byte[] pkcs8 = pair.getPrivate().getEncoded();
    String sealed;
    try {
      sealed = box.seal(pkcs8, SecretBox.associated(SEAL_KIND, kid));
    } finally {
      Arrays.fill(pkcs8, (byte) 0);
    }
    Instant now = clock.instant();
    StoreUnavailable.guard(
        () -> {
          store.addSigningKey(
              new SigningKeyRow(
                  kid, Jwks.json(jwk), sealed, now.toEpochMilli(), OptionalLong.empty()),
              retireOthers,
              now.minus(PlexJwts.LIFETIME).toEpochMilli());
          return null;
        });
    opened.put(kid, pair.getPrivate());
    snapshot = null;
    return kid;
  }

  private PrivateKey open(SigningKeyRow row) {
    byte[] pkcs8 = box.open(row.sealedPrivateKey(), SecretBox.associated(SEAL_KIND, row.kid()));
    try {
      return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the signing key " + row.kid() + " cannot be read", e);
    } finally {
      Arrays.fill(pkcs8, (byte) 0);
    }
  }

  @Override
  public String toString() {
    return "SigningKeys";
  }
}
