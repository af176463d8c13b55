package dev.plexauth.server.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jsonwebtoken.JwtBuilder;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Jwks;
import io.jsonwebtoken.security.OctetPublicJwk;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A device of the JWT model in a test: an Ed25519 key pair, its public JWK, and device JWTs signed
 * with it (by jjwt, as a real client would), to be varied one claim at a time.
 */
public final class TestDevice {

  private static final ObjectMapper JSON = new ObjectMapper();

  public final String clientIdentifier;
  public final KeyPair keys;
  public final OctetPublicJwk<PublicKey> jwk;

  public TestDevice(String clientIdentifier) {
    this.clientIdentifier = clientIdentifier;
    try {
      this.keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
    this.jwk =
        Jwks.builder()
            .octetKey(keys.getPublic())
            .idFromThumbprint()
            .algorithm("EdDSA")
            .publicKeyUse("sig")
            .build();
  }

  /** The key's kid: its RFC 7638 thumbprint. */
  public String kid() {
    return jwk.getId();
  }

  /** The JWK's members. */
  public Map<String, Object> jwkMembers() {
    return new LinkedHashMap<>(jwk);
  }

  /** {@code {"jwk": {…}}} with these members. */
  public static String jwkBody(Map<String, Object> members) {
    try {
      return JSON.writeValueAsString(Map.of("jwk", members));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code {"jwk": {…}}} for this device's key. */
  public String jwkBody() {
    return jwkBody(jwkMembers());
  }

  /** {@code {"jwt": "…"}}. */
  public static String jwtBody(String jwt) {
    try {
      return JSON.writeValueAsString(Map.of("jwt", jwt));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A device JWT builder with every claim right for a nonce at a moment, not yet signed. */
  public JwtBuilder claims(String nonce, Instant now) {
    return claims(nonce, now, "plex.tv");
  }

  /** A device JWT builder for an audience; no nonce claim when {@code nonce} is null. */
  public JwtBuilder claims(String nonce, Instant now, String audience) {
    JwtBuilder builder = Jwts.builder().header().keyId(kid()).and();
    if (nonce != null) {
      builder.claim("nonce", nonce);
    }
    return builder
        .claim("scope", "username,email,friendly_name")
        .audience()
        .add(audience)
        .and()
        .issuer(clientIdentifier)
        .issuedAt(Date.from(now))
        .expiration(Date.from(now.plus(Duration.ofMinutes(5))));
  }

  /** A good device JWT for a nonce at a moment. */
  public String jwt(String nonce, Instant now) {
    return sign(claims(nonce, now));
  }

  /** Signs a builder with this device's private key. */
  public String sign(JwtBuilder builder) {
    return builder.signWith(keys.getPrivate(), Jwts.SIG.EdDSA).compact();
  }
}
