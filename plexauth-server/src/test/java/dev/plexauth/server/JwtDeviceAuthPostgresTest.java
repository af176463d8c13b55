package dev.plexauth.server;

import dev.plexauth.server.support.TestDatabase;
import java.nio.file.Path;

/** {@link JwtDeviceAuthTest} on PostgreSQL: every route and refusal on the second dialect. */
class JwtDeviceAuthPostgresTest extends JwtDeviceAuthTest {

  @Override
  TestDatabase database(Path dataDir) {
    return TestDatabase.postgres();
  }
}
