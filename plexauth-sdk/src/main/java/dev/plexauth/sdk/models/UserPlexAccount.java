package dev.plexauth.sdk.models;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import dev.plexauth.sdk.internal.Redaction;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A Plex account as plex.tv describes it: the answer of {@code getTokenDetails} and of {@code
 * postUsersSignInData}.
 *
 * <p>Reading is lenient, as real plex.tv needs: unknown fields are ignored, an absent field or a
 * {@code null} where the specification requires a value reads as the specification's default (empty
 * text and lists, {@code false} and {@code 0}, {@code hasPassword} true, {@link
 * UserProfile#DEFAULTS}, {@link Subscription#NONE}), numbers sent as strings are accepted, and
 * enums are open. Fields that plex.tv may send as {@code null} are {@link Optional}.
 *
 * <pre>{@code
 * UserPlexAccount account = plex.authentication().getTokenDetails().userPlexAccount();
 * System.out.println(account.username() + " <" + account.email() + ">");
 * }</pre>
 *
 * @param adsConsent whether the account consented to ads, if it answered
 * @param adsConsentReminderAt when to remind about ad consent, epoch seconds
 * @param adsConsentSetAt when ad consent was given, epoch seconds
 * @param anonymous whether the account is anonymous, if known
 * @param authToken the account token (secret: masked in {@link #toString()})
 * @param backupCodesCreated whether two-factor backup codes were created
 * @param confirmed whether the account is confirmed
 * @param country the account country, e.g. {@code US}
 * @param email the account email address
 * @param emailOnlyAuth whether sign-in accepts the email address only
 * @param experimentalFeatures whether experimental features are on
 * @param friendlyName the account's full name
 * @param entitlements the devices the account may use
 * @param guest whether the account is a Plex Home guest
 * @param hasPassword whether the account has a password (true when absent)
 * @param home whether the account is a Plex Home user
 * @param homeAdmin whether the account is the Plex Home admin
 * @param homeSize the number of accounts in the Plex Home
 * @param id the account id
 * @param joinedAt when the account was created, epoch seconds
 * @param locale the account locale, if set
 * @param mailingListActive whether the newsletter subscription is active
 * @param mailingListStatus the mailing list status, if any
 * @param maxHomeSize the maximum number of accounts in the Plex Home
 * @param pin the hashed Plex Home PIN, if Plex sent one (masked in {@link #toString()})
 * @param profile the playback preferences
 * @param pinProtected whether the account has a Plex Home PIN (the wire name is {@code protected})
 * @param rememberExpiresAt when a remembered sign-in expires, epoch seconds
 * @param restricted whether the account is a managed Plex Home user
 * @param roles the account roles, e.g. {@code plexpass}
 * @param scrobbleTypes the scrobble types, a string on the wire
 * @param services the services linked to the account
 * @param subscription the Plex Pass subscription
 * @param subscriptionDescription a description of the subscription, if any
 * @param subscriptions all subscriptions
 * @param thumb the URL of the account's picture
 * @param title the account title (username or friendly name)
 * @param twoFactorEnabled whether two-factor authentication is on
 * @param username the account username
 * @param uuid the account UUID
 * @param attributionPartner the attribution partner, if any
 * @param pastSubscriptions past subscriptions (sent by sign-in)
 * @param trials trials, each as Plex sent it (sent by sign-in; plexjs drops their content)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record UserPlexAccount(
    Optional<Boolean> adsConsent,
    Optional<Long> adsConsentReminderAt,
    Optional<Long> adsConsentSetAt,
    Optional<Boolean> anonymous,
    String authToken,
    boolean backupCodesCreated,
    boolean confirmed,
    String country,
    String email,
    boolean emailOnlyAuth,
    boolean experimentalFeatures,
    String friendlyName,
    List<String> entitlements,
    boolean guest,
    @JsonDeserialize(using = TrueByDefault.class) boolean hasPassword,
    boolean home,
    boolean homeAdmin,
    int homeSize,
    long id,
    long joinedAt,
    Optional<String> locale,
    boolean mailingListActive,
    Optional<MailingListStatus> mailingListStatus,
    int maxHomeSize,
    @JsonInclude(JsonInclude.Include.NON_ABSENT) Optional<String> pin,
    UserProfile profile,
    @JsonProperty("protected") boolean pinProtected,
    long rememberExpiresAt,
    boolean restricted,
    List<String> roles,
    String scrobbleTypes,
    List<Service> services,
    Subscription subscription,
    Optional<String> subscriptionDescription,
    List<Subscription> subscriptions,
    String thumb,
    String title,
    boolean twoFactorEnabled,
    String username,
    String uuid,
    Optional<String> attributionPartner,
    List<PastSubscription> pastSubscriptions,
    List<Map<String, Object>> trials) {

  /** Replaces missing values with the specification's defaults and copies the lists. */
  public UserPlexAccount {
    adsConsent = Objects.requireNonNullElse(adsConsent, Optional.empty());
    adsConsentReminderAt = Objects.requireNonNullElse(adsConsentReminderAt, Optional.empty());
    adsConsentSetAt = Objects.requireNonNullElse(adsConsentSetAt, Optional.empty());
    anonymous = Objects.requireNonNullElse(anonymous, Optional.empty());
    authToken = NullToEmpty.text(authToken);
    country = NullToEmpty.text(country);
    email = NullToEmpty.text(email);
    friendlyName = NullToEmpty.text(friendlyName);
    entitlements = NullToEmpty.list(entitlements);
    locale = Objects.requireNonNullElse(locale, Optional.empty());
    mailingListStatus = Objects.requireNonNullElse(mailingListStatus, Optional.empty());
    pin = Objects.requireNonNullElse(pin, Optional.empty());
    profile = profile == null ? UserProfile.DEFAULTS : profile;
    roles = NullToEmpty.list(roles);
    scrobbleTypes = NullToEmpty.text(scrobbleTypes);
    services = NullToEmpty.list(services);
    subscription = subscription == null ? Subscription.NONE : subscription;
    subscriptionDescription = Objects.requireNonNullElse(subscriptionDescription, Optional.empty());
    subscriptions = NullToEmpty.list(subscriptions);
    thumb = NullToEmpty.text(thumb);
    title = NullToEmpty.text(title);
    username = NullToEmpty.text(username);
    uuid = NullToEmpty.text(uuid);
    attributionPartner = Objects.requireNonNullElse(attributionPartner, Optional.empty());
    pastSubscriptions = NullToEmpty.list(pastSubscriptions);
    trials = NullToEmpty.list(trials);
    trials = trials.stream().map(NullToEmpty::map).toList();
  }

  @Override
  public String toString() {
    return Redaction.toString(this, SECRETS);
  }

  private static final Set<String> SECRETS = Set.of("authToken", "pin");
}
