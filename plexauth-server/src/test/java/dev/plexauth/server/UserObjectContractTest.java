package dev.plexauth.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plexauth.server.support.Fixture;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The user object carries the contract's 39 required fields with values plexjs 0.32.1 accepts
 * (contract section 4): integers for ids and times, closed enums within their values, PlexBoolean
 * profile switches at 0 or 1.
 */
class UserObjectContractTest {

  private static final List<String> REQUIRED =
      List.of(
          "adsConsent",
          "adsConsentReminderAt",
          "adsConsentSetAt",
          "anonymous",
          "authToken",
          "backupCodesCreated",
          "confirmed",
          "country",
          "email",
          "emailOnlyAuth",
          "experimentalFeatures",
          "friendlyName",
          "entitlements",
          "guest",
          "hasPassword",
          "home",
          "homeAdmin",
          "homeSize",
          "id",
          "joinedAt",
          "locale",
          "mailingListActive",
          "mailingListStatus",
          "maxHomeSize",
          "profile",
          "protected",
          "rememberExpiresAt",
          "restricted",
          "scrobbleTypes",
          "services",
          "subscription",
          "subscriptionDescription",
          "subscriptions",
          "thumb",
          "title",
          "twoFactorEnabled",
          "username",
          "uuid",
          "attributionPartner");

  @TempDir Path dataDir;

  @Test
  void signInAndTokenDetailsRenderEveryRequiredFieldWithAcceptedValues() {
    try (Fixture fx = Fixture.withAccounts(dataDir)) {
      JsonNode signIn = fx.http.signIn("c", Fixture.ADMIN, Fixture.ADMIN_PASSWORD, null).json();
      JsonNode details =
          fx.http.getJson("/api/v2/user", "X-Plex-Token", signIn.path("authToken").asText()).json();

      assertThat(REQUIRED).hasSize(39);
      for (JsonNode user : List.of(signIn, details)) {
        assertThat(user.fieldNames()).toIterable().containsAll(REQUIRED);
        for (String integer :
            List.of("id", "joinedAt", "homeSize", "maxHomeSize", "rememberExpiresAt")) {
          assertThat(user.path(integer).isIntegralNumber()).as(integer).isTrue();
        }
        for (String nullable :
            List.of(
                "adsConsent",
                "adsConsentReminderAt",
                "adsConsentSetAt",
                "locale",
                "subscriptionDescription",
                "attributionPartner")) {
          assertThat(user.path(nullable).isNull()).as(nullable).isTrue();
        }
        for (String text :
            List.of(
                "authToken",
                "country",
                "email",
                "friendlyName",
                "scrobbleTypes",
                "thumb",
                "title",
                "username",
                "uuid")) {
          assertThat(user.path(text).isTextual()).as(text).isTrue();
        }
        for (String bool :
            List.of(
                "anonymous",
                "backupCodesCreated",
                "confirmed",
                "emailOnlyAuth",
                "experimentalFeatures",
                "guest",
                "hasPassword",
                "home",
                "homeAdmin",
                "mailingListActive",
                "protected",
                "restricted",
                "twoFactorEnabled")) {
          assertThat(user.path(bool).isBoolean()).as(bool).isTrue();
        }
        assertThat(user.path("mailingListStatus").asText()).isIn("active", "unsubscribed");
        assertThat(user.path("entitlements").isArray()).isTrue();
        assertThat(user.path("services").isArray()).isTrue();
        assertThat(user.path("subscriptions").isArray()).isTrue();
        assertThat(user.path("subscription").path("status").asText()).isIn("Active", "Inactive");
        assertThat(user.path("subscription").path("features").isArray()).isTrue();
        assertThat(user.has("pin")).isFalse();
        JsonNode profile = user.path("profile");
        assertThat(profile.path("autoSelectAudio").isBoolean()).isTrue();
        assertThat(profile.has("defaultAudioLanguage")).isTrue();
        assertThat(profile.has("defaultSubtitleLanguage")).isTrue();
        for (String plexBoolean :
            List.of(
                "autoSelectSubtitle",
                "defaultSubtitleAccessibility",
                "defaultSubtitleForced",
                "watchedIndicator",
                "mediaReviewsVisibility")) {
          assertThat(profile.path(plexBoolean).isInt()).as(plexBoolean).isTrue();
          assertThat(Set.of(0, 1)).contains(profile.path(plexBoolean).asInt());
        }
      }
      assertThat(signIn.path("pastSubscriptions").isArray()).isTrue();
      assertThat(signIn.path("trials").isArray()).isTrue();
      assertThat(details.path("id").asLong()).isEqualTo(signIn.path("id").asLong());
      assertThat(details.path("uuid").asText()).isEqualTo(signIn.path("uuid").asText());
    }
  }
}
