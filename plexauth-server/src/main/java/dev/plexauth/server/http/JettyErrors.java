package dev.plexauth.server.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.plexauth.sdk.errors.PlexErrorCode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Answers the requests Jetty refuses before any route runs (a control character in a header, a
 * header block over 8 KiB, a request-target over 8 KiB, a broken chunk, an unknown HTTP version)
 * with the same Plex error body as every other error, in JSON or XML as the client asked (for a
 * header block over the limit, as far as its headers were read: see {@link
 * AcceptRecordingConnectionFactory}). An unknown HTTP version is answered 400 instead of Jetty's
 * 505: it is the client's mistake, and a 5xx would tell monitoring that the server failed.
 */
final class JettyErrors extends ErrorHandler {

  @Override
  protected void generateResponse(
      Request request,
      Response response,
      int code,
      String message,
      Throwable cause,
      Callback callback) {
    int status = code == 505 ? 400 : code;
    ObjectNode item = Responses.MAPPER.createObjectNode();
    item.put("code", plexCode(status));
    item.put("message", message(status));
    item.put("status", status);
    ObjectNode body = Responses.MAPPER.createObjectNode();
    ArrayNode errors = body.putArray("errors");
    errors.add(item);
    boolean json =
        request.getHeaders().getValuesList(HttpHeader.ACCEPT).stream()
                .anyMatch(JettyErrors::asksForJson)
            || AcceptRecordingConnectionFactory.acceptedJson(request);
    String text;
    if (json) {
      text = body.toString();
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, Responses.JSON);
    } else {
      text = XmlWriter.write("errors", errors);
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, Responses.XML);
    }
    response.setStatus(status);
    response.getHeaders().put(new HttpField("X-Plex-Protocol", "1.0"));
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, Responses.CACHE_CONTROL);
    response.getHeaders().put(new HttpField("X-Content-Type-Options", Responses.NOSNIFF));
    response.write(true, ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), callback);
  }

  /** Whether an {@code Accept} value asks for JSON, as {@link Responses#wantsJson} reads it. */
  static boolean asksForJson(String accept) {
    return accept.toLowerCase(Locale.ROOT).contains("application/json");
  }

  private static int plexCode(int status) {
    return switch (status) {
      case 404 -> PlexErrorCode.NOT_FOUND;
      case 405 -> PlexErrorCode.METHOD_NOT_ALLOWED;
      default -> status >= 500 ? PlexErrorCode.INTERNAL : PlexErrorCode.BAD_REQUEST;
    };
  }

  private static String message(int status) {
    return switch (status) {
      case 400 -> "The request is not valid HTTP";
      case 404 -> "Not found";
      case 405 -> "Method not allowed";
      case 408 -> "The request took too long to arrive";
      case 413 -> "The request body is too large";
      case 414 -> "The request-target is longer than 8 KiB";
      case 417 -> "The Expect header is not supported";
      case 426 -> "Upgrade required: this server speaks HTTP/1.1";
      case 431 -> "The request headers are larger than 8 KiB";
      default -> status >= 500 ? "Internal server error" : "Bad request";
    };
  }
}
