package dev.plexauth.sdk.models;

/**
 * Whether {@code getServerResources} lists the connections to IPv6 addresses ({@code
 * includeIPv6=1}), as plexjs's {@code IncludeIPv6}.
 *
 * <pre>{@code
 * plex.plex().getServerResources("my-client", IncludeHttps.ENABLE, IncludeRelay.ENABLE, IncludeIPv6.ENABLE);
 * }</pre>
 */
public enum IncludeIPv6 {
  /** Leave them out ({@code 0}), the default. */
  DISABLE(0),
  /** List them ({@code 1}). */
  ENABLE(1);

  private final int value;

  IncludeIPv6(int value) {
    this.value = value;
  }

  /**
   * The value sent on the wire.
   *
   * @return 0 or 1
   */
  public int value() {
    return value;
  }
}
