package dev.plexauth.conformance;

import dev.plexauth.sdk.models.Connection;
import dev.plexauth.server.Source;
import dev.plexauth.server.support.Fixture;
import dev.plexauth.server.support.MutableClock;
import java.nio.file.Path;
import java.util.List;

/**
 * The server a real client's harness runs against: real time (the client runs in another process,
 * and a 2FA code must be current when it arrives), the sign-in limit raised, the fixture's
 * accounts, and a source whose one connection is this very server, so that the client can connect
 * to it through its resources.
 */
final class ServerUnderTest {

  /** The source whose one connection is the server under test. */
  static final String PMS_SOURCE = "server://conformance-pms";

  static final String PMS_CLIENT_IDENTIFIER = "conformance-pms";

  private ServerUnderTest() {}

  static Fixture start(Path dataDir) {
    Fixture server =
        Fixture.on(dataDir)
            .clock(MutableClock.ticking())
            .signInRateLimit(1_000)
            .withAccounts()
            .start();
    server.server.addSource(
        new Source(
            PMS_SOURCE,
            "plexauth under test",
            PMS_CLIENT_IDENTIFIER,
            List.of(
                new Connection(
                    "http", "127.0.0.1", server.server.port(), server.url(), true, false))));
    return server;
  }
}
