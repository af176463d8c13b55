package dev.plexauth.sdk.errors;

/** A 400 answer to {@code getServerResources} (Plex code 1000 without a client identifier). */
public class GetServerResourcesBadRequest extends BadRequestException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the error.
   *
   * @param details the answer
   */
  public GetServerResourcesBadRequest(ErrorDetails details) {
    super(details);
  }
}
