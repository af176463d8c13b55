package dev.plexauth.sdk.models;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.ResolvableDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import java.io.IOException;

/**
 * Reads a boolean that the specification defaults to true ({@code hasPassword}, {@code
 * autoSelectAudio}): absent or null reads as true. A present value is read by the mapper's own
 * boolean reader, so the SDK's leniency ({@code 0}/{@code 1}, {@code "true"}) still applies. That
 * reader is looked up once, when the mapper builds this deserializer, not for every value.
 */
final class TrueByDefault extends StdDeserializer<Boolean> implements ResolvableDeserializer {
  private static final long serialVersionUID = 1L;

  private transient JsonDeserializer<Object> booleans; // the mapper's own, set by resolve

  TrueByDefault() {
    super(Boolean.class);
  }

  @Override
  public void resolve(DeserializationContext context) throws JsonMappingException {
    booleans = context.findRootValueDeserializer(context.constructType(Boolean.class));
  }

  @Override
  public Boolean deserialize(JsonParser parser, DeserializationContext context) throws IOException {
    Boolean value =
        booleans != null
            ? (Boolean) booleans.deserialize(parser, context)
            : context.readValue(parser, Boolean.class);
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
