package dev.plexauth.sdk.models;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * The pins' times on the wire: ISO 8601 with an offset, whole seconds, as plex.tv writes them
 * ({@code 2024-07-16T17:03:05Z}) and plexjs requires them. Read leniently: any offset, fractions of
 * a second, or a number of epoch seconds.
 */
final class IsoInstant {

  private IsoInstant() {}

  /** Writes {@code 2024-07-16T17:03:05Z}. */
  static final class Writer extends StdSerializer<Instant> {
    private static final long serialVersionUID = 1L;

    Writer() {
      super(Instant.class);
    }

    @Override
    public void serialize(Instant value, JsonGenerator json, SerializerProvider provider)
        throws IOException {
      json.writeString(value.truncatedTo(ChronoUnit.SECONDS).toString());
    }
  }

  /** Reads an ISO 8601 date-time with an offset, or epoch seconds. */
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
        return Instant.ofEpochSecond(parser.getLongValue());
      }
      String text = parser.getValueAsString();
      if (text == null || text.isBlank()) {
        return null;
      }
      text = text.strip();
      try {
        if (text.chars().allMatch(Character::isDigit)) {
          return Instant.ofEpochSecond(Long.parseLong(text));
        }
        return OffsetDateTime.parse(text).toInstant();
      } catch (DateTimeParseException | NumberFormatException e) {
        return (Instant)
            context.handleWeirdStringValue(Instant.class, text, "not an ISO 8601 date-time");
      }
    }
  }
}
