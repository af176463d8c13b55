package dev.plexauth.server.auth;

import dev.plexauth.sdk.models.MailingListStatus;
import dev.plexauth.sdk.models.Subscription;
import dev.plexauth.sdk.models.UserPlexAccount;
import dev.plexauth.sdk.models.UserProfile;
import dev.plexauth.server.store.AccountRow;
import java.util.List;

/**
 * Builds the plex.tv user object from an account. Every field the contract requires is set, with
 * values the strict plexjs 0.32.1 parser accepts: profile switches 0/1, {@code mailingListStatus}
 * "active", subscription status "Inactive", integers for ids and epoch seconds.
 */
final class UserObjects {

  /** Plex Home size reported for a single account. */
  private static final int HOME_SIZE = 1;

  /** Plex's Plex Home limit. */
  private static final int MAX_HOME_SIZE = 15;

  private UserObjects() {}

  static UserPlexAccount user(AccountRow account, String authToken, long rememberUntilMillis) {
    return UserPlexAccount.builder()
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
        .subscriptionDescription(null)
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
        .adsConsent(null)
        .adsConsentSetAt(null)
        .adsConsentReminderAt(null)
        .experimentalFeatures(false)
        .twoFactorEnabled(account.totpSecret().isPresent())
        .backupCodesCreated(false)
        .attributionPartner(null)
        .subscriptions(List.of())
        .pastSubscriptions(List.of())
        .trials(List.of())
        .build();
  }
}
