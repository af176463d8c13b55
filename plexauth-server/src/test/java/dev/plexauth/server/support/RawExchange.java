package dev.plexauth.server.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * One raw HTTP/1.1 exchange that survives a server which stops reading or closes early: the bytes
 * are written by a helper thread while this thread reads, so a 1 MB header the server refuses after
 * 8 KB cannot block the test, and whatever the server answered before closing is still read. Unlike
 * {@link RawHttp} it tells an answer from a closed connection and decodes chunked bodies.
 */
public final class RawExchange implements AutoCloseable {

  /** What came back. */
  public record Answer(
      int status, String statusLine, Map<String, List<String>> headers, String body) {

    /** The connection ended before a status line arrived. */
    public boolean closedWithoutAnswer() {
      return status < 0;
    }

    public Optional<String> header(String name) {
      List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
      return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** The head as received, for messages. */
    public String head() {
      StringBuilder out = new StringBuilder(statusLine);
      headers.forEach(
          (name, values) -> values.forEach(v -> out.append('\n').append(name + ": " + v)));
      return out.toString();
    }
  }

  private final ExecutorService writers = Executors.newCachedThreadPool(daemon());
  private final int port;
  private final int readTimeoutMillis;

  public RawExchange(int port, int readTimeoutMillis) {
    this.port = port;
    this.readTimeoutMillis = readTimeoutMillis;
  }

  /**
   * Sends the bytes, half-closes the connection (so a declared but missing body ends in EOF), and
   * reads until the server closes or the read timeout passes.
   */
  public Answer send(byte[] request) {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(readTimeoutMillis);
      OutputStream out = socket.getOutputStream();
      Future<?> writing =
          writers.submit(
              () -> {
                try {
                  out.write(request);
                  out.flush();
                  socket.shutdownOutput();
                } catch (IOException e) {
                  // The server closed first (it refused the request); read what it said.
                }
              });
      byte[] received = readAll(socket.getInputStream());
      writing.cancel(true);
      return parse(received);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    writers.shutdownNow();
    try {
      writers.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static byte[] readAll(InputStream in) {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    byte[] buffer = new byte[16 * 1024];
    try {
      int n;
      while ((n = in.read(buffer)) >= 0) {
        all.write(buffer, 0, n);
      }
    } catch (SocketTimeoutException e) {
      // The server kept the connection open; judge what arrived.
    } catch (IOException e) {
      // Reset by the server: judge what arrived before it.
    }
    return all.toByteArray();
  }

  static Answer parse(byte[] bytes) {
    String text = new String(bytes, StandardCharsets.ISO_8859_1);
    int split = text.indexOf("\r\n\r\n");
    if (!text.startsWith("HTTP/") || split < 0) {
      return new Answer(-1, "", Map.of(), text);
    }
    String[] lines = text.substring(0, split).split("\r\n");
    String[] statusParts = lines[0].split(" ", 3);
    int status;
    try {
      status = Integer.parseInt(statusParts[1].trim());
    } catch (RuntimeException e) {
      return new Answer(-1, lines[0], Map.of(), text);
    }
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0) {
        headers
            .computeIfAbsent(
                lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                unused -> new ArrayList<>())
            .add(lines[i].substring(colon + 1).trim());
      }
    }
    byte[] rawBody = text.substring(split + 4).getBytes(StandardCharsets.ISO_8859_1);
    List<String> encoding = headers.getOrDefault("transfer-encoding", List.of());
    if (encoding.stream().anyMatch(e -> e.equalsIgnoreCase("chunked"))) {
      rawBody = dechunk(rawBody);
    } else if (headers.containsKey("content-length")) {
      int length = Integer.parseInt(headers.get("content-length").get(0));
      if (length < rawBody.length) {
        rawBody = java.util.Arrays.copyOf(rawBody, length);
      }
    }
    return new Answer(status, lines[0], headers, new String(rawBody, StandardCharsets.UTF_8));
  }

  private static byte[] dechunk(byte[] chunked) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    String text = new String(chunked, StandardCharsets.ISO_8859_1);
    int at = 0;
    while (at < text.length()) {
      int eol = text.indexOf("\r\n", at);
      if (eol < 0) {
        break;
      }
      String sizeText = text.substring(at, eol).split(";", 2)[0].trim();
      int size;
      try {
        size = Integer.parseInt(sizeText, 16);
      } catch (NumberFormatException e) {
        break;
      }
      if (size == 0) {
        break;
      }
      int start = eol + 2;
      int end = Math.min(text.length(), start + size);
      out.writeBytes(text.substring(start, end).getBytes(StandardCharsets.ISO_8859_1));
      at = end + 2;
    }
    return out.toByteArray();
  }

  private static java.util.concurrent.ThreadFactory daemon() {
    return runnable -> {
      Thread thread = new Thread(runnable, "raw-exchange-writer");
      thread.setDaemon(true);
      return thread;
    };
  }
}
