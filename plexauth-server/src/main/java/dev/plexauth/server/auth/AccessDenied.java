package dev.plexauth.server.auth;

/** The token is valid but does not carry the access asked for (source information needs admin). */
public final class AccessDenied extends RuntimeException {
  private static final long serialVersionUID = 1L;

  AccessDenied(String message) {
    super(message, null, false, false);
  }
}
