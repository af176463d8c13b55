package dev.plexauth.sdk;

import dev.plexauth.sdk.errors.InvalidJwtException;
import dev.plexauth.sdk.errors.PlexException;
import dev.plexauth.sdk.errors.TokenExpiredException;
import dev.plexauth.sdk.internal.DeviceOperations;
import dev.plexauth.sdk.internal.OperationRunner;
import dev.plexauth.sdk.models.PlexJwt;
import io.jsonwebtoken.Claims;
import io.jsonwebtoken.ExpiredJwtException;
import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Jwks;
import io.jsonwebtoken.security.OctetPublicJwk;
import io.jsonwebtoken.security.SignatureException;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The device-key login, beside the password and PIN logins: Plex's JWT model. The application keeps
 * an Ed25519 key pair ({@link DeviceKeyStore}; one is generated on first use), registers its public
 * key once with an account token ({@link #register}), and from then on trades a fresh nonce signed
 * by that key for a Plex JWT valid for 7 days. It is a {@link RefreshableToken}: give it to a
 * client as its access token, and it hands out the current JWT, refreshes it on its own when less
 * than a day remains, and refreshes once and retries when a call gets 498.
 *
 * <pre>{@code
 * PlexAPI base = PlexAPI.builder().plexTvURL(url).clientID("my-app-install-42").build();
 * DeviceKeyLogin login = DeviceKeyLogin.builder(base, DeviceKeyStore.file(keyFile)).build();
 * login.register(accountToken);                    // once, with a token from a sign-in
 * PlexAPI plex = base.newBuilder().accessToken(login).build();
 * plex.authentication().getTokenDetails();         // sends the Plex JWT
 * }</pre>
 *
 * <p>JWS and JWK are handled by jjwt (io.jsonwebtoken) over the JDK's own Ed25519; nothing is
 * signed or verified by hand. Plex JWTs are verified against the server's published keys ({@code
 * GET /api/v2/auth/keys}), trying each. Thread-safe; never shows a key or a token in {@code
 * toString()} or a message.
 */
public final class DeviceKeyLogin implements RefreshableToken {

  /** A JWT with less than this left is refreshed before it is handed out. */
  public static final Duration REFRESH_BEFORE = Duration.ofDays(1);

  /** The lifetime of the device JWTs this login signs. */
  static final Duration DEVICE_JWT_LIFETIME = Duration.ofMinutes(5);

  private final OperationRunner runner;
  private final String clientID;
  private final DeviceKeyStore store;
  private final Clock clock;
  private final String scope;
  private KeyPair keys;
  private PlexJwt current;

  private DeviceKeyLogin(Builder builder) {
    this.runner = builder.plex.runner();
    this.clientID = builder.plex.clientID();
    if (clientID.isEmpty()) {
      throw new IllegalArgumentException(
          "a device-key login needs a clientID: PlexAPI.builder().clientID(...)");
    }
    this.store = builder.store;
    this.clock = builder.clock;
    this.scope = String.join(",", builder.scope);
    this.current = builder.jwt;
  }

  /**
   * Starts a builder.
   *
   * @param plex the client whose plex.tv address, client identifier and transport the login uses;
   *     its own access token is never sent by the login
   * @param store where the device key is kept
   * @return a builder
   */
  public static Builder builder(PlexAPI plex, DeviceKeyStore store) {
    return new Builder(plex, store);
  }

  /**
   * Registers the device's public key with plex.tv ({@code POST /auth/jwk}), generating and storing
   * a key pair first if the store has none. Registering again replaces the key and ends the JWTs
   * issued before.
   *
   * @param accountToken an account token (or Plex JWT) issued to this client identifier
   * @return the key's kid, its RFC 7638 thumbprint
   * @throws PlexException when the server refuses (401 for a token of another client, 422 when
   *     another device has the key)
   */
  public synchronized String register(String accountToken) {
    Objects.requireNonNull(accountToken, "accountToken == null");
    OctetPublicJwk<PublicKey> jwk = publicJwk(keys());
    runner.call(
        DeviceOperations.registerDeviceKey(new LinkedHashMap<>(jwk)),
        RequestOptions.builder().header("X-Plex-Token", accountToken).build());
    current = null;
    return jwk.getId();
  }

  /**
   * The current Plex JWT, refreshed first when there is none or less than {@link #REFRESH_BEFORE}
   * remains.
   *
   * @return the JWT
   * @throws PlexException when a refresh fails
   */
  public synchronized PlexJwt jwt() {
    if (current == null
        || Duration.between(clock.instant(), current.expiresAt()).compareTo(REFRESH_BEFORE) < 0) {
      refreshNow();
    }
    return current;
  }

  /**
   * Trades a new nonce for a new Plex JWT now: {@code GET /auth/nonce}, a device JWT over it signed
   * by the device key, {@code POST /auth/token}, and the answer verified against the server's keys.
   *
   * @return the new JWT
   * @throws IllegalStateException when no device key is stored (call {@link #register} first)
   * @throws PlexException when the server refuses or the answer does not verify
   */
  public synchronized PlexJwt refreshNow() {
    KeyPair pair =
        storedKeys()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "no device key is stored: register one with register(accountToken)"));
    String nonce = runner.call(DeviceOperations.getNonce(), RequestOptions.none());
    Instant now = clock.instant();
    String deviceJwt =
        Jwts.builder()
            .header()
            .keyId(publicJwk(pair).getId())
            .and()
            .claim("nonce", nonce)
            .claim("scope", scope)
            .audience()
            .add("plex.tv")
            .and()
            .issuer(clientID)
            .issuedAt(Date.from(now))
            .expiration(Date.from(now.plus(DEVICE_JWT_LIFETIME)))
            .signWith(pair.getPrivate(), Jwts.SIG.EdDSA)
            .compact();
    String plexJwt = runner.call(DeviceOperations.postDeviceJwt(deviceJwt), RequestOptions.none());
    current = verify(plexJwt);
    return current;
  }

  /**
   * The current JWT's text, refreshing first when needed: what a client sends as {@code
   * X-Plex-Token}.
   *
   * @return the JWT
   */
  @Override
  public String get() {
    return jwt().token();
  }

  /**
   * Refreshes after a 498, unless the JWT was refreshed since {@code expired} was handed out.
   *
   * @param expired the JWT the server refused
   */
  @Override
  public synchronized void refresh(String expired) {
    if (current == null || current.token().equals(expired)) {
      refreshNow();
    }
  }

  /**
   * Verifies a Plex JWT against the server's published keys ({@code GET /auth/keys}), trying every
   * key: an EdDSA signature, issuer plex.tv, not expired.
   *
   * @param jwt the Plex JWT
   * @return what it says
   * @throws InvalidJwtException when no published key verifies it or it is not a Plex JWT
   * @throws TokenExpiredException never: an expired JWT is an {@link InvalidJwtException} here
   */
  public PlexJwt verify(String jwt) {
    Objects.requireNonNull(jwt, "jwt == null");
    List<String> published = runner.call(DeviceOperations.getServerKeys(), RequestOptions.none());
    List<Key> keys = new ArrayList<>();
    for (String json : published) {
      try {
        keys.add(Jwks.parser().build().parse(json).toKey());
      } catch (RuntimeException e) {
        // a key this client cannot use: try the others
      }
    }
    for (Key key : keys) {
      if (!(key instanceof PublicKey publicKey)) {
        continue;
      }
      Claims claims;
      try {
        claims =
            Jwts.parser()
                .verifyWith(publicKey)
                .clock(() -> Date.from(clock.instant()))
                .requireIssuer("plex.tv")
                .build()
                .parseSignedClaims(jwt)
                .getPayload();
      } catch (SignatureException e) {
        continue;
      } catch (ExpiredJwtException e) {
        throw new InvalidJwtException("the Plex JWT has expired", null);
      } catch (JwtException | IllegalArgumentException e) {
        continue;
      }
      Object user = claims.get("user");
      Object thumbprint = claims.get("thumbprint");
      if (!(user instanceof Map<?, ?> userClaims)
          || !(userClaims.get("id") instanceof Number id)
          || !(thumbprint instanceof String kid)
          || claims.getIssuedAt() == null
          || claims.getExpiration() == null) {
        throw new InvalidJwtException("the JWT lacks the claims of a Plex JWT", null);
      }
      return new PlexJwt(
          jwt,
          claims.getIssuedAt().toInstant(),
          claims.getExpiration().toInstant(),
          id.longValue(),
          kid);
    }
    throw new InvalidJwtException("no key published by the server verifies the JWT", null);
  }

  private KeyPair keys() {
    if (keys == null) {
      keys = store.load().orElse(null);
      if (keys == null) {
        try {
          keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
          throw new IllegalStateException("Ed25519 is missing from this JDK", e);
        }
        store.save(keys);
      }
    }
    return keys;
  }

  private java.util.Optional<KeyPair> storedKeys() {
    if (keys == null) {
      keys = store.load().orElse(null);
    }
    return java.util.Optional.ofNullable(keys);
  }

  private static OctetPublicJwk<PublicKey> publicJwk(KeyPair pair) {
    return Jwks.builder()
        .octetKey(pair.getPublic())
        .idFromThumbprint()
        .algorithm("EdDSA")
        .publicKeyUse("sig")
        .build();
  }

  @Override
  public String toString() {
    return "DeviceKeyLogin[clientID=" + clientID + ", store=" + store + "]";
  }

  /** Configures a {@link DeviceKeyLogin}. */
  public static final class Builder {
    private final PlexAPI plex;
    private final DeviceKeyStore store;
    private Clock clock = Clock.systemUTC();
    private List<String> scope = List.of("username", "email", "friendly_name");
    private PlexJwt jwt;

    private Builder(PlexAPI plex, DeviceKeyStore store) {
      this.plex = Objects.requireNonNull(plex, "plex == null");
      this.store = Objects.requireNonNull(store, "store == null");
    }

    /**
     * The clock that decides when to refresh and signs {@code iat}; the system's by default.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock == null");
      return this;
    }

    /**
     * The user claims asked for; username, email and friendly_name by default.
     *
     * @param claims each one of username, email, friendly_name, restricted, anonymous, joinedAt
     * @return this builder
     */
    public Builder scope(String... claims) {
      this.scope = List.of(claims);
      return this;
    }

    /**
     * A Plex JWT obtained earlier (from a config file, say), handed out until it needs refreshing.
     *
     * @param jwt the JWT, as {@link #verify} or {@link #jwt()} returned it
     * @return this builder
     */
    public Builder jwt(PlexJwt jwt) {
      this.jwt = Objects.requireNonNull(jwt, "jwt == null");
      return this;
    }

    /**
     * Builds the login; nothing is sent yet.
     *
     * @return the login
     * @throws IllegalArgumentException when the client has no clientID
     */
    public DeviceKeyLogin build() {
      return new DeviceKeyLogin(this);
    }
  }
}
