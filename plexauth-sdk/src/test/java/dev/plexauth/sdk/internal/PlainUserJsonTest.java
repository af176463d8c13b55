package dev.plexauth.sdk.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import dev.plexauth.sdk.models.UserPlexAccount;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The user answer read straight from its bytes must be the record the tree reading gives, and every
 * answer the tree reads differently must be left to the tree: each case is decoded both ways and
 * compared, and the cases that need the tree are checked to take it.
 */
class PlainUserJsonTest {

  private static String fixture(String name) {
    try (InputStream in = PlainUserJsonTest.class.getResourceAsStream("/fixtures/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The user from the tree, as before the straight reading existed; or what it threw. */
  private static Object throughTheTree(String json) {
    try {
      JsonNode tree = Bodies.parse(bytes(json), "application/json");
      return Decoders.user(tree);
    } catch (DecodeException e) {
      return "DecodeException: " + e.getMessage();
    }
  }

  /** The user as getTokenDetails reads it now; or what it threw. */
  private static Object asDecoded(String json) {
    Decoders.Answer answer =
        new Decoders.Answer(
            200,
            "application/json",
            Map.of("Content-Type", List.of("application/json")),
            bytes(json));
    try {
      UserPlexAccount user = Decoders.tokenDetails(answer).userPlexAccount();
      answer.requireReadable();
      return user;
    } catch (DecodeException e) {
      return "DecodeException: " + e.getMessage();
    }
  }

  private static byte[] bytes(String json) {
    return json.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The user fixture with fields set to raw JSON values, e.g. {@code homeSize=\"3\";guest=1}:
   * replaced where the fixture has them, added otherwise.
   */
  private static String userWith(String fields) {
    try {
      ObjectNode user = (ObjectNode) Json.MAPPER.readTree(fixture("user.json"));
      for (String field : fields.split(";")) {
        int equals = field.indexOf('=');
        user.putRawValue(field.substring(0, equals), new RawValue(field.substring(equals + 1)));
      }
      return Json.MAPPER.writeValueAsString(user);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"user.json", "signin.json"})
  void plexAnswersAreReadStraightAndGiveTheTreesRecord(String name) {
    String json = fixture(name);

    UserPlexAccount plain = PlainUserJson.read(bytes(json));

    assertThat(plain).as("read without the tree").isNotNull();
    assertThat(plain).isEqualTo(throughTheTree(json));
    assertThat(asDecoded(json)).isEqualTo(plain);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        // the leniency: numbers and booleans as text, nulls, empty text, one item for a list
        "homeSize=\"3\";guest=\"1\";hasPassword=0;id=\"6230\"",
        "roles=\"plexpass\";entitlements=[null,\"ios\"];locale=\"\"",
        "subscription=null;profile={\"autoSelectAudio\":\"true\"}",
        "trials=[{\"a\":1,\"b\":[2,{\"c\":null}],\"d\":\"x\"}]",
        // an open enum's unknown value; unknown fields, whatever they hold, are skipped both ways
        "mailingListStatus=\"someday\";unknown={\"deep\":[1.5,-0,{\"x\":\"y\"}]}",
      })
  void plainVariantsAreReadStraightAndGiveTheTreesRecord(String fields) {
    String json = userWith(fields);

    assertThat(PlainUserJson.read(bytes(json))).isNotNull().isEqualTo(throughTheTree(json));
    assertThat(asDecoded(json)).isEqualTo(throughTheTree(json));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        // a bare text item in a list of objects: the tree makes {"id": text} of it
        "{\"id\":1,\"services\":[\"svc\",{\"identifier\":\"x\"}]}",
        "{\"id\":1,\"subscriptions\":[\"\"]}",
        "{\"id\":1,\"trials\":[\"t1\"]}",
        // a wrapper, and no user at all
        "{\"user\":{\"id\":7,\"username\":\"wrapped\"}}",
        "{\"title\":\"nobody\"}",
        "[{\"id\":1}]",
        // a name twice: the tree keeps the last
        "{\"id\":1,\"username\":\"first\",\"username\":\"last\"}",
        "{\"id\":1,\"profile\":{\"autoSelectAudio\":false,\"autoSelectAudio\":true}}",
        "{\"id\":1,\"unknown\":{\"x\":1,\"x\":2}}",
        // numbers a tree prints differently where text is expected
        "{\"id\":1,\"country\":1.50}",
        "{\"id\":1,\"country\":-0}",
        "{\"id\":1,\"title\":1e3}",
        // malformed, too large, the wrong shape
        "{\"id\":1,\"username\":",
        "{\"id\":123456789012345678901234567890}",
        "{\"id\":1,\"profile\":[1,2]}",
      })
  void answersTheTreeReadsDifferentlyAreLeftToTheTree(String json) {
    assertThat(PlainUserJson.read(bytes(json))).isNull();
    assertThat(asDecoded(json)).isEqualTo(throughTheTree(json));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   ", "<html>", "not json"})
  void aBodyThatIsNoJsonObjectFailsAsBefore(String body) {
    Object decoded = asDecoded(body);

    assertThat(decoded).isInstanceOf(String.class).isEqualTo(throughTheTree(body));
    assertThat(catchThrowable(() -> PlainUserJson.read(bytes(body)))).isNull();
  }
}
