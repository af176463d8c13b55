package dev.plexauth.server;

import dev.plexauth.server.support.TestDatabase;
import java.nio.file.Path;
import org.junit.jupiter.api.Nested;

/**
 * The server's wire tests for sign-in (both routes), tokens, lockout, the server's identity,
 * resources and devices, run again on a real PostgreSQL (a fresh database per fixture on the JVM's
 * shared embedded server), so both supported databases answer every request the same way.
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

  @Nested
  class ServerIdentity extends ServerIdentityTest {
    @Override
    TestDatabase database(Path dataDir) {
      return TestDatabase.postgres();
    }
  }

  @Nested
  class Resources extends ResourcesTest {
    @Override
    TestDatabase database(Path dataDir) {
      return TestDatabase.postgres();
    }
  }

  @Nested
  class Devices extends DevicesTest {
    @Override
    TestDatabase database(Path dataDir) {
      return TestDatabase.postgres();
    }
  }

  @Nested
  class LegacySignIn extends LegacySignInTest {
    @Override
    TestDatabase database(Path dataDir) {
      return TestDatabase.postgres();
    }
  }

  @Nested
  class LegacyLockout extends LegacyLockoutTest {
    @Override
    TestDatabase database(Path dataDir) {
      return TestDatabase.postgres();
    }
  }
}
