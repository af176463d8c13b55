package dev.plexauth.server.auth;

import dev.plexauth.server.store.DeviceKeyRow;
import dev.plexauth.server.store.DeviceKeyWithToken;
import dev.plexauth.server.store.DuplicateKeyException;
import dev.plexauth.server.store.Store;
import io.jsonwebtoken.Claims;
import io.jsonwebtoken.ExpiredJwtException;
import io.jsonwebtoken.JwsHeader;
import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.LocatorAdapter;
import io.jsonwebtoken.MalformedJwtException;
import io.jsonwebtoken.UnsupportedJwtException;
import io.jsonwebtoken.security.Jwk;
import io.jsonwebtoken.security.Jwks;
import io.jsonwebtoken.security.OctetPublicJwk;
import io.jsonwebtoken.security.SignatureException;
import java.security.Key;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;

/**
 * JWT device authentication, the server side of Plex's 2025 model: a device registers an Ed25519
 * public key with its account token ({@link #registerKey}), asks for a nonce ({@link #newNonce}),
 * and trades a JWT signed by its key over that nonce for a Plex JWT ({@link #exchange}) valid for
 * {@link PlexJwts#LIFETIME}. The PIN variant registers the key with the pin and trades a device JWT
 * once the pin is approved ({@link #exchangeForPin}).
 *
 * <p>A device key lives as long as the device's account token: signing out, removing the device,
 * changing the password and removing the account delete the token and so the key, which ends every
 * Plex JWT bound to it on every instance at once.
 */
public final class DeviceKeyService {

  /** How long a nonce may be redeemed. */
  public static final Duration NONCE_LIFETIME = Duration.ofMinutes(5);

  /** The longest a device JWT may live, from {@code iat} to {@code exp}. */
  public static final Duration MAX_DEVICE_JWT_LIFETIME = Duration.ofMinutes(5);

  /** How far a device's clock may be off ours for {@code iat} and {@code exp}. */
  static final long CLOCK_SKEW_SECONDS = 60;

  private static final Set<String> JWK_MEMBERS = Set.of("kty", "crv", "x", "use", "alg", "kid");
  private static final int MAX_MEMBER = 256;
  private static final int MAX_NONCE = 128;

  private final Store store;
  private final SigningKeys keys;
  private final PlexJwts jwts;
  private final TokenLifetime lifetime;
  private final Clock clock;

  /**
   * Creates the service.
   *
   * @param store where device keys and nonces live
   * @param keys the server's signing keys
   * @param lifetime how long account tokens live (a device key ends with its token)
   * @param clock the clock
   */
  public DeviceKeyService(Store store, SigningKeys keys, TokenLifetime lifetime, Clock clock) {
    this.store = store;
    this.keys = keys;
    this.jwts = new PlexJwts(keys, clock);
    this.lifetime = lifetime;
    this.clock = clock;
  }

  /**
   * Registers a device's public key, replacing its earlier key. The token must be an account token
   * (or Plex JWT) issued to the same client identifier.
   *
   * @param principal who presented the token
   * @param clientIdentifier the request's {@code X-Plex-Client-Identifier}
   * @param jwk the public JWK: {@code kty} OKP, {@code crv} Ed25519, {@code x}, and optionally
   *     {@code use} sig, {@code alg} EdDSA and {@code kid} (its RFC 7638 thumbprint)
   * @param origin where the request came from, for the security events
   * @return the key's thumbprint (its kid)
   * @throws JwtRefused MALFORMED for a bad key, WRONG_CLIENT for a token of another client,
   *     KEY_TAKEN when another device registered the key
   */
  public String registerKey(
      Principal principal,
      String clientIdentifier,
      Map<String, Object> jwk,
      SecurityEvents.Origin origin) {
    if (!principal.clientIdentifier().equals(clientIdentifier)) {
      throw refuse(
          "device_key_registered",
          JwtRefused.Reason.WRONG_CLIENT,
          "wrong_client",
          "the token was issued to another client identifier",
          origin,
          OptionalLong.of(principal.accountId()));
    }
    OctetPublicJwk<PublicKey> key;
    try {
      key = publicKey(jwk);
    } catch (JwtRefused refused) {
      emitRefused("device_key_registered", "malformed_key", origin, principal.accountId());
      throw refused;
    }
    String thumbprint = key.thumbprint().toString();
    DeviceKeyRow row =
        new DeviceKeyRow(
            thumbprint,
            principal.accountId(),
            clientIdentifier,
            Jwks.json(key),
            Tokens.newAccountToken(),
            clock.instant().toEpochMilli());
    boolean saved =
        StoreUnavailable.guard(
                () -> {
                  try {
                    return Optional.of(store.saveDeviceKey(row));
                  } catch (DuplicateKeyException e) {
                    return Optional.<Boolean>empty();
                  }
                })
            .orElseThrow(
                () ->
                    refuse(
                        "device_key_registered",
                        JwtRefused.Reason.KEY_TAKEN,
                        "thumbprint_taken",
                        "Thumbprint already taken: another device has registered this key",
                        origin,
                        OptionalLong.of(principal.accountId())));
    if (!saved) {
      throw refuse(
          "device_key_registered",
          JwtRefused.Reason.WRONG_CLIENT,
          "signed_out",
          "the device is signed out",
          origin,
          OptionalLong.of(principal.accountId()));
    }
    SecurityEvents.emit(
        "device_key_registered",
        SecurityEvents.Outcome.SUCCESS,
        "jwk",
        origin,
        OptionalLong.of(principal.accountId()));
    return thumbprint;
  }

  /**
   * A new nonce for a client: single use, valid {@link #NONCE_LIFETIME}, redeemable on any instance
   * on the same database. (The per-client rate limit is the HTTP layer's.)
   *
   * @param clientIdentifier the client's {@code X-Plex-Client-Identifier}
   * @return the nonce, a random UUID
   */
  public String newNonce(String clientIdentifier) {
    String nonce = UUID.randomUUID().toString();
    Instant now = clock.instant();
    StoreUnavailable.guard(
        () -> {
          store.addNonce(
              nonce, clientIdentifier, now.plus(NONCE_LIFETIME).toEpochMilli(), now.toEpochMilli());
          return null;
        });
    return nonce;
  }

  /**
   * Trades a device JWT for a Plex JWT. The device JWT must be signed (EdDSA) by a registered
   * device key named by its header's {@code kid}, with {@code aud} plex.tv, {@code iss} the
   * device's client identifier, {@code iat} and {@code exp} at most five minutes apart, an unused
   * nonce the device was given and a {@code scope} from {@link PlexJwts#SCOPES}.
   *
   * @param deviceJwt the device JWT
   * @param clientIdentifier the request's {@code X-Plex-Client-Identifier}, if sent
   * @param origin where the request came from, for the security events
   * @return the Plex JWT
   * @throws JwtRefused MALFORMED for a malformed JWT or scope, INVALID for anything that does not
   *     verify
   */
  public String exchange(
      String deviceJwt, Optional<String> clientIdentifier, SecurityEvents.Origin origin) {
    Verified verified = verifyDeviceJwt(deviceJwt, Optional.empty(), origin);
    DeviceKeyWithToken device = verified.device();
    if (clientIdentifier.isPresent()
        && !clientIdentifier.get().equals(device.key().clientIdentifier())) {
      throw invalid("wrong_client", "the JWT was signed by another device's key", origin, device);
    }
    if (verified.nonce().isEmpty()) {
      throw invalid("nonce", "the JWT has no nonce", origin, device);
    }
    return issue(verified, origin);
  }

  /**
   * The PIN variant: once a pin created with a device key ({@code POST /api/v2/pins} with {@code
   * {"jwk": …, "strong": true}}) is approved and its account token made for the pin's client
   * identifier, registers the pin's key for that device and trades the device JWT of {@code GET
   * /api/v2/pins/{id}?deviceJWT=…} for a Plex JWT. The device JWT follows the rules of {@link
   * #exchange}, except that its nonce is optional (if it has one, it is redeemed).
   *
   * @param accountId the account that approved the pin
   * @param clientIdentifier the pin's client identifier (its account token must exist)
   * @param pinJwk the public JWK the pin was created with
   * @param deviceJwt the device JWT presented when polling the pin
   * @param origin where the request came from, for the security events
   * @return the Plex JWT, the pin's {@code authToken}
   * @throws JwtRefused MALFORMED for a malformed key or JWT, KEY_TAKEN when another device has the
   *     key, WRONG_CLIENT when the pin's device has no account token, INVALID when the device JWT
   *     does not verify
   */
  public String exchangeForPin(
      long accountId,
      String clientIdentifier,
      Map<String, Object> pinJwk,
      String deviceJwt,
      SecurityEvents.Origin origin) {
    OctetPublicJwk<PublicKey> key = publicKey(pinJwk);
    String thumbprint = key.thumbprint().toString();
    Optional<DeviceKeyWithToken> registered =
        StoreUnavailable.guard(() -> store.findDeviceKey(thumbprint));
    boolean ours =
        registered.isPresent()
            && registered.get().key().accountId() == accountId
            && registered.get().key().clientIdentifier().equals(clientIdentifier);
    if (!ours) {
      DeviceKeyRow row =
          new DeviceKeyRow(
              thumbprint,
              accountId,
              clientIdentifier,
              Jwks.json(key),
              Tokens.newAccountToken(),
              clock.millis());
      Optional<Boolean> saved =
          StoreUnavailable.guard(
              () -> {
                try {
                  return Optional.of(store.saveDeviceKey(row));
                } catch (DuplicateKeyException e) {
                  return Optional.<Boolean>empty();
                }
              });
      if (saved.isEmpty()) {
        throw refuse(
            "device_key_registered",
            JwtRefused.Reason.KEY_TAKEN,
            "thumbprint_taken",
            "Thumbprint already taken: another device has registered this key",
            origin,
            OptionalLong.of(accountId));
      }
      if (!saved.get()) {
        throw refuse(
            "device_key_registered",
            JwtRefused.Reason.WRONG_CLIENT,
            "signed_out",
            "the pin's device has no token",
            origin,
            OptionalLong.of(accountId));
      }
      SecurityEvents.emit(
          "device_key_registered",
          SecurityEvents.Outcome.SUCCESS,
          "pin",
          origin,
          OptionalLong.of(accountId));
    }
    Verified verified = verifyDeviceJwt(deviceJwt, Optional.of(thumbprint), origin);
    return issue(verified, origin);
  }

  /**
   * Checks the JWK a pin is created with ({@code POST /api/v2/pins} with {@code {"jwk": …}}), so
   * the pin route refuses a malformed one with 400 before storing it with the pin.
   *
   * @param jwk the JWK's members
   * @return the key's thumbprint (its kid)
   * @throws JwtRefused MALFORMED when it is not a public Ed25519 JWK
   */
  public static String checkPinJwk(Map<String, Object> jwk) {
    return publicKey(jwk).thumbprint().toString();
  }

  /**
   * The server's published public keys, for {@code GET /api/v2/auth/keys}.
   *
   * @return the JWKs, current first
   */
  public List<Map<String, Object>> publicKeys() {
    return keys.publicJwks();
  }

  /** A verified device JWT: its device, nonce and scope. */
  private record Verified(DeviceKeyWithToken device, Optional<String> nonce, List<String> scope) {}

  private Verified verifyDeviceJwt(
      String deviceJwt, Optional<String> expectedKid, SecurityEvents.Origin origin) {
    if (deviceJwt.length() > PlexJwts.MAX_LENGTH) {
      throw refuse(
          "jwt_issued",
          JwtRefused.Reason.MALFORMED,
          "malformed",
          "the JWT is longer than " + PlexJwts.MAX_LENGTH + " characters",
          origin,
          OptionalLong.empty());
    }
    DeviceKeyWithToken[] found = new DeviceKeyWithToken[1];
    Claims claims;
    try {
      claims =
          Jwts.parser()
              .keyLocator(
                  new LocatorAdapter<Key>() {
                    @Override
                    protected Key locate(JwsHeader header) {
                      String kid = header.getKeyId();
                      if (!PlexJwts.ALGORITHM.equals(header.getAlgorithm())) {
                        throw new UnsupportedJwtException("the JWT must be signed with EdDSA");
                      }
                      if (kid == null || kid.isEmpty() || kid.length() > MAX_MEMBER) {
                        throw new UnsupportedJwtException("the JWT header has no kid");
                      }
                      if (expectedKid.isPresent() && !expectedKid.get().equals(kid)) {
                        throw new UnsupportedJwtException("the JWT is not signed by the pin's key");
                      }
                      found[0] =
                          StoreUnavailable.guard(() -> store.findDeviceKey(kid))
                              .orElseThrow(
                                  () -> new UnsupportedJwtException("the kid names no device key"));
                      return Jwks.parser().build().parse(found[0].key().publicJwk()).toKey();
                    }
                  })
              .clock(() -> Date.from(clock.instant()))
              .clockSkewSeconds(CLOCK_SKEW_SECONDS)
              .build()
              .parseSignedClaims(deviceJwt)
              .getPayload();
    } catch (ExpiredJwtException e) {
      throw invalid("expired", "the JWT has expired", origin, found[0]);
    } catch (SignatureException e) {
      throw invalid("bad_signature", "Signature verification failed", origin, found[0]);
    } catch (MalformedJwtException | IllegalArgumentException e) {
      throw refuse(
          "jwt_issued",
          JwtRefused.Reason.MALFORMED,
          "malformed",
          "the JWT is malformed",
          origin,
          OptionalLong.empty());
    } catch (JwtException e) {
      // the exception's own message is jjwt's or ours; neither holds the token
      throw invalid(
          found[0] == null ? "unknown_key" : "invalid",
          found[0] == null ? safeMessage(e) : "the JWT is not valid",
          origin,
          found[0]);
    }
    DeviceKeyWithToken device = found[0];
    Set<String> audience = claims.getAudience();
    if (audience == null || !audience.contains(PlexJwts.ISSUER)) {
      throw invalid("wrong_audience", "the JWT's aud must be plex.tv", origin, device);
    }
    if (!device.key().clientIdentifier().equals(claims.getIssuer())) {
      throw invalid(
          "wrong_issuer", "the JWT's iss must be the device's client identifier", origin, device);
    }
    Date issuedAt = claims.getIssuedAt();
    Date expiresAt = claims.getExpiration();
    if (issuedAt == null || expiresAt == null) {
      throw invalid("lifetime", "the JWT needs iat and exp", origin, device);
    }
    Instant now = clock.instant();
    if (Duration.between(issuedAt.toInstant(), expiresAt.toInstant())
            .compareTo(MAX_DEVICE_JWT_LIFETIME)
        > 0) {
      throw invalid("lifetime", "the JWT must expire at most 5 minutes after iat", origin, device);
    }
    if (issuedAt.toInstant().isAfter(now.plusSeconds(CLOCK_SKEW_SECONDS))) {
      throw invalid("lifetime", "the JWT's iat is in the future", origin, device);
    }
    Object nonce = claims.get("nonce");
    if (nonce != null
        && (!(nonce instanceof String text) || text.isEmpty() || text.length() > MAX_NONCE)) {
      throw invalid("nonce", "the JWT's nonce is malformed", origin, device);
    }
    List<String> scope = scope(claims.get("scope"), origin);
    if (lifetime.ended(device.token().token(), now)) {
      throw invalid("signed_out", "the device is signed out", origin, device);
    }
    if (nonce != null
        && !StoreUnavailable.guard(
            () ->
                store.redeemNonce(
                    (String) nonce, device.key().clientIdentifier(), now.toEpochMilli()))) {
      throw invalid("nonce", "the nonce is unknown, used or expired", origin, device);
    }
    return new Verified(device, Optional.ofNullable((String) nonce), scope);
  }

  private String issue(Verified verified, SecurityEvents.Origin origin) {
    DeviceKeyWithToken device = verified.device();
    String jwt =
        jwts.issue(
            device.key(), device.token().account(), verified.nonce().orElse(""), verified.scope());
    SecurityEvents.emit(
        "jwt_issued",
        SecurityEvents.Outcome.SUCCESS,
        "device_key",
        new SecurityEvents.Origin(origin.address(), device.key().clientIdentifier()),
        OptionalLong.of(device.key().accountId()));
    return jwt;
  }

  private List<String> scope(Object claim, SecurityEvents.Origin origin) {
    if (claim == null) {
      return List.of();
    }
    if (!(claim instanceof String text) || text.length() > MAX_MEMBER) {
      throw refuse(
          "jwt_issued",
          JwtRefused.Reason.MALFORMED,
          "malformed_scope",
          "scope must be a comma-separated list",
          origin,
          OptionalLong.empty());
    }
    List<String> scope = new ArrayList<>();
    for (String part : text.split(",")) {
      String name = part.strip();
      if (name.isEmpty()) {
        continue;
      }
      if (!PlexJwts.SCOPES.contains(name)) {
        throw refuse(
            "jwt_issued",
            JwtRefused.Reason.MALFORMED,
            "malformed_scope",
            "scope may hold only username, email, friendly_name, restricted, anonymous and"
                + " joinedAt",
            origin,
            OptionalLong.empty());
      }
      if (!scope.contains(name)) {
        scope.add(name);
      }
    }
    return List.copyOf(scope);
  }

  /**
   * Reads a public Ed25519 JWK, refusing anything else: another key type or curve, a private part,
   * unknown or oversized members, a kid that is not its thumbprint.
   */
  static OctetPublicJwk<PublicKey> publicKey(Map<String, Object> jwk) {
    if (jwk == null || jwk.isEmpty()) {
      throw malformed("jwk is required");
    }
    if (jwk.containsKey("d")) {
      throw malformed("the jwk must be a public key: it has a private part (d)");
    }
    for (Map.Entry<String, Object> member : jwk.entrySet()) {
      if (!JWK_MEMBERS.contains(member.getKey())) {
        throw malformed("the jwk may hold only kty, crv, x, use, alg and kid");
      }
      if (!(member.getValue() instanceof String value)
          || value.isEmpty()
          || value.length() > MAX_MEMBER) {
        throw malformed(
            "the jwk's "
                + member.getKey()
                + " must be a string of 1 to "
                + MAX_MEMBER
                + " characters");
      }
    }
    if (!"OKP".equals(jwk.get("kty")) || !"Ed25519".equals(jwk.get("crv"))) {
      throw malformed("the jwk must be an Ed25519 key (kty OKP, crv Ed25519)");
    }
    if (jwk.containsKey("use") && !"sig".equals(jwk.get("use"))) {
      throw malformed("the jwk's use must be sig");
    }
    if (jwk.containsKey("alg") && !PlexJwts.ALGORITHM.equals(jwk.get("alg"))) {
      throw malformed("the jwk's alg must be EdDSA");
    }
    Object x = jwk.get("x");
    byte[] raw;
    try {
      raw = x instanceof String text ? Base64.getUrlDecoder().decode(text) : new byte[0];
    } catch (IllegalArgumentException e) {
      raw = new byte[0];
    }
    if (raw.length != 32) {
      throw malformed("the jwk's x must be 32 bytes, base64url");
    }
    Jwk<?> parsed;
    try {
      parsed = Jwks.builder().add(jwk).build();
    } catch (RuntimeException e) {
      throw malformed("the jwk is not a valid Ed25519 public key");
    }
    if (!(parsed instanceof OctetPublicJwk<?> octet) || !(octet.toKey() instanceof PublicKey)) {
      throw malformed("the jwk is not a valid Ed25519 public key");
    }
    @SuppressWarnings("unchecked")
    OctetPublicJwk<PublicKey> key = (OctetPublicJwk<PublicKey>) octet;
    Object kid = jwk.get("kid");
    if (kid != null && !kid.equals(key.thumbprint().toString())) {
      throw malformed("the jwk's kid must be its RFC 7638 thumbprint (SHA-256, base64url)");
    }
    return key;
  }

  private static JwtRefused malformed(String message) {
    return new JwtRefused(JwtRefused.Reason.MALFORMED, message);
  }

  private static String safeMessage(JwtException e) {
    String message = e.getMessage();
    return message != null && (message.startsWith("the JWT") || message.startsWith("the kid"))
        ? message
        : "the JWT is not valid";
  }

  private static JwtRefused invalid(
      String reason, String message, SecurityEvents.Origin origin, DeviceKeyWithToken device) {
    return refuse(
        "jwt_issued",
        JwtRefused.Reason.INVALID,
        reason,
        message,
        origin,
        device == null ? OptionalLong.empty() : OptionalLong.of(device.key().accountId()));
  }

  private static JwtRefused refuse(
      String event,
      JwtRefused.Reason kind,
      String reason,
      String message,
      SecurityEvents.Origin origin,
      OptionalLong accountId) {
    SecurityEvents.emit(event, SecurityEvents.Outcome.REFUSED, reason, origin, accountId);
    return new JwtRefused(kind, message);
  }

  private static void emitRefused(
      String event, String reason, SecurityEvents.Origin origin, long accountId) {
    SecurityEvents.emit(
        event, SecurityEvents.Outcome.REFUSED, reason, origin, OptionalLong.of(accountId));
  }
}
