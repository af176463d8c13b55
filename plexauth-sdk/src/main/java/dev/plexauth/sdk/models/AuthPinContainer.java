package dev.plexauth.sdk.models;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.plexauth.sdk.internal.Redaction;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A pin of the PIN sign-in (plexjs's {@code GetPinAuthPinContainer} and {@code
 * GetTokenByPinIdAuthPinContainer}): the answer of {@code getPin} and {@code getTokenByPinId}.
 *
 * <pre>{@code
 * AuthPinContainer pin = plex.plex().getPin(GetPinRequest.builder().strong(true).build())
 *     .authPinContainer();
 * // send the person to the approval page with pin.code(), then poll pin.id()
 * }</pre>
 *
 * <p>Reading is lenient: unknown fields are ignored, texts that are missing read as empty, times
 * are ISO 8601 or epoch seconds, and missing times read as the epoch.
 *
 * @param id the pin id, to poll with {@code getTokenByPinId}
 * @param code the code: 4 characters for the link page, 25 for the approval page of an app
 * @param product the product that asked for the pin ({@code X-Plex-Product})
 * @param trusted whether plex.tv trusts the product
 * @param qr a URL for a QR code that leads a phone to the approval
 * @param clientIdentifier the client identifier that made the pin: the only one that may poll it
 * @param location where the server places the client; {@link GeoData#UNKNOWN} from plexauth
 * @param expiresIn the seconds left when the answer was made
 * @param createdAt when the pin was made
 * @param expiresAt when it expires
 * @param authToken the account token once the pin is approved (secret: masked in {@link
 *     #toString()}); plexauth hands it out in one answer only
 * @param newRegistration whether the approving account was new, when the server says
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AuthPinContainer(
    long id,
    String code,
    String product,
    boolean trusted,
    String qr,
    String clientIdentifier,
    GeoData location,
    int expiresIn,
    @JsonSerialize(using = IsoInstant.Writer.class)
        @JsonDeserialize(using = IsoInstant.Reader.class)
        Instant createdAt,
    @JsonSerialize(using = IsoInstant.Writer.class)
        @JsonDeserialize(using = IsoInstant.Reader.class)
        Instant expiresAt,
    Optional<String> authToken,
    Optional<Boolean> newRegistration) {

  /** Replaces missing values with empty ones. */
  public AuthPinContainer {
    code = NullToEmpty.text(code);
    product = NullToEmpty.text(product);
    qr = NullToEmpty.text(qr);
    clientIdentifier = NullToEmpty.text(clientIdentifier);
    location = location == null ? GeoData.UNKNOWN : location;
    createdAt = createdAt == null ? Instant.EPOCH : createdAt;
    expiresAt = expiresAt == null ? Instant.EPOCH : expiresAt;
    authToken =
        Objects.requireNonNullElse(authToken, Optional.<String>empty()).filter(t -> !t.isEmpty());
    newRegistration = Objects.requireNonNullElse(newRegistration, Optional.empty());
  }

  @Override
  public String toString() {
    return Redaction.toString(this, SECRETS);
  }

  private static final Set<String> SECRETS = Set.of("authToken");
}
