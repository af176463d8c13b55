package dev.plexauth.conformance;

import dev.plexauth.sdk.models.Connection;
import dev.plexauth.server.NewAccount;
import dev.plexauth.server.PlexAuthServer;
import dev.plexauth.server.Source;
import java.nio.file.Path;
import java.util.List;

/**
 * A plexauth server on a loopback port with the accounts and the source the conformance cases use:
 * an admin, a plain user, a user with two-factor authentication, and one registered source.
 */
final class ConformanceServer implements AutoCloseable {

  static final String ADMIN_LOGIN = "conformance-admin";
  static final String ADMIN_PASSWORD = "admin pass & w=rd+1";
  static final String USER_LOGIN = "conformance-user";
  static final String USER_PASSWORD = "user-password-2";
  static final String TOTP_LOGIN = "conformance-totp";
  static final String TOTP_PASSWORD = "totp-password-3";
  static final String SOURCE = "server://conformance-source";
  static final String SOURCE_CLIENT_IDENTIFIER = "conformance-source";

  final PlexAuthServer server;
  final String totpSecret;

  ConformanceServer(Path dataDir, int signInRateLimit) {
    server =
        PlexAuthServer.builder()
            .dataDir(dataDir)
            .port(0)
            .signInRateLimit(signInRateLimit)
            .createOwnerOnFirstStart(false)
            .build()
            .start();
    server.addAccount(
        NewAccount.of(ADMIN_LOGIN, "admin@conformance.test", ADMIN_PASSWORD).asAdmin());
    server.addAccount(NewAccount.of(USER_LOGIN, "user@conformance.test", USER_PASSWORD));
    totpSecret =
        server
            .addAccount(
                NewAccount.of(TOTP_LOGIN, "totp@conformance.test", TOTP_PASSWORD).withTotp())
            .totpSecret()
            .orElseThrow();
    server.addSource(
        new Source(
            SOURCE,
            "Conformance Server",
            SOURCE_CLIENT_IDENTIFIER,
            List.of(
                new Connection("http", "127.0.0.1", 32400, "http://127.0.0.1:32400", true, false),
                new Connection(
                    "https",
                    "relay.conformance.test",
                    8443,
                    "https://relay.conformance.test:8443",
                    false,
                    true))));
  }

  String url() {
    return "http://127.0.0.1:" + server.port();
  }

  String plexTvUrl() {
    return url() + "/api/v2";
  }

  @Override
  public void close() {
    server.stop();
  }
}
