package dev.plexauth.server.auth;

import dev.plexauth.server.store.AccountRow;
import dev.plexauth.server.store.DeviceKeyRow;
import dev.plexauth.server.store.RecentLookups;
import io.jsonwebtoken.Claims;
import io.jsonwebtoken.ExpiredJwtException;
import io.jsonwebtoken.JwsHeader;
import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.LocatorAdapter;
import io.jsonwebtoken.UnsupportedJwtException;
import java.security.Key;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Issues and verifies Plex JWTs: EdDSA (Ed25519) JWS signed with the server's current key ({@link
 * SigningKeys}), {@code iss} {@value #ISSUER}, {@code aud} [{@value #ISSUER}, the device's client
 * identifier], {@code iat}, {@code exp} {@link #LIFETIME} later, {@code thumbprint} (the device
 * key's kid), {@code nonce} and {@code user} (id, uuid and the scoped claims). JWS are made and
 * checked by jjwt, never by hand.
 */
final class PlexJwts {

  /** How long a Plex JWT is valid. */
  static final Duration LIFETIME = Duration.ofDays(7);

  /** The issuer and first audience of a Plex JWT, and the audience of a device JWT. */
  static final String ISSUER = "plex.tv";

  /** The only JWS algorithm accepted: EdDSA over Ed25519. */
  static final String ALGORITHM = "EdDSA";

  /** The claims a device may ask for in {@code scope}. */
  static final Set<String> SCOPES =
      Set.of("username", "email", "friendly_name", "restricted", "anonymous", "joinedAt");

  /** The claim that ties a Plex JWT to one registration of its device key. */
  static final String REGISTRATION = "plexauth_registration";

  /** Longer values are not JWTs this server issued, and not device JWTs it reads. */
  static final int MAX_LENGTH = 8192;

  private final SigningKeys keys;
  private final Clock clock;

  /**
   * The JWTs verified in the last second, by their SHA-256: a device calling many times a second
   * costs one signature check a second. Verifying depends only on the JWT, the clock and the
   * published keys, and a key is forgotten only when every JWT it signed has expired; whether the
   * JWT's device is still there is asked of the store on every request.
   */
  private final RecentLookups<Verified> recent =
      new RecentLookups<>(new RecentLookups.Generation(), System::nanoTime);

  PlexJwts(SigningKeys keys, Clock clock) {
    this.keys = keys;
    this.clock = clock;
  }

  /**
   * What a verified Plex JWT says.
   *
   * @param thumbprint the device key it is bound to
   * @param registration the registration of that key it was issued for
   * @param accountId the user's id
   * @param audience its audience: plex.tv and the device's client identifier
   * @param issuedAt when it was issued
   * @param expiresAt when it expires
   */
  record Verified(
      String thumbprint,
      String registration,
      long accountId,
      Set<String> audience,
      Instant issuedAt,
      Instant expiresAt) {}

  /** Whether a token has the shape of a JWS (three base64url parts, a JSON header). */
  static boolean looksLikeJwt(String token) {
    return token.startsWith("eyJ") && token.chars().filter(c -> c == '.').count() == 2;
  }

  /**
   * Issues a Plex JWT to a device.
   *
   * @param device the device's key
   * @param account the device's account
   * @param nonce the nonce the device redeemed
   * @param scope the claims of the user asked for, each one of {@link #SCOPES}
   * @return the JWT
   */
  String issue(DeviceKeyRow device, AccountRow account, String nonce, List<String> scope) {
    Instant now = clock.instant();
    Map<String, Object> user = new LinkedHashMap<>();
    user.put("id", account.id());
    user.put("uuid", account.uuid());
    for (String claim : scope) {
      switch (claim) {
        case "username" -> user.put("username", account.username());
        case "email" -> user.put("email", account.email());
        case "friendly_name" -> user.put("friendly_name", account.friendlyName());
        case "restricted" -> user.put("restricted", false);
        case "anonymous" -> user.put("anonymous", false);
        case "joinedAt" -> user.put("joinedAt", account.createdAtMillis() / 1000);
        default -> throw new IllegalArgumentException("unknown scope " + claim);
      }
    }
    SigningKeys.Current key = keys.current();
    return Jwts.builder()
        .header()
        .keyId(key.kid())
        .type("JWT")
        .and()
        .issuer(ISSUER)
        .audience()
        .add(ISSUER)
        .add(device.clientIdentifier())
        .and()
        .issuedAt(Date.from(now))
        .expiration(Date.from(now.plus(LIFETIME)))
        .claim("thumbprint", device.thumbprint())
        .claim(REGISTRATION, device.registration())
        .claim("nonce", nonce)
        .claim("scope", String.join(",", scope))
        .claim("user", user)
        .signWith(key.key(), Jwts.SIG.EdDSA)
        .compact();
  }

  /**
   * Verifies a Plex JWT: an EdDSA signature by a published server key, issuer and audience plex.tv,
   * a thumbprint and a user id. Whether its device is still there is the caller's lookup.
   *
   * @param jwt the token as presented
   * @return what it says; empty when it is not a Plex JWT this server signed
   * @throws TokenExpired when it is one, but its lifetime is over
   */
  Optional<Verified> verify(String jwt) {
    if (jwt.length() > MAX_LENGTH) {
      return Optional.empty();
    }
    Optional<Verified> verified = recent.find(Tokens.sha256Hex(jwt), hash -> verifyNow(jwt));
    if (verified.isPresent() && !clock.instant().isBefore(verified.get().expiresAt())) {
      // Verified less than a second ago, expired since: the full check says how (498, or 401 when
      // its key is gone too).
      return verifyNow(jwt);
    }
    return verified;
  }

  private Optional<Verified> verifyNow(String jwt) {
    Claims claims;
    try {
      claims =
          Jwts.parser()
              .keyLocator(
                  new LocatorAdapter<Key>() {
                    @Override
                    protected Key locate(JwsHeader header) {
                      String kid = header.getKeyId();
                      if (!ALGORITHM.equals(header.getAlgorithm()) || kid == null) {
                        throw new UnsupportedJwtException("not an EdDSA JWT with a kid");
                      }
                      return keys.publicKey(kid)
                          .orElseThrow(() -> new UnsupportedJwtException("unknown signing key"));
                    }
                  })
              .clock(() -> Date.from(clock.instant()))
              .requireIssuer(ISSUER)
              .build()
              .parseSignedClaims(jwt)
              .getPayload();
    } catch (ExpiredJwtException e) {
      throw new TokenExpired();
    } catch (JwtException | IllegalArgumentException | ClassCastException e) {
      return Optional.empty();
    }
    Set<String> audience = claims.getAudience();
    Object thumbprint = claims.get("thumbprint");
    Object registration = claims.get(REGISTRATION);
    Object user = claims.get("user");
    if (audience == null
        || !audience.contains(ISSUER)
        || !(thumbprint instanceof String)
        || !(registration instanceof String)
        || !(user instanceof Map<?, ?> userClaims)
        || !(userClaims.get("id") instanceof Number id)
        || claims.getIssuedAt() == null
        || claims.getExpiration() == null) {
      return Optional.empty();
    }
    return Optional.of(
        new Verified(
            (String) thumbprint,
            (String) registration,
            id.longValue(),
            Set.copyOf(audience),
            claims.getIssuedAt().toInstant(),
            claims.getExpiration().toInstant()));
  }
}
