package dev.plexauth.sdk.errors;

/** A 401 answer to {@code getSourceConnectionInformation}. */
public class GetSourceConnectionInformationUnauthorized extends UnauthorizedException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the error.
   *
   * @param details the answer
   */
  public GetSourceConnectionInformationUnauthorized(ErrorDetails details) {
    super(details);
  }
}
