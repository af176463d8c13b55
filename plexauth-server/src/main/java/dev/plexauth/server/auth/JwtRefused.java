package dev.plexauth.server.auth;

/**
 * A step of JWT device authentication was refused. The message says why in words a client can act
 * on and never holds a token, a JWT or a key.
 */
public final class JwtRefused extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why, and so which answer: the HTTP layer maps each to its status. */
  public enum Reason {
    /** The key, the JWT or the body is malformed: 400. */
    MALFORMED,
    /** The token belongs to another client identifier, or is not an account token: 401. */
    WRONG_CLIENT,
    /** Another device has registered this key: 422. */
    KEY_TAKEN,
    /**
     * The device JWT does not verify: bad signature, unknown key, used or expired nonce, wrong
     * audience or issuer, too long a lifetime: 422.
     */
    INVALID
  }

  private final Reason reason;

  JwtRefused(Reason reason, String message) {
    super(message, null, false, false);
    this.reason = reason;
  }

  /**
   * Why the step was refused.
   *
   * @return the reason
   */
  public Reason reason() {
    return reason;
  }
}
