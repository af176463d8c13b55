package dev.plexauth.sdk.errors;

/**
 * The Plex error codes, as {@code errors[].code} of an error answer carries them and {@link
 * SDKError#code()} returns them. plex.tv and the Plex Media Server send more codes than these, and
 * new ones, so a code is an {@code int}: compare it with these constants.
 *
 * <pre>{@code
 * try {
 *   auth.postUsersSignInData(request);
 * } catch (PostUsersSignInDataUnauthorized e) {
 *   if (e.code() == PlexErrorCode.VERIFICATION_CODE_REQUIRED) {
 *     // ask for the two-factor code and sign in again with it
 *   }
 * }
 * }</pre>
 */
public final class PlexErrorCode {

  /** 400: {@code X-Plex-Client-Identifier} is missing. */
  public static final int CLIENT_IDENTIFIER_MISSING = 1000;

  /** 401: the user could not be authenticated: a bad or missing token, or bad credentials. */
  public static final int NOT_AUTHENTICATED = 1001;

  /** 404: no such resource. */
  public static final int NOT_FOUND = 1002;

  /** 429: too many requests. */
  public static final int RATE_LIMITED = 1003;

  /** 400: a parameter or the body is missing or malformed (also 413 and 415). */
  public static final int BAD_REQUEST = 1004;

  /** 405: the method is not allowed on this path. */
  public static final int METHOD_NOT_ALLOWED = 1005;

  /** 500 or 503: the server could not answer. */
  public static final int INTERNAL = 1007;

  /** 403: the token is valid but lacks the access needed. */
  public static final int FORBIDDEN = 1009;

  /**
   * 404: a pin or its code is unknown, expired, used up, or another client's ("Code not found or
   * expired").
   */
  public static final int CODE_NOT_FOUND = 1020;

  /** 401: the two-factor verification code is wrong, expired or was used already. */
  public static final int INVALID_VERIFICATION_CODE = 1028;

  /** 401: the account has two-factor authentication and no verification code was sent. */
  public static final int VERIFICATION_CODE_REQUIRED = 1029;

  /** 429 (plex.tv also sends 401): too many failed sign-ins; wait for {@code Retry-After}. */
  public static final int TOO_MANY_FAILURES = 1031;

  /**
   * 498: the Plex JWT has expired; refresh it (trade a new nonce for a new one). Plex documents the
   * status, not a code; this one is plexauth's.
   */
  public static final int TOKEN_EXPIRED = 1098;

  /**
   * 422: the device JWT does not verify: bad signature, unknown key, used or expired nonce, wrong
   * audience or issuer, or a lifetime over five minutes. Plex documents the status, not a code;
   * this one is plexauth's.
   */
  public static final int JWT_NOT_VERIFIED = 1099;

  /**
   * 422: the device key's thumbprint is registered by another device. Plex documents the status,
   * not a code; this one is plexauth's.
   */
  public static final int THUMBPRINT_TAKEN = 1100;

  private PlexErrorCode() {}
}
