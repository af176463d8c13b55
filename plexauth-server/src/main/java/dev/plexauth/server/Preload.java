package dev.plexauth.server;

import io.javalin.Javalin;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads, on a thread of its own, what a start needs before the start reaches it, so that the start
 * overlaps it with its own work (the command line, the database and its schema check).
 *
 * <p>A start runs on one thread and most of its time is spent loading and initialising classes, one
 * after the other. Three pieces do not depend on anything the start does before them: the SQLite
 * driver's native library (extracted from its jar and checked on every start), the HTTP server's
 * classes (Javalin, Jetty, Jackson) and the database layer's start-up (Jdbi's configuration and its
 * flight-recorder event). On a second core they are ready when the start gets to them; on one core
 * the start takes as long as before. The thread does nothing the start would not do, and a failure
 * here is ignored: the start meets the same failure and reports it.
 */
final class Preload {

  private static final Logger LOG = LoggerFactory.getLogger(Preload.class);

  private static final AtomicBoolean BEGUN = new AtomicBoolean();

  /**
   * Classes initialised by name: internal to their libraries, so a rename in a later version costs
   * this thread a class lookup and the start nothing.
   */
  private static final List<String> CLASSES =
      List.of(
          // Jdbi registers its statement event with the flight recorder on the first statement.
          "org.jdbi.v3.core.statement.internal.JfrSupport",
          "org.eclipse.jetty.server.Server",
          "org.eclipse.jetty.server.ServerConnector",
          "org.eclipse.jetty.server.internal.HttpConnection",
          "org.eclipse.jetty.ee10.servlet.ServletContextHandler",
          // Its initialisation lists the JDK's locales, which loads the locale data.
          "org.eclipse.jetty.http.MimeTypes",
          "dev.plexauth.server.http.Responses");

  private Preload() {}

  /**
   * Begins loading, once per JVM: later calls return at once.
   *
   * @param sqlite whether the start will open an SQLite database (its native library is loaded only
   *     then)
   */
  static void begin(boolean sqlite) {
    if (!BEGUN.compareAndSet(false, true)) {
      return;
    }
    Thread thread = new Thread(() -> run(sqlite), "plexauth-preload");
    thread.setDaemon(true);
    thread.start();
  }

  private static void run(boolean sqlite) {
    long started = System.nanoTime();
    ClassLoader loader = Preload.class.getClassLoader();
    try {
      if (sqlite) {
        org.sqlite.SQLiteJDBCLoader.initialize();
      }
      for (String name : CLASSES) {
        try {
          Class.forName(name, true, loader);
        } catch (ClassNotFoundException | LinkageError e) {
          LOG.debug("not preloaded: {}", name);
        }
      }
      // Jdbi builds its configuration by reflection when created; no connection is opened.
      Jdbi.create(
          () -> {
            throw new SQLException("not a database");
          });
      Javalin.create(config -> {});
    } catch (Exception | LinkageError e) {
      LOG.debug("preloading stopped: {}", e.toString());
    }
    LOG.debug("preloaded in {} ms", (System.nanoTime() - started) / 1_000_000);
  }
}
