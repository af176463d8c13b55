package dev.plexauth.sdk.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class XmlTreeTest {

  private static JsonNode parse(String xml) throws DecodeException {
    return XmlTree.parse(xml.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void followsTheProjectsXmlConvention() throws Exception {
    JsonNode tree =
        parse(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<user id=\"1\" locale=\"\" protected=\"0\">"
                + "<subscription active=\"0\" status=\"Inactive\"><features/></subscription>"
                + "<profile autoSelectAudio=\"1\"/>"
                + "<entitlements><entitlement id=\"all\"/></entitlements>"
                + "<roles/><services/><pastSubscriptions/><trials/></user>");

    JsonNode user = tree.get("user");
    assertThat(user.get("id").asText()).isEqualTo("1");
    assertThat(user.has("locale")).as("empty attribute left out").isFalse();
    assertThat(user.get("protected").asText()).isEqualTo("0");
    assertThat(user.get("subscription").get("features").isArray()).isTrue();
    assertThat(user.get("profile").get("autoSelectAudio").asText()).isEqualTo("1");
    assertThat(user.get("entitlements").get(0).asText()).isEqualTo("all");
    assertThat(user.get("roles").isArray()).isTrue();
    assertThat(user.get("trials").isArray()).isTrue();
  }

  @Test
  void repeatedChildrenBecomeArraysAndSingleChildrenObjects() throws Exception {
    JsonNode tree =
        parse(
            "<MediaContainer size=\"1\"><Device name=\"n\"><Connection port=\"1\"/>"
                + "<Connection port=\"2\"/></Device></MediaContainer>");

    JsonNode device = tree.get("MediaContainer").get("Device");
    assertThat(device.isObject()).isTrue();
    assertThat(device.get("Connection").isArray()).isTrue();
    assertThat(device.get("Connection").get(1).get("port").asText()).isEqualTo("2");
  }

  @Test
  void legacyTextErrorsBecomeStrings() throws Exception {
    JsonNode tree = parse("<errors><error>Invalid token</error></errors>");

    assertThat(tree.get("errors").get(0).asText()).isEqualTo("Invalid token");
  }

  @Test
  void refusesEntitiesAndMalformedXml() {
    assertThatThrownBy(
            () -> parse("<!DOCTYPE a [<!ENTITY e SYSTEM \"file:///etc/hostname\">]><a b=\"&e;\"/>"))
        .isInstanceOf(DecodeException.class);
    assertThatThrownBy(() -> parse("<a><b></a>")).isInstanceOf(DecodeException.class);
    assertThatThrownBy(() -> parse("<a>" + "<b>".repeat(100) + "</b>".repeat(100) + "</a>"))
        .isInstanceOf(DecodeException.class)
        .hasMessageContaining("deep");
  }
}
