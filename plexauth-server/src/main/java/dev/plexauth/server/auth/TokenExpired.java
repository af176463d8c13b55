package dev.plexauth.server.auth;

/**
 * A Plex JWT was presented whose signature is good but whose lifetime is over: Plex answers 498, so
 * that the client refreshes it instead of signing in again. The message never holds the token.
 */
public final class TokenExpired extends RuntimeException {
  private static final long serialVersionUID = 1L;

  TokenExpired() {
    super("the token has expired", null, false, false);
  }
}
