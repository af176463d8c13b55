package dev.plexauth.sdk;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback server that answers every request with 200, a JSON content type and a body written
 * chunk after chunk, with a pause between chunks, until it has written {@code total} bytes or the
 * client goes away: a huge body, an endless one, or one that dribbles. It counts the body bytes it
 * managed to write, so a test sees how much the client read before it hung up, and notes when a
 * client hangs up mid-body.
 */
final class StreamingServer implements AutoCloseable {

  private final ServerSocket socket;
  private final String head;
  private final int chunk;
  private final long pauseMillis;
  private final long total;
  private final AtomicLong written = new AtomicLong();
  private final AtomicInteger requests = new AtomicInteger();
  private final CountDownLatch answering = new CountDownLatch(1);
  private final CountDownLatch hungUp = new CountDownLatch(1);

  /**
   * Starts serving.
   *
   * @param declaredLength the {@code Content-Length} to send, or -1 for none (close-delimited)
   * @param chunk bytes per write
   * @param pauseMillis pause after each write
   * @param total bytes to write in all, or -1 for no end
   */
  StreamingServer(long declaredLength, int chunk, long pauseMillis, long total) {
    this.head =
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
            + (declaredLength >= 0 ? "Content-Length: " + declaredLength + "\r\n" : "")
            + "Connection: close\r\n\r\n";
    this.chunk = chunk;
    this.pauseMillis = pauseMillis;
    this.total = total;
    try {
      socket = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Thread acceptor = new Thread(this::acceptLoop, "streaming-server");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  String url() {
    return "http://127.0.0.1:" + socket.getLocalPort();
  }

  long written() {
    return written.get();
  }

  int requests() {
    return requests.get();
  }

  /** Waits until the server has started writing an answer; true if it has. */
  boolean awaitAnswering(Duration timeout) throws InterruptedException {
    return answering.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Waits until a client has hung up before the whole body was written; true if one has. */
  boolean awaitHangUp(Duration timeout) throws InterruptedException {
    return hungUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void acceptLoop() {
    while (!socket.isClosed()) {
      try {
        Socket connection = socket.accept();
        Thread answer = new Thread(() -> answer(connection), "streaming-answer");
        answer.setDaemon(true);
        answer.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private void answer(Socket connection) {
    try (connection) {
      readHead(connection.getInputStream());
      requests.incrementAndGet();
      OutputStream out = connection.getOutputStream();
      out.write(head.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      answering.countDown();
      byte[] bytes = new byte[chunk];
      Arrays.fill(bytes, (byte) 'x');
      for (long sent = 0; total < 0 || sent < total; sent += chunk) {
        out.write(bytes, 0, (int) (total < 0 ? chunk : Math.min(chunk, total - sent)));
        out.flush();
        written.addAndGet(chunk);
        if (pauseMillis > 0) {
          Thread.sleep(pauseMillis);
        }
      }
    } catch (IOException e) {
      hungUp.countDown(); // the client went away
    } catch (InterruptedException e) {
      // the test is over
    }
  }

  private static void readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("the request ended early");
      }
      head.write(b);
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
