package dev.plexauth.sdk.errors;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * One entry of a Plex error answer: {@code {"errors":[{"code":1001,"message":"…","status":401}]}}.
 *
 * <p>Known codes: 1000 client identifier missing, 1001 user could not be authenticated, 1028
 * invalid verification code, 1029 verification code required, 1031 too many failed sign-ins. A
 * field the server left out is 0 or empty.
 *
 * @param code the Plex error code, or 0
 * @param message the message, or empty
 * @param status the HTTP status the server meant, or 0
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PlexError(int code, String message, int status) {

  /** Client identifier missing. */
  public static final int CLIENT_IDENTIFIER_MISSING = 1000;

  /** User could not be authenticated. */
  public static final int NOT_AUTHENTICATED = 1001;

  /** Invalid verification code. */
  public static final int INVALID_VERIFICATION_CODE = 1028;

  /** Verification code required. */
  public static final int VERIFICATION_CODE_REQUIRED = 1029;

  /** Too many failed sign-ins. */
  public static final int TOO_MANY_FAILURES = 1031;

  /** Replaces a missing message with an empty one. */
  public PlexError {
    message = message == null ? "" : message;
  }
}
