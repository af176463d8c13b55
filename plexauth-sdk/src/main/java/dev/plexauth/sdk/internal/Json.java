package dev.plexauth.sdk.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import java.io.IOException;
import java.util.Locale;

/**
 * The lenient JSON reader real Plex needs: unknown fields ignored, nulls tolerated, numbers as
 * strings, booleans as {@code 0}/{@code 1} or {@code "1"}/{@code "0"}, single values where arrays
 * are expected and one-element arrays where objects are.
 */
final class Json {

  /** Shared, configured once; ObjectMapper is thread-safe after configuration. */
  static final ObjectMapper MAPPER = create();

  private Json() {}

  private static ObjectMapper create() {
    SimpleModule lenient = new SimpleModule("plexauth-lenient");
    lenient.addDeserializer(Boolean.class, new LenientBoolean(Boolean.class, null));
    lenient.addDeserializer(Boolean.TYPE, new LenientBoolean(Boolean.TYPE, Boolean.FALSE));
    ObjectMapper mapper =
        JsonMapper.builder()
            .addModule(new Jdk8Module())
            .addModule(lenient)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
            .enable(DeserializationFeature.UNWRAP_SINGLE_VALUE_ARRAYS)
            .enable(DeserializationFeature.ACCEPT_EMPTY_STRING_AS_NULL_OBJECT)
            .enable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .build();
    mapper
        .coercionConfigDefaults()
        .setCoercion(CoercionInputShape.EmptyString, CoercionAction.AsNull)
        .setCoercion(CoercionInputShape.String, CoercionAction.TryConvert)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.TryConvert)
        .setCoercion(CoercionInputShape.Float, CoercionAction.TryConvert);
    return mapper;
  }

  /** Reads true/false, 1/0, "1"/"0", "true"/"false", "yes"/"no"; an empty string is no value. */
  private static final class LenientBoolean extends StdScalarDeserializer<Boolean> {
    private static final long serialVersionUID = 1L;
    private final Boolean nullValue;

    LenientBoolean(Class<Boolean> type, Boolean nullValue) {
      super(type);
      this.nullValue = nullValue;
    }

    @Override
    public Boolean deserialize(JsonParser parser, DeserializationContext context)
        throws IOException {
      JsonToken token = parser.currentToken();
      if (token == JsonToken.VALUE_TRUE) {
        return Boolean.TRUE;
      }
      if (token == JsonToken.VALUE_FALSE) {
        return Boolean.FALSE;
      }
      if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
        return parser.getDoubleValue() != 0;
      }
      if (token == JsonToken.VALUE_STRING) {
        String text = parser.getText().trim().toLowerCase(Locale.ROOT);
        switch (text) {
          case "1":
          case "true":
          case "yes":
          case "on":
            return Boolean.TRUE;
          case "0":
          case "false":
          case "no":
          case "off":
            return Boolean.FALSE;
          case "":
          case "null":
            return nullValue;
          default:
            return (Boolean)
                context.handleWeirdStringValue(
                    _valueClass, text, "not a boolean, 0/1 or true/false");
        }
      }
      if (token == JsonToken.START_ARRAY) {
        return _deserializeFromArray(parser, context);
      }
      return (Boolean) context.handleUnexpectedToken(_valueClass, parser);
    }

    @Override
    public Boolean getNullValue(DeserializationContext context) {
      return nullValue;
    }
  }
}
