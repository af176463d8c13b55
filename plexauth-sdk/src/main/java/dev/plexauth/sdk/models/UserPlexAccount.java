package dev.plexauth.sdk.models;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonPOJOBuilder;
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
 * <p>Reading is lenient, as real plex.tv needs: unknown fields are ignored, a {@code null} where
 * the specification requires a value reads as empty, numbers sent as strings are accepted, and
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
@JsonDeserialize(builder = UserPlexAccount.Builder.class)
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
    boolean hasPassword,
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

  /** Replaces missing values with empty ones and copies the lists. */
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

  /**
   * Starts a builder with the defaults of the specification.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns a builder holding this account's values, to change a few of them.
   *
   * @return a builder with every value of this account
   */
  public Builder toBuilder() {
    Builder builder = new Builder();
    builder.adsConsent = adsConsent;
    builder.adsConsentReminderAt = adsConsentReminderAt;
    builder.adsConsentSetAt = adsConsentSetAt;
    builder.anonymous = anonymous;
    builder.authToken = authToken;
    builder.backupCodesCreated = backupCodesCreated;
    builder.confirmed = confirmed;
    builder.country = country;
    builder.email = email;
    builder.emailOnlyAuth = emailOnlyAuth;
    builder.experimentalFeatures = experimentalFeatures;
    builder.friendlyName = friendlyName;
    builder.entitlements = entitlements;
    builder.guest = guest;
    builder.hasPassword = hasPassword;
    builder.home = home;
    builder.homeAdmin = homeAdmin;
    builder.homeSize = homeSize;
    builder.id = id;
    builder.joinedAt = joinedAt;
    builder.locale = locale;
    builder.mailingListActive = mailingListActive;
    builder.mailingListStatus = mailingListStatus;
    builder.maxHomeSize = maxHomeSize;
    builder.pin = pin;
    builder.profile = profile;
    builder.pinProtected = pinProtected;
    builder.rememberExpiresAt = rememberExpiresAt;
    builder.restricted = restricted;
    builder.roles = roles;
    builder.scrobbleTypes = scrobbleTypes;
    builder.services = services;
    builder.subscription = subscription;
    builder.subscriptionDescription = subscriptionDescription;
    builder.subscriptions = subscriptions;
    builder.thumb = thumb;
    builder.title = title;
    builder.twoFactorEnabled = twoFactorEnabled;
    builder.username = username;
    builder.uuid = uuid;
    builder.attributionPartner = attributionPartner;
    builder.pastSubscriptions = pastSubscriptions;
    builder.trials = trials;
    return builder;
  }

  @Override
  public String toString() {
    return Redaction.toString(this, SECRETS);
  }

  private static final Set<String> SECRETS = Set.of("authToken", "pin");

  /**
   * Builds a {@link UserPlexAccount}; every field starts at the specification's default.
   *
   * <pre>{@code
   * UserPlexAccount account = UserPlexAccount.builder().id(1).username("alice").build();
   * }</pre>
   */
  @JsonPOJOBuilder(withPrefix = "")
  @JsonIgnoreProperties(ignoreUnknown = true)
  public static final class Builder {
    private Optional<Boolean> adsConsent = Optional.empty();
    private Optional<Long> adsConsentReminderAt = Optional.empty();
    private Optional<Long> adsConsentSetAt = Optional.empty();
    private Optional<Boolean> anonymous = Optional.empty();
    private String authToken = "";
    private boolean backupCodesCreated = false;
    private boolean confirmed = false;
    private String country = "";
    private String email = "";
    private boolean emailOnlyAuth = false;
    private boolean experimentalFeatures = false;
    private String friendlyName = "";
    private List<String> entitlements = List.of();
    private boolean guest = false;
    private boolean hasPassword = true;
    private boolean home = false;
    private boolean homeAdmin = false;
    private int homeSize = 0;
    private long id = 0L;
    private long joinedAt = 0L;
    private Optional<String> locale = Optional.empty();
    private boolean mailingListActive = false;
    private Optional<MailingListStatus> mailingListStatus = Optional.empty();
    private int maxHomeSize = 0;
    private Optional<String> pin = Optional.empty();
    private UserProfile profile = UserProfile.DEFAULTS;
    private boolean pinProtected = false;
    private long rememberExpiresAt = 0L;
    private boolean restricted = false;
    private List<String> roles = List.of();
    private String scrobbleTypes = "";
    private List<Service> services = List.of();
    private Subscription subscription = Subscription.NONE;
    private Optional<String> subscriptionDescription = Optional.empty();
    private List<Subscription> subscriptions = List.of();
    private String thumb = "";
    private String title = "";
    private boolean twoFactorEnabled = false;
    private String username = "";
    private String uuid = "";
    private Optional<String> attributionPartner = Optional.empty();
    private List<PastSubscription> pastSubscriptions = List.of();
    private List<Map<String, Object>> trials = List.of();

    private Builder() {}

    /**
     * Sets whether the account consented to ads, if it answered.
     *
     * @param adsConsent the value, or null for none
     * @return this builder
     */
    public Builder adsConsent(Boolean adsConsent) {
      this.adsConsent = Optional.ofNullable(adsConsent);
      return this;
    }

    /**
     * Sets when to remind about ad consent, epoch seconds.
     *
     * @param adsConsentReminderAt the value, or null for none
     * @return this builder
     */
    public Builder adsConsentReminderAt(Long adsConsentReminderAt) {
      this.adsConsentReminderAt = Optional.ofNullable(adsConsentReminderAt);
      return this;
    }

    /**
     * Sets when ad consent was given, epoch seconds.
     *
     * @param adsConsentSetAt the value, or null for none
     * @return this builder
     */
    public Builder adsConsentSetAt(Long adsConsentSetAt) {
      this.adsConsentSetAt = Optional.ofNullable(adsConsentSetAt);
      return this;
    }

    /**
     * Sets whether the account is anonymous, if known.
     *
     * @param anonymous the value, or null for none
     * @return this builder
     */
    public Builder anonymous(Boolean anonymous) {
      this.anonymous = Optional.ofNullable(anonymous);
      return this;
    }

    /**
     * Sets the account token (secret: masked in {@link #toString()}).
     *
     * @param authToken the value
     * @return this builder
     */
    public Builder authToken(String authToken) {
      this.authToken = authToken;
      return this;
    }

    /**
     * Sets whether two-factor backup codes were created.
     *
     * @param backupCodesCreated the value
     * @return this builder
     */
    public Builder backupCodesCreated(boolean backupCodesCreated) {
      this.backupCodesCreated = backupCodesCreated;
      return this;
    }

    /**
     * Sets whether the account is confirmed.
     *
     * @param confirmed the value
     * @return this builder
     */
    public Builder confirmed(boolean confirmed) {
      this.confirmed = confirmed;
      return this;
    }

    /**
     * Sets the account country, e.g. {@code US}.
     *
     * @param country the value
     * @return this builder
     */
    public Builder country(String country) {
      this.country = country;
      return this;
    }

    /**
     * Sets the account email address.
     *
     * @param email the value
     * @return this builder
     */
    public Builder email(String email) {
      this.email = email;
      return this;
    }

    /**
     * Sets whether sign-in accepts the email address only.
     *
     * @param emailOnlyAuth the value
     * @return this builder
     */
    public Builder emailOnlyAuth(boolean emailOnlyAuth) {
      this.emailOnlyAuth = emailOnlyAuth;
      return this;
    }

    /**
     * Sets whether experimental features are on.
     *
     * @param experimentalFeatures the value
     * @return this builder
     */
    public Builder experimentalFeatures(boolean experimentalFeatures) {
      this.experimentalFeatures = experimentalFeatures;
      return this;
    }

    /**
     * Sets the account's full name.
     *
     * @param friendlyName the value
     * @return this builder
     */
    public Builder friendlyName(String friendlyName) {
      this.friendlyName = friendlyName;
      return this;
    }

    /**
     * Sets the devices the account may use.
     *
     * @param entitlements the value
     * @return this builder
     */
    public Builder entitlements(List<String> entitlements) {
      this.entitlements = entitlements;
      return this;
    }

    /**
     * Sets whether the account is a Plex Home guest.
     *
     * @param guest the value
     * @return this builder
     */
    public Builder guest(boolean guest) {
      this.guest = guest;
      return this;
    }

    /**
     * Sets whether the account has a password (true when absent).
     *
     * @param hasPassword the value
     * @return this builder
     */
    public Builder hasPassword(boolean hasPassword) {
      this.hasPassword = hasPassword;
      return this;
    }

    /**
     * Sets whether the account is a Plex Home user.
     *
     * @param home the value
     * @return this builder
     */
    public Builder home(boolean home) {
      this.home = home;
      return this;
    }

    /**
     * Sets whether the account is the Plex Home admin.
     *
     * @param homeAdmin the value
     * @return this builder
     */
    public Builder homeAdmin(boolean homeAdmin) {
      this.homeAdmin = homeAdmin;
      return this;
    }

    /**
     * Sets the number of accounts in the Plex Home.
     *
     * @param homeSize the value
     * @return this builder
     */
    public Builder homeSize(int homeSize) {
      this.homeSize = homeSize;
      return this;
    }

    /**
     * Sets the account id.
     *
     * @param id the value
     * @return this builder
     */
    public Builder id(long id) {
      this.id = id;
      return this;
    }

    /**
     * Sets when the account was created, epoch seconds.
     *
     * @param joinedAt the value
     * @return this builder
     */
    public Builder joinedAt(long joinedAt) {
      this.joinedAt = joinedAt;
      return this;
    }

    /**
     * Sets the account locale, if set.
     *
     * @param locale the value, or null for none
     * @return this builder
     */
    public Builder locale(String locale) {
      this.locale = Optional.ofNullable(locale);
      return this;
    }

    /**
     * Sets whether the newsletter subscription is active.
     *
     * @param mailingListActive the value
     * @return this builder
     */
    public Builder mailingListActive(boolean mailingListActive) {
      this.mailingListActive = mailingListActive;
      return this;
    }

    /**
     * Sets the mailing list status, if any.
     *
     * @param mailingListStatus the value, or null for none
     * @return this builder
     */
    public Builder mailingListStatus(MailingListStatus mailingListStatus) {
      this.mailingListStatus = Optional.ofNullable(mailingListStatus);
      return this;
    }

    /**
     * Sets the maximum number of accounts in the Plex Home.
     *
     * @param maxHomeSize the value
     * @return this builder
     */
    public Builder maxHomeSize(int maxHomeSize) {
      this.maxHomeSize = maxHomeSize;
      return this;
    }

    /**
     * Sets the hashed Plex Home PIN, if Plex sent one (masked in {@link #toString()}).
     *
     * @param pin the value, or null for none
     * @return this builder
     */
    public Builder pin(String pin) {
      this.pin = Optional.ofNullable(pin);
      return this;
    }

    /**
     * Sets the playback preferences.
     *
     * @param profile the value
     * @return this builder
     */
    public Builder profile(UserProfile profile) {
      this.profile = profile;
      return this;
    }

    /**
     * Sets whether the account has a Plex Home PIN (the wire name is {@code protected}).
     *
     * @param pinProtected the value
     * @return this builder
     */
    @JsonProperty("protected")
    public Builder pinProtected(boolean pinProtected) {
      this.pinProtected = pinProtected;
      return this;
    }

    /**
     * Sets when a remembered sign-in expires, epoch seconds.
     *
     * @param rememberExpiresAt the value
     * @return this builder
     */
    public Builder rememberExpiresAt(long rememberExpiresAt) {
      this.rememberExpiresAt = rememberExpiresAt;
      return this;
    }

    /**
     * Sets whether the account is a managed Plex Home user.
     *
     * @param restricted the value
     * @return this builder
     */
    public Builder restricted(boolean restricted) {
      this.restricted = restricted;
      return this;
    }

    /**
     * Sets the account roles, e.g. {@code plexpass}.
     *
     * @param roles the value
     * @return this builder
     */
    public Builder roles(List<String> roles) {
      this.roles = roles;
      return this;
    }

    /**
     * Sets the scrobble types, a string on the wire.
     *
     * @param scrobbleTypes the value
     * @return this builder
     */
    public Builder scrobbleTypes(String scrobbleTypes) {
      this.scrobbleTypes = scrobbleTypes;
      return this;
    }

    /**
     * Sets the services linked to the account.
     *
     * @param services the value
     * @return this builder
     */
    public Builder services(List<Service> services) {
      this.services = services;
      return this;
    }

    /**
     * Sets the Plex Pass subscription.
     *
     * @param subscription the value
     * @return this builder
     */
    public Builder subscription(Subscription subscription) {
      this.subscription = subscription;
      return this;
    }

    /**
     * Sets a description of the subscription, if any.
     *
     * @param subscriptionDescription the value, or null for none
     * @return this builder
     */
    public Builder subscriptionDescription(String subscriptionDescription) {
      this.subscriptionDescription = Optional.ofNullable(subscriptionDescription);
      return this;
    }

    /**
     * Sets all subscriptions.
     *
     * @param subscriptions the value
     * @return this builder
     */
    public Builder subscriptions(List<Subscription> subscriptions) {
      this.subscriptions = subscriptions;
      return this;
    }

    /**
     * Sets the URL of the account's picture.
     *
     * @param thumb the value
     * @return this builder
     */
    public Builder thumb(String thumb) {
      this.thumb = thumb;
      return this;
    }

    /**
     * Sets the account title (username or friendly name).
     *
     * @param title the value
     * @return this builder
     */
    public Builder title(String title) {
      this.title = title;
      return this;
    }

    /**
     * Sets whether two-factor authentication is on.
     *
     * @param twoFactorEnabled the value
     * @return this builder
     */
    public Builder twoFactorEnabled(boolean twoFactorEnabled) {
      this.twoFactorEnabled = twoFactorEnabled;
      return this;
    }

    /**
     * Sets the account username.
     *
     * @param username the value
     * @return this builder
     */
    public Builder username(String username) {
      this.username = username;
      return this;
    }

    /**
     * Sets the account UUID.
     *
     * @param uuid the value
     * @return this builder
     */
    public Builder uuid(String uuid) {
      this.uuid = uuid;
      return this;
    }

    /**
     * Sets the attribution partner, if any.
     *
     * @param attributionPartner the value, or null for none
     * @return this builder
     */
    public Builder attributionPartner(String attributionPartner) {
      this.attributionPartner = Optional.ofNullable(attributionPartner);
      return this;
    }

    /**
     * Sets past subscriptions (sent by sign-in).
     *
     * @param pastSubscriptions the value
     * @return this builder
     */
    public Builder pastSubscriptions(List<PastSubscription> pastSubscriptions) {
      this.pastSubscriptions = pastSubscriptions;
      return this;
    }

    /**
     * Sets trials, each as Plex sent it (sent by sign-in; plexjs drops their content).
     *
     * @param trials the value
     * @return this builder
     */
    public Builder trials(List<Map<String, Object>> trials) {
      this.trials = trials;
      return this;
    }

    /**
     * Builds the account.
     *
     * @return the account
     */
    public UserPlexAccount build() {
      return new UserPlexAccount(
          adsConsent,
          adsConsentReminderAt,
          adsConsentSetAt,
          anonymous,
          authToken,
          backupCodesCreated,
          confirmed,
          country,
          email,
          emailOnlyAuth,
          experimentalFeatures,
          friendlyName,
          entitlements,
          guest,
          hasPassword,
          home,
          homeAdmin,
          homeSize,
          id,
          joinedAt,
          locale,
          mailingListActive,
          mailingListStatus,
          maxHomeSize,
          pin,
          profile,
          pinProtected,
          rememberExpiresAt,
          restricted,
          roles,
          scrobbleTypes,
          services,
          subscription,
          subscriptionDescription,
          subscriptions,
          thumb,
          title,
          twoFactorEnabled,
          username,
          uuid,
          attributionPartner,
          pastSubscriptions,
          trials);
    }
  }
}
