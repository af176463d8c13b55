package dev.plexauth.sdk;

import java.util.function.Supplier;

/**
 * A token that can be renewed when the server says it has expired (HTTP 498). Given to {@link
 * PlexAPI.Builder#accessToken(Supplier)}, the client calls {@link #refresh(String)} once when a
 * call gets 498 and retries that call once with the new token; a second 498 reaches the caller as
 * {@link dev.plexauth.sdk.errors.TokenExpiredException}. {@link DeviceKeyLogin} is one.
 *
 * <pre>{@code
 * PlexAPI plex = base.newBuilder().accessToken(deviceKeyLogin).build();
 * }</pre>
 */
public interface RefreshableToken extends Supplier<String> {

  /**
   * Renews the token, unless it was renewed already since {@code expired} was handed out.
   *
   * @param expired the token the server refused as expired
   */
  void refresh(String expired);
}
