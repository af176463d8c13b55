package dev.plexauth.sdk.models;

/**
 * Whether {@code getServerResources} lists the {@code https} connections ({@code includeHttps=1}),
 * as plexjs's {@code IncludeHttps}.
 *
 * <pre>{@code
 * plex.plex().getServerResources("my-client", IncludeHttps.ENABLE, IncludeRelay.ENABLE, IncludeHttps.ENABLE);
 * }</pre>
 */
public enum IncludeHttps {
  /** Leave them out ({@code 0}), the default. */
  DISABLE(0),
  /** List them ({@code 1}). */
  ENABLE(1);

  private final int value;

  IncludeHttps(int value) {
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
