package dev.plexauth.sdk.errors;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * One entry of a Plex error answer: {@code {"errors":[{"code":1001,"message":"…","status":401}]}}.
 *
 * <p>The codes this version knows are the constants of {@link PlexErrorCode}. A field the server
 * left out is 0 or empty.
 *
 * @param code the Plex error code, or 0
 * @param message the message, or empty
 * @param status the HTTP status the server meant, or 0
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PlexError(int code, String message, int status) {

  /** Replaces a missing message with an empty one. */
  public PlexError {
    message = message == null ? "" : message;
  }
}
