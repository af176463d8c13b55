package dev.plexauth.sdk.models;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * The times of plex.tv's device records: written as ISO-8601 in UTC to the second ({@code
 * 2019-06-24T11:38:02Z}, as plex.tv writes them and plexjs parses them), read leniently: ISO-8601
 * with any offset, epoch seconds as a number or a string (the older XML answers), or {@code
 * 2019-06-24 11:38:02 UTC}. Absent, null or unreadable is {@link Instant#EPOCH}.
 */
final class PlexInstant {

  private static final DateTimeFormatter SPACED =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

  private PlexInstant() {}

  /** Writes {@code 2019-06-24T11:38:02Z}. */
  static final class Writer extends StdSerializer<Instant> {
    private static final long serialVersionUID = 1L;

    Writer() {
      super(Instant.class);
    }

    @Override
    public void serialize(Instant value, JsonGenerator out, SerializerProvider provider)
        throws IOException {
      out.writeString(DateTimeFormatter.ISO_INSTANT.format(value.truncatedTo(ChronoUnit.SECONDS)));
    }
  }

  /** Reads any of the forms above. */
  static final class Reader extends StdDeserializer<Instant> {
    private static final long serialVersionUID = 1L;

    Reader() {
      super(Instant.class);
    }

    @Override
    public Instant deserialize(JsonParser parser, DeserializationContext context)
        throws IOException {
      JsonToken token = parser.currentToken();
      if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
        return ofEpochSeconds(parser.getLongValue());
      }
      if (token == JsonToken.VALUE_STRING) {
        return parse(parser.getText());
      }
      parser.skipChildren();
      return Instant.EPOCH;
    }

    @Override
    public Instant getNullValue(DeserializationContext context) {
      return Instant.EPOCH;
    }

    @Override
    public Object getAbsentValue(DeserializationContext context) {
      return Instant.EPOCH;
    }
  }

  /** Reads one of the text forms; {@link Instant#EPOCH} when it is none of them. */
  static Instant parse(String text) {
    String value = text.strip();
    if (value.isEmpty()) {
      return Instant.EPOCH;
    }
    if (value.chars().allMatch(Character::isDigit) && value.length() <= 12) {
      return ofEpochSeconds(Long.parseLong(value));
    }
    try {
      return OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeException e) {
      // not ISO-8601 with an offset; try the spaced UTC form
    }
    if (value.endsWith(" UTC")) {
      try {
        return LocalDateTime.parse(value.substring(0, value.length() - 4), SPACED)
            .toInstant(ZoneOffset.UTC);
      } catch (DateTimeException e) {
        return Instant.EPOCH;
      }
    }
    return Instant.EPOCH;
  }

  private static Instant ofEpochSeconds(long seconds) {
    try {
      return Instant.ofEpochSecond(seconds);
    } catch (DateTimeException e) {
      return Instant.EPOCH;
    }
  }
}
