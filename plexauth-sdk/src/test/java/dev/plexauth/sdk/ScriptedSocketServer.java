package dev.plexauth.sdk;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback server for the fault MockWebServer cannot script: a TCP reset (RST, by closing with
 * {@code SO_LINGER} 0) once the request has been read. Each connection takes the next step; it
 * counts connections accepted and requests read in full.
 */
final class ScriptedSocketServer implements AutoCloseable {

  enum Step {
    /** Read the whole request, then reset instead of answering. */
    RESET_AFTER_REQUEST,
    /** Read the whole request, then answer with the next queued answer. */
    ANSWER
  }

  private final ServerSocket socket;
  private final ConcurrentLinkedQueue<Step> steps = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<String> answers = new ConcurrentLinkedQueue<>();
  private final AtomicInteger connections = new AtomicInteger();
  private final AtomicInteger requests = new AtomicInteger();
  private final Thread acceptor;

  ScriptedSocketServer() {
    try {
      socket = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    acceptor = new Thread(this::acceptLoop, "scripted-socket-server");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  ScriptedSocketServer then(Step step) {
    steps.add(step);
    return this;
  }

  /** Queues an answer step with a JSON body. */
  ScriptedSocketServer thenAnswer(int status, String json) {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    answers.add(
        String.format(
                Locale.ROOT,
                "HTTP/1.1 %d X\r\nContent-Type: application/json\r\nContent-Length: %d\r\n"
                    + "Connection: close\r\n\r\n",
                status,
                body.length)
            + json);
    return then(Step.ANSWER);
  }

  String url() {
    return "http://127.0.0.1:" + socket.getLocalPort();
  }

  int connections() {
    return connections.get();
  }

  int requests() {
    return requests.get();
  }

  private void acceptLoop() {
    while (!socket.isClosed()) {
      try (Socket connection = socket.accept()) {
        connections.incrementAndGet();
        connection.setSoTimeout(5_000);
        Step step = steps.poll();
        readRequest(connection.getInputStream());
        requests.incrementAndGet();
        if (step == null || step == Step.RESET_AFTER_REQUEST) {
          reset(connection);
        } else {
          connection.getOutputStream().write(answers.remove().getBytes(StandardCharsets.UTF_8));
          connection.getOutputStream().flush();
        }
      } catch (IOException e) {
        // Closed by close(), or the client went away: on to the next connection.
      }
    }
  }

  private static void reset(Socket connection) throws SocketException {
    connection.setSoLinger(true, 0);
  }

  private static void readRequest(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("the request ended early");
      }
      head.write(b);
    }
    for (String line : head.toString(StandardCharsets.ISO_8859_1).split("\r\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        in.readNBytes(Integer.parseInt(line.substring(15).trim()));
      }
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
    try {
      acceptor.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
