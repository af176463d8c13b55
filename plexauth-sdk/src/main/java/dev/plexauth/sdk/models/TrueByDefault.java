package dev.plexauth.sdk.models;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import java.io.IOException;

/**
 * Reads a boolean that the specification defaults to true ({@code hasPassword}, {@code
 * autoSelectAudio}): absent or null reads as true. A present value is read by the mapper's own
 * boolean reader, so the SDK's leniency ({@code 0}/{@code 1}, {@code "true"}) still applies.
 */
final class TrueByDefault extends StdDeserializer<Boolean> {
  private static final long serialVersionUID = 1L;

  TrueByDefault() {
    super(Boolean.class);
  }

  @Override
  public Boolean deserialize(JsonParser parser, DeserializationContext context) throws IOException {
    Boolean value = context.readValue(parser, Boolean.class);
    return value == null ? Boolean.TRUE : value;
  }

  @Override
  public Boolean getNullValue(DeserializationContext context) {
    return Boolean.TRUE;
  }

  @Override
  public Object getAbsentValue(DeserializationContext context) {
    return Boolean.TRUE;
  }
}
