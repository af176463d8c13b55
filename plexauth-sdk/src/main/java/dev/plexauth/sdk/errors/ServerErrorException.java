package dev.plexauth.sdk.errors;

/** The server answered with a 5xx status. */
public class ServerErrorException extends SDKError {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the error.
   *
   * @param details the answer
   */
  public ServerErrorException(ErrorDetails details) {
    super(details);
  }
}
