package dev.plexauth.sdk.errors;

/** A 408 answer to {@code getServerIdentity}: the server took too long to say who it is. */
public class GetServerIdentityRequestTimeout extends SDKError {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the error.
   *
   * @param details the answer
   */
  public GetServerIdentityRequestTimeout(ErrorDetails details) {
    super(details);
  }
}
