package dev.plexauth.server.http;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * {@code GET /openapi.yaml}: the OpenAPI document of everything this server serves, as the project
 * keeps it in {@value #RESOURCE}. It needs no token.
 */
final class OpenApiDocument {

  /** Where the document lies on the class path. */
  static final String RESOURCE = "/dev/plexauth/server/openapi.yaml";

  /** The media type of YAML (RFC 9512). */
  static final String CONTENT_TYPE = "application/yaml";

  private static final byte[] DOCUMENT = load();

  private OpenApiDocument() {}

  static void serve(Context ctx) {
    Responses.noStore(ctx);
    ctx.contentType(CONTENT_TYPE);
    ctx.result(DOCUMENT);
  }

  private static byte[] load() {
    try (InputStream in = OpenApiDocument.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the class path");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }
}
