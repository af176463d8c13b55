package dev.plexauth.sdk.models;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Where plex.tv places the client that made a pin (its {@code location}), from the client's
 * address. plexauth has no geolocation and sends {@link #UNKNOWN}: every field empty.
 *
 * @param code the ISO 3166-1 alpha-2 country code
 * @param continentCode the continent code
 * @param country the country's name
 * @param city the city
 * @param europeanUnionMember whether the country is in the European Union
 * @param timeZone the time zone, e.g. {@code Europe/Berlin}
 * @param postalCode the postal code (a number or a string on the wire)
 * @param inPrivacyRestrictedCountry whether the country restricts privacy
 * @param inPrivacyRestrictedRegion whether the region restricts privacy
 * @param subdivisions the main administrative subdivision
 * @param coordinates latitude and longitude, e.g. {@code 52.52, 13.40}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record GeoData(
    String code,
    @JsonProperty("continent_code") String continentCode,
    String country,
    String city,
    @JsonProperty("european_union_member") boolean europeanUnionMember,
    @JsonProperty("time_zone") String timeZone,
    @JsonProperty("postal_code") String postalCode,
    @JsonProperty("in_privacy_restricted_country") boolean inPrivacyRestrictedCountry,
    @JsonProperty("in_privacy_restricted_region") boolean inPrivacyRestrictedRegion,
    String subdivisions,
    String coordinates) {

  /** No location: every text empty, every flag false. */
  public static final GeoData UNKNOWN =
      new GeoData("", "", "", "", false, "", "", false, false, "", "");

  /** Replaces missing texts with empty ones. */
  public GeoData {
    code = NullToEmpty.text(code);
    continentCode = NullToEmpty.text(continentCode);
    country = NullToEmpty.text(country);
    city = NullToEmpty.text(city);
    timeZone = NullToEmpty.text(timeZone);
    postalCode = NullToEmpty.text(postalCode);
    subdivisions = NullToEmpty.text(subdivisions);
    coordinates = NullToEmpty.text(coordinates);
  }
}
