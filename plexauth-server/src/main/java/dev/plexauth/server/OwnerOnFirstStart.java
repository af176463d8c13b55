package dev.plexauth.server;

import java.io.PrintStream;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The owner (admin) account a first start creates when the database has no account: from {@code
 * PLEXAUTH_ADMIN_LOGIN}, {@code PLEXAUTH_ADMIN_EMAIL} and {@code PLEXAUTH_ADMIN_PASSWORD}, or with
 * a generated password printed once to the announcement stream, never to the log.
 */
final class OwnerOnFirstStart {

  /** The server's logger: this is part of its start. */
  private static final Logger LOG = LoggerFactory.getLogger(PlexAuthServer.class);

  private OwnerOnFirstStart() {}

  static void createIfNone(
      PlexAuthAdmin admin, Map<String, String> env, PrintStream announcements) {
    if (admin.hasAccounts()) {
      return;
    }
    String login = nonEmpty(env.get("PLEXAUTH_ADMIN_LOGIN"), "admin");
    String email = env.get("PLEXAUTH_ADMIN_EMAIL");
    String username = login;
    if (login.contains("@")) {
      username = login.substring(0, login.indexOf('@'));
      email = nonEmpty(email, login);
    }
    email = nonEmpty(email, username + "@localhost");
    String password = env.get("PLEXAUTH_ADMIN_PASSWORD");
    boolean generated = password == null || password.isEmpty();
    if (generated) {
      byte[] random = new byte[18];
      new SecureRandom().nextBytes(random);
      password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }
    try {
      admin.addAccount(NewAccount.of(username, email, password).asAdmin());
    } catch (IllegalArgumentException e) {
      if (admin.hasAccounts()) {
        return; // another process created the first account at the same moment
      }
      throw new IllegalArgumentException(
          "cannot create the owner account from PLEXAUTH_ADMIN_*: " + e.getMessage(), e);
    }
    LOG.info("created the owner account '{}'", username);
    if (generated) {
      announcements.println(
          "plexauth: created the owner account '"
              + username
              + "' with the password "
              + password
              + " (shown only this once; set PLEXAUTH_ADMIN_PASSWORD to choose it)");
      announcements.flush();
    }
  }

  private static String nonEmpty(String value, String fallback) {
    return value == null || value.isBlank() ? fallback : value.strip();
  }
}
