package dev.plexauth.sdk.errors;

/** A 400 answer to {@code getServerCapabilities}. */
public class GetServerCapabilitiesBadRequest extends BadRequestException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the error.
   *
   * @param details the answer
   */
  public GetServerCapabilitiesBadRequest(ErrorDetails details) {
    super(details);
  }
}
