package dev.plexauth.sdk.models;

/**
 * Whether {@code getServerResources} lists the connections through a relay ({@code
 * includeRelay=1}), as plexjs's {@code IncludeRelay}.
 *
 * <pre>{@code
 * plex.plex().getServerResources("my-client", IncludeHttps.ENABLE, IncludeRelay.ENABLE, IncludeRelay.ENABLE);
 * }</pre>
 */
public enum IncludeRelay {
  /** Leave them out ({@code 0}), the default. */
  DISABLE(0),
  /** List them ({@code 1}). */
  ENABLE(1);

  private final int value;

  IncludeRelay(int value) {
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
