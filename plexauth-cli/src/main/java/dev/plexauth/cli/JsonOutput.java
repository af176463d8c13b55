package dev.plexauth.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import dev.plexauth.sdk.models.Connection;
import dev.plexauth.server.Account;
import dev.plexauth.server.Source;
import java.io.PrintWriter;

/**
 * The {@code --json} output: one pretty-printed JSON document on standard output, written from the
 * SDK's and the server's records with the mapper the server uses for the wire. Control, bidi and
 * line-separator characters in values are written as JSON escapes ({@link TerminalText}).
 */
final class JsonOutput {

  static final ObjectMapper MAPPER = newMapper();

  /** What replaces a secret the command does not exist to print. */
  static final String MASKED = "***";

  private JsonOutput() {}

  private static ObjectMapper newMapper() {
    ObjectMapper mapper = new ObjectMapper().registerModule(new Jdk8Module());
    // Values from a server are printed as they are, but never raw control or bidi characters.
    mapper.getFactory().setCharacterEscapes(TerminalText.JSON_ESCAPES);
    return mapper;
  }

  static JsonNode tree(Object value) {
    return MAPPER.valueToTree(value);
  }

  static void print(PrintWriter out, JsonNode tree) {
    try {
      out.println(MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(tree));
      out.flush();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }

  static ObjectNode account(Account account) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("id", account.id());
    node.put("uuid", account.uuid());
    node.put("username", account.username());
    node.put("email", account.email());
    node.put("admin", account.admin());
    node.put("twoFactorEnabled", account.twoFactorEnabled());
    node.put("createdAt", account.createdAt().toString());
    return node;
  }

  static ObjectNode source(Source source) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("id", source.id());
    node.put("name", source.name());
    node.put("clientIdentifier", source.clientIdentifier());
    var connections = node.putArray("connections");
    for (Connection connection : source.connections()) {
      connections.add(tree(connection));
    }
    return node;
  }
}
