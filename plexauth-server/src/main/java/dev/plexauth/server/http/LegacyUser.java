package dev.plexauth.server.http;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.plexauth.sdk.models.Subscription;
import dev.plexauth.sdk.models.UserPlexAccount;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The user object of the older sign-in route, {@code POST /users/sign_in.json}: {@code
 * {"user":{…}}} with the token as both {@code authToken} and {@code authentication_token}, and the
 * join time as {@code joined_at} text ({@code 2024-01-01 10:00:00 UTC}). In XML the same user is
 * {@code <user …>} with {@code authenticationToken} and {@code joinedAt} attributes.
 *
 * @param user the user
 */
record LegacyUser(@JsonProperty("user") Fields user) {

  private static final DateTimeFormatter JOINED =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  /**
   * The fields of the older user object.
   *
   * @param id the account id
   * @param uuid the account uuid
   * @param email the email address
   * @param joinedAt when the account was made
   * @param username the username
   * @param title the title
   * @param thumb the picture's URL
   * @param hasPassword always true here
   * @param authToken the new token
   * @param authenticationToken the same token, by its older name
   * @param locale the locale, if set
   * @param mailingListStatus the mailing list status
   * @param mailingListActive whether the newsletter is active
   * @param scrobbleTypes the scrobble types
   * @param home whether a Plex Home user
   * @param guest whether a guest
   * @param restricted whether a managed user
   * @param homeSize the Plex Home's size
   * @param maxHomeSize the largest Plex Home
   * @param twoFactorEnabled whether two-factor sign-in is on
   * @param subscription the Plex Pass subscription
   * @param roles the roles, wrapped as {@code {"roles":[…]}}
   * @param entitlements the entitlements
   */
  record Fields(
      long id,
      String uuid,
      String email,
      @JsonProperty("joined_at") String joinedAt,
      String username,
      String title,
      String thumb,
      boolean hasPassword,
      String authToken,
      @JsonProperty("authentication_token") String authenticationToken,
      Optional<String> locale,
      String mailingListStatus,
      boolean mailingListActive,
      String scrobbleTypes,
      boolean home,
      boolean guest,
      boolean restricted,
      int homeSize,
      int maxHomeSize,
      boolean twoFactorEnabled,
      LegacySubscription subscription,
      Roles roles,
      List<String> entitlements) {

    @Override
    public String toString() {
      return "LegacyUser.Fields[id=" + id + ", username=" + username + "]";
    }
  }

  /**
   * The subscription of the older user object.
   *
   * @param active whether it is active
   * @param status {@code Active} or {@code Inactive}
   * @param plan the plan, if any
   * @param features the features
   */
  record LegacySubscription(
      boolean active, String status, Optional<String> plan, List<String> features) {}

  /**
   * The roles, wrapped as the older object has them.
   *
   * @param roles the roles
   */
  record Roles(List<String> roles) {}

  static LegacyUser of(UserPlexAccount account) {
    Subscription subscription = account.subscription();
    return new LegacyUser(
        new Fields(
            account.id(),
            account.uuid(),
            account.email(),
            JOINED.format(Instant.ofEpochSecond(account.joinedAt())),
            account.username(),
            account.title(),
            account.thumb(),
            account.hasPassword(),
            account.authToken(),
            account.authToken(),
            account.locale(),
            account.mailingListStatus().map(s -> s.value()).orElse("inactive"),
            account.mailingListActive(),
            account.scrobbleTypes(),
            account.home(),
            account.guest(),
            account.restricted(),
            account.homeSize(),
            account.maxHomeSize(),
            account.twoFactorEnabled(),
            new LegacySubscription(
                subscription.active(),
                subscription.status().map(s -> s.value()).orElse("Inactive"),
                subscription.plan(),
                subscription.features()),
            new Roles(account.roles()),
            account.entitlements()));
  }

  /**
   * The XML form: the fields as attributes of {@code <user>}, with {@code authenticationToken} and
   * {@code joinedAt} for the JSON's snake-case names, and {@code <roles>} as a plain list.
   */
  JsonNode xml() {
    ObjectNode fields = Responses.MAPPER.valueToTree(user);
    ObjectNode xml = Responses.MAPPER.createObjectNode();
    fields
        .properties()
        .forEach(
            field -> {
              switch (field.getKey()) {
                case "authentication_token" -> xml.set("authenticationToken", field.getValue());
                case "joined_at" -> xml.set("joinedAt", field.getValue());
                case "roles" -> xml.set("roles", field.getValue().path("roles"));
                default -> xml.set(field.getKey(), field.getValue());
              }
            });
    return xml;
  }

  @Override
  public String toString() {
    return "LegacyUser[" + user + "]";
  }
}
