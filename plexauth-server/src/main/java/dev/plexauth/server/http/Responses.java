package dev.plexauth.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import io.javalin.http.Context;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.Locale;
import java.util.Optional;

/**
 * Writes answers in the format the client asked for: JSON when {@code Accept} includes {@code
 * application/json}, XML otherwise, as PMS and plex.tv do. Bodies come from the SDK's model records
 * through one {@link ObjectMapper}, so client and server share one definition of the wire.
 */
final class Responses {

  static final String JSON = "application/json; charset=utf-8";
  static final String XML = "text/xml;charset=utf-8";

  /** {@code Cache-Control} of every answer. */
  static final String CACHE_CONTROL = "no-store";

  /** {@code X-Content-Type-Options} of every answer. */
  static final String NOSNIFF = "nosniff";

  /** Set on a context once its body is an error body, so the 404/405 fallbacks leave it alone. */
  static final String RENDERED = "plexauth.rendered";

  static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new Jdk8Module());

  private static final ObjectWriter WRITER = MAPPER.writer();

  private Responses() {}

  /**
   * Set on a context to answer in one format whatever {@code Accept} says (the older routes whose
   * extension names the format).
   */
  static final String FORMAT = "plexauth.format";

  /** The formats {@link #FORMAT} can fix. */
  enum Format {
    JSON,
    XML
  }

  static boolean wantsJson(Context ctx) {
    Object fixed = ctx.attribute(FORMAT);
    if (fixed != null) {
      return fixed == Format.JSON;
    }
    for (String accept : Collections.list(ctx.req().getHeaders("Accept"))) {
      if (accept.toLowerCase(Locale.ROOT).contains("application/json")) {
        return true;
      }
    }
    return false;
  }

  /**
   * Writes a success body from a record: JSON without an intermediate tree, XML from the tree of
   * that same JSON.
   *
   * @param ctx the request
   * @param status the HTTP status
   * @param value the body: an SDK model record, or a record of this package such as {@link
   *     MediaContainer}
   * @param xmlRoot the XML root element; for a one-key object such as {@code MediaContainer} pass
   *     that key and the value under it is the root's content
   */
  static void ok(Context ctx, int status, Object value, String xmlRoot) {
    ctx.status(status);
    byte[] json = toJson(WRITER, value);
    if (wantsJson(ctx)) {
      send(ctx, JSON, json);
    } else {
      try {
        sendXml(ctx, MAPPER.readTree(json), xmlRoot);
      } catch (IOException e) {
        throw new IllegalStateException("cannot read back the JSON just written", e);
      }
    }
  }

  /**
   * Writes a JSON body whatever the {@code Accept} header says: the JWT device routes speak JSON
   * only, as plex.tv's do.
   *
   * @param ctx the request
   * @param status the HTTP status
   * @param value the body
   */
  static void json(Context ctx, int status, Object value) {
    ctx.status(status);
    send(ctx, JSON, toJson(WRITER, value));
  }

  /**
   * Writes a success body that differs between JSON and XML (the older plex.tv answers name some
   * fields differently in each).
   *
   * @param ctx the request
   * @param status the HTTP status
   * @param json the JSON body
   * @param xml the XML body: a record or a tree, written as {@link #ok} writes XML
   * @param xmlRoot the XML root element
   */
  static void ok(Context ctx, int status, Object json, Object xml, String xmlRoot) {
    ctx.status(status);
    if (wantsJson(ctx)) {
      send(ctx, JSON, toJson(WRITER, json));
    } else {
      sendXml(ctx, MAPPER.valueToTree(xml), xmlRoot);
    }
  }

  /**
   * Writes an element that holds only text, {@code <pong>true</pong>} in XML and {@code
   * {"pong":true}} in JSON.
   *
   * @param ctx the request
   * @param name the element (JSON key)
   * @param value its value
   */
  static void okValue(Context ctx, String name, boolean value) {
    ctx.status(200);
    if (wantsJson(ctx)) {
      ObjectNode body = MAPPER.createObjectNode();
      body.put(name, value);
      send(ctx, JSON, toJson(WRITER, body));
    } else {
      send(
          ctx,
          XML,
          ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><" + name + ">" + value + "</" + name + ">")
              .getBytes(StandardCharsets.UTF_8));
    }
  }

  /** 204 without a body, with the headers of every answer. */
  static void noContent(Context ctx) {
    ctx.status(204);
    noStore(ctx);
    ctx.result(new byte[0]);
  }

  /**
   * An error in the older plex.tv form of {@code /users/sign_in}: {@code {"error":"…"}}, or {@code
   * <errors><error>…</error></errors>}, without a code.
   *
   * @param ctx the request
   * @param status the HTTP status
   * @param message the message
   * @param retryAfter the wait for a 429, if any
   */
  static void legacyError(Context ctx, int status, String message, Optional<Duration> retryAfter) {
    ctx.status(status);
    retryAfter.ifPresent(wait -> ctx.header("Retry-After", Long.toString(retryAfterSeconds(wait))));
    ctx.attribute(RENDERED, Boolean.TRUE);
    if (wantsJson(ctx)) {
      ObjectNode body = MAPPER.createObjectNode();
      body.put("error", message);
      send(ctx, JSON, toJson(WRITER, body));
    } else {
      send(
          ctx,
          XML,
          XmlWriter.writeTextElements("errors", "error", message).getBytes(StandardCharsets.UTF_8));
    }
  }

  private static void sendXml(Context ctx, JsonNode body, String xmlRoot) {
    JsonNode content = body.has(xmlRoot) && body.size() == 1 ? body.get(xmlRoot) : body;
    send(ctx, XML, XmlWriter.write(xmlRoot, content).getBytes(StandardCharsets.UTF_8));
  }

  static void error(Context ctx, ApiError error) {
    ctx.status(error.status());
    error
        .retryAfter()
        .ifPresent(wait -> ctx.header("Retry-After", Long.toString(retryAfterSeconds(wait))));
    if (!error.allow().isEmpty()) {
      ctx.header("Allow", error.allow());
    }
    ObjectNode item = MAPPER.createObjectNode();
    item.put("code", error.code());
    item.put("message", error.getMessage());
    item.put("status", error.status());
    ObjectNode body = MAPPER.createObjectNode();
    ArrayNode errors = body.putArray("errors");
    errors.add(item);
    ctx.attribute(RENDERED, Boolean.TRUE);
    if (wantsJson(ctx)) {
      send(ctx, JSON, toJson(WRITER, body));
    } else {
      send(ctx, XML, XmlWriter.write("errors", errors).getBytes(StandardCharsets.UTF_8));
    }
  }

  /** Whole seconds, rounded up, at least 1: a client that waits this long will be let in. */
  static long retryAfterSeconds(Duration wait) {
    long seconds = wait.getSeconds() + (wait.getNano() > 0 ? 1 : 0);
    return Math.max(1, seconds);
  }

  private static byte[] toJson(ObjectWriter writer, Object body) {
    try {
      return writer.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }

  private static void send(Context ctx, String contentType, byte[] body) {
    noStore(ctx);
    ctx.contentType(contentType);
    ctx.result(body);
  }

  /**
   * The headers of every answer, errors included: many carry a token ({@code authToken}, a
   * transient token, a source's {@code accessToken}), so no cache (a browser's, a proxy's) may keep
   * one, and no browser may guess a type other than the one declared.
   */
  static void noStore(Context ctx) {
    ctx.header("Cache-Control", CACHE_CONTROL);
    ctx.header("X-Content-Type-Options", NOSNIFF);
  }
}
