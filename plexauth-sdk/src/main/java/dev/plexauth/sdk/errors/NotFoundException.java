package dev.plexauth.sdk.errors;

/** The server answered 404: the source or path is unknown. */
public class NotFoundException extends SDKError {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the error.
   *
   * @param details the answer
   */
  public NotFoundException(ErrorDetails details) {
    super(details);
  }
}
