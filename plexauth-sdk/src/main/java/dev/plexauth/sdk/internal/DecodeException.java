package dev.plexauth.sdk.internal;

/** A body could not be read; the message is a short reason free of body content. */
final class DecodeException extends Exception {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param reason why the body could not be read
   */
  DecodeException(String reason) {
    super(reason, null, false, false);
  }
}
