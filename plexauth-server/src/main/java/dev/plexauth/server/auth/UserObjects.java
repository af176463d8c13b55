package dev.plexauth.server.auth;

import dev.plexauth.sdk.models.MailingListStatus;
import dev.plexauth.sdk.models.Subscription;
import dev.plexauth.sdk.models.UserPlexAccount;
import dev.plexauth.sdk.models.UserProfile;
import dev.plexauth.server.store.AccountRow;
import io.soabase.recordbuilder.core.RecordBuilder;
import java.util.List;

/**
 * Builds the plex.tv user object from an account. Every field the contract requires is set, with
 * values the strict plexjs 0.32.1 parser accepts: profile switches 0/1, {@code mailingListStatus}
 * "active", subscription status "Inactive", integers for ids and epoch seconds. The SDK's record is
 * built with {@code UserPlexAccountBuilder}, generated at compile time from its components.
 */
@RecordBuilder.Include(UserPlexAccount.class)
@RecordBuilder.Options(
    enableWither = false,
    addStaticBuilder = false,
    enableGetters = false,
    inheritComponentAnnotations = false,
    addConcreteSettersForOptional = RecordBuilder.ConcreteSettersForOptionalMode.ENABLED)
final class UserObjects {

  /** Plex Home size reported for a single account. */
  private static final int HOME_SIZE = 1;

  /** Plex's Plex Home limit. */
  private static final int MAX_HOME_SIZE = 15;

  private UserObjects() {}

  /**
   * The user object of an account. The optional fields it leaves unset ({@code adsConsent}, {@code
   * adsConsentSetAt}, {@code adsConsentReminderAt}, {@code subscriptionDescription}, {@code
   * attributionPartner}) are written as null.
   */
  static UserPlexAccount user(AccountRow account, String authToken, long rememberUntilMillis) {
    return UserPlexAccountBuilder.builder()
        .id(account.id())
        .uuid(account.uuid())
        .username(account.username())
        .title(account.username())
        .email(account.email())
        .friendlyName(
            account.friendlyName().isEmpty() ? account.username() : account.friendlyName())
        .locale(account.locale().orElse(null))
        .confirmed(true)
        .joinedAt(account.createdAtMillis() / 1000)
        .emailOnlyAuth(false)
        .hasPassword(true)
        .pinProtected(false)
        .thumb("")
        .authToken(authToken)
        .mailingListStatus(MailingListStatus.ACTIVE)
        .mailingListActive(false)
        .scrobbleTypes("")
        .country(account.country())
        .subscription(Subscription.NONE)
        .restricted(false)
        .anonymous(false)
        .home(false)
        .guest(false)
        .homeSize(HOME_SIZE)
        .homeAdmin(account.admin())
        .maxHomeSize(MAX_HOME_SIZE)
        .rememberExpiresAt(rememberUntilMillis / 1000)
        .profile(UserProfile.DEFAULTS)
        .entitlements(List.of())
        .roles(List.of())
        .services(List.of())
        .experimentalFeatures(false)
        .twoFactorEnabled(account.totpSecret().isPresent())
        .backupCodesCreated(false)
        .subscriptions(List.of())
        .pastSubscriptions(List.of())
        .trials(List.of())
        .build();
  }
}
