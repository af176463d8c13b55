package dev.plexauth.server;

import dev.plexauth.server.support.TestDatabase;
import java.nio.file.Path;
import org.junit.jupiter.api.Nested;

/**
 * The server's wire tests for sign-in, tokens and lockout, run again on a real PostgreSQL (a fresh
 * database per fixture on the JVM's shared embedded server), so both supported databases answer
 * every request the same way.
 */
class PostgresWireTest {

  @Nested
  class SignIn extends SignInTest {
    @Override
    TestDatabase database(Path dataDir) {
      return TestDatabase.postgres();
    }
  }

  @Nested
  class TokenRoutes extends TokenRoutesTest {
    @Override
    TestDatabase database(Path dataDir) {
      return TestDatabase.postgres();
    }
  }

  @Nested
  class TokenLifetime extends TokenLifetimeTest {
    @Override
    TestDatabase database(Path dataDir) {
      return TestDatabase.postgres();
    }
  }

  @Nested
  class TokenIdleTimeout extends TokenIdleTimeoutTest {
    @Override
    TestDatabase database(Path dataDir) {
      return TestDatabase.postgres();
    }
  }

  @Nested
  class CredentialChange extends CredentialChangeTest {
    @Override
    TestDatabase database(Path dataDir) {
      return TestDatabase.postgres();
    }
  }

  @Nested
  class Lockout extends LockoutTest {
    @Override
    TestDatabase database(Path dataDir) {
      return TestDatabase.postgres();
    }
  }

  @Nested
  class ConcurrentSignIn extends ConcurrentSignInTest {
    @Override
    TestDatabase database(Path dataDir) {
      return TestDatabase.postgres();
    }
  }
}
