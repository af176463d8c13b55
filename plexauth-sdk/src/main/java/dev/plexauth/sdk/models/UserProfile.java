package dev.plexauth.sdk.models;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.util.Objects;
import java.util.Optional;

/**
 * An account's playback preferences.
 *
 * <p>The subtitle modes are integers as on the wire: the specification lists 0 and 1, real Plex
 * sends 0 to 3 (for {@code autoSelectSubtitle}: 0 manually selected, 1 shown with foreign audio, 2
 * always enabled), and every value is kept.
 *
 * @param autoSelectAudio whether audio and subtitle tracks are selected automatically (true when
 *     absent, as in the specification)
 * @param defaultAudioLanguage the preferred audio language, if any
 * @param defaultSubtitleLanguage the preferred subtitle language, if any
 * @param autoSelectSubtitle the auto-select subtitle mode
 * @param defaultSubtitleAccessibility the SDH subtitle mode
 * @param defaultSubtitleForced the forced subtitle mode
 * @param watchedIndicator whether watched indicators are shown (0 or 1)
 * @param mediaReviewsVisibility whether media reviews are visible (0 or 1)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record UserProfile(
    @JsonDeserialize(using = TrueByDefault.class) boolean autoSelectAudio,
    Optional<String> defaultAudioLanguage,
    Optional<String> defaultSubtitleLanguage,
    int autoSelectSubtitle,
    int defaultSubtitleAccessibility,
    int defaultSubtitleForced,
    int watchedIndicator,
    int mediaReviewsVisibility) {

  /** The profile of a new account: audio selected automatically, everything else off. */
  public static final UserProfile DEFAULTS =
      new UserProfile(true, Optional.empty(), Optional.empty(), 0, 0, 0, 0, 0);

  /** Replaces missing optionals with empty ones. */
  public UserProfile {
    defaultAudioLanguage = Objects.requireNonNullElse(defaultAudioLanguage, Optional.empty());
    defaultSubtitleLanguage = Objects.requireNonNullElse(defaultSubtitleLanguage, Optional.empty());
  }
}
