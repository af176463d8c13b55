package dev.plexauth.conformance;

import dev.plexauth.server.support.TestDatabase;
import java.nio.file.Path;

/**
 * The SDK end-to-end suite with JSON answers (validated against the OpenAPI contract) on a real
 * PostgreSQL: a fresh database for each server on the JVM's shared embedded PostgreSQL.
 */
class SdkEndToEndPostgresTest extends SdkEndToEndJsonTest {

  @Override
  TestDatabase database(Path dataDir) {
    return TestDatabase.postgres();
  }
}
