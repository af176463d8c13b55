package dev.plexauth.sdk.models;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * One entry of a server's root directory in {@code getServerCapabilities}.
 *
 * @param count how many items it holds
 * @param key its path, e.g. {@code library}
 * @param title its title
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Directory(long count, String key, String title) {

  /** Replaces missing strings with empty ones. */
  public Directory {
    key = NullToEmpty.text(key);
    title = NullToEmpty.text(title);
  }
}
