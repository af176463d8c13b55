package dev.plexauth.sdk.errors;

/** A 400 answer to {@code getSourceConnectionInformation}. */
public class GetSourceConnectionInformationBadRequest extends BadRequestException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the error.
   *
   * @param details the answer
   */
  public GetSourceConnectionInformationBadRequest(ErrorDetails details) {
    super(details);
  }
}
