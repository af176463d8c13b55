package dev.plexauth.conformance;

import dev.plexauth.server.support.LogCapture;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Everything logged while open: the server's SLF4J/logback lines (every logger) and the SDK's
 * {@code System.Logger} lines, which reach java.util.logging, with the SDK turned up to its most
 * talkative level (TRACE: methods, URLs, masked headers).
 */
final class CapturedLogs implements AutoCloseable {

  /** Held strongly so the level set here is not lost to garbage collection. */
  private static final Logger SDK = Logger.getLogger("dev.plexauth.sdk");

  private final LogCapture server = new LogCapture();
  private final List<String> sdkLines = new ArrayList<>();
  private final Level previousLevel = SDK.getLevel();
  private final Handler sdk =
      new Handler() {
        private final SimpleFormatter formatter = new SimpleFormatter();

        @Override
        public void publish(LogRecord record) {
          synchronized (sdkLines) {
            sdkLines.add(
                "dev.plexauth.sdk " + record.getLevel() + " " + formatter.formatMessage(record));
          }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  CapturedLogs() {
    sdk.setLevel(Level.ALL);
    SDK.setLevel(Level.ALL);
    SDK.addHandler(sdk);
  }

  List<String> serverLines() {
    return server.lines();
  }

  List<String> sdkLines() {
    synchronized (sdkLines) {
      return List.copyOf(sdkLines);
    }
  }

  String all() {
    List<String> all = new ArrayList<>(serverLines());
    all.addAll(sdkLines());
    return String.join("\n", all);
  }

  @Override
  public void close() {
    SDK.removeHandler(sdk);
    SDK.setLevel(previousLevel);
    server.close();
  }
}
