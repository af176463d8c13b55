package dev.plexauth.server;

import dev.plexauth.server.support.TestDatabase;
import java.nio.file.Path;
import org.junit.jupiter.api.Nested;

/** The PIN sign-in wire tests again on a real PostgreSQL, so both databases answer alike. */
class PostgresPinTest {

  @Nested
  class PinRoutes extends PinRoutesTest {
    @Override
    TestDatabase database(Path dataDir) {
      return TestDatabase.postgres();
    }
  }
}
