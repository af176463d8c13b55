package dev.plexauth.server.support;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * An HTTP/1.1 request as bytes, built by copying a valid one and breaking one thing: any method,
 * target, header (repeated, empty, with control characters), body and {@code Content-Length}.
 * Header text is written as UTF-8, so non-ASCII reaches the server as raw bytes.
 */
public final class RawRequest {
  private String method;
  private String path;
  private final List<String[]> query = new ArrayList<>();
  private final List<String[]> headers = new ArrayList<>();
  private byte[] body = new byte[0];
  private String contentLength = "auto";
  private String version = "HTTP/1.1";
  private String rawTarget;

  private RawRequest(String method, String path) {
    this.method = method;
    this.path = path;
  }

  public static RawRequest of(String method, String path) {
    return new RawRequest(method, path).header("Host", "127.0.0.1");
  }

  public RawRequest copy() {
    RawRequest copy = new RawRequest(method, path);
    copy.query.addAll(query.stream().map(String[]::clone).toList());
    copy.headers.addAll(headers.stream().map(String[]::clone).toList());
    copy.body = body.clone();
    copy.contentLength = contentLength;
    copy.version = version;
    copy.rawTarget = rawTarget;
    return copy;
  }

  public String method() {
    return method;
  }

  public String path() {
    return path;
  }

  public RawRequest method(String method) {
    this.method = method;
    return this;
  }

  public RawRequest path(String path) {
    this.path = path;
    return this;
  }

  public RawRequest version(String version) {
    this.version = version;
    return this;
  }

  /** Replaces path and query with this exact request-target. */
  public RawRequest target(String rawTarget) {
    this.rawTarget = rawTarget;
    return this;
  }

  /** Adds a query parameter; the value is sent exactly as given (already encoded, or not). */
  public RawRequest query(String name, String rawValue) {
    query.add(new String[] {name, rawValue});
    return this;
  }

  /** Adds a raw query component without {@code =}. */
  public RawRequest queryPart(String raw) {
    query.add(new String[] {raw, null});
    return this;
  }

  public RawRequest withoutQuery(String name) {
    query.removeIf(p -> p[0].equals(name));
    return this;
  }

  public RawRequest setQuery(String name, String rawValue) {
    return withoutQuery(name).query(name, rawValue);
  }

  /** Adds a header line {@code name: value}, even a repeated one. */
  public RawRequest header(String name, String value) {
    headers.add(new String[] {name, value});
    return this;
  }

  /** Adds a header line exactly as given, colon or not. */
  public RawRequest rawHeaderLine(String line) {
    headers.add(new String[] {line, null});
    return this;
  }

  public RawRequest withoutHeader(String name) {
    headers.removeIf(h -> h[0].equalsIgnoreCase(name));
    return this;
  }

  public RawRequest setHeader(String name, String value) {
    return withoutHeader(name).header(name, value);
  }

  public RawRequest body(byte[] body) {
    this.body = body.clone();
    return this;
  }

  public RawRequest body(String body) {
    return body(body.getBytes(StandardCharsets.UTF_8));
  }

  /** A declared length other than the body's ("auto" = the body's, null = no header). */
  public RawRequest contentLength(String declared) {
    this.contentLength = declared;
    return this;
  }

  public String target() {
    if (rawTarget != null) {
      return rawTarget;
    }
    if (query.isEmpty()) {
      return path;
    }
    StringBuilder out = new StringBuilder(path).append('?');
    for (int i = 0; i < query.size(); i++) {
      if (i > 0) {
        out.append('&');
      }
      out.append(query.get(i)[0]);
      if (query.get(i)[1] != null) {
        out.append('=').append(query.get(i)[1]);
      }
    }
    return out.toString();
  }

  public byte[] bytes() {
    StringBuilder head = new StringBuilder();
    head.append(method).append(' ').append(target()).append(' ').append(version).append("\r\n");
    for (String[] h : headers) {
      head.append(h[0]).append(h[1] == null ? "" : ": " + h[1]).append("\r\n");
    }
    boolean chunked =
        headers.stream()
            .anyMatch(
                h ->
                    h[0].equalsIgnoreCase("Transfer-Encoding")
                        && h[1] != null
                        && h[1].contains("chunked"));
    if ("auto".equals(contentLength) && !chunked && (body.length > 0 || needsLength())) {
      head.append("Content-Length: ").append(body.length).append("\r\n");
    } else if (contentLength != null && !"auto".equals(contentLength)) {
      head.append("Content-Length: ").append(contentLength).append("\r\n");
    }
    head.append("Connection: close\r\n\r\n");
    ByteArrayOutputStream out = new ByteArrayOutputStream(head.length() + body.length);
    out.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
    out.writeBytes(body);
    return out.toByteArray();
  }

  private boolean needsLength() {
    return method.equals("POST") || method.equals("PUT") || method.equals("PATCH");
  }

  /** The request line, shortened, for reports. */
  public String describe() {
    String line = method + " " + target();
    return line.length() > 120 ? line.substring(0, 117) + "..." : line;
  }
}
