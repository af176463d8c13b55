package dev.plexauth.server;

import dev.plexauth.server.support.Http;

/**
 * The lockout tests of {@link LockoutTest}, every attempt sent to the older {@code POST
 * /users/sign_in.json} with HTTP Basic credentials and a two-factor code appended to the password:
 * the same rules, counted the same way.
 */
class LegacyLockoutTest extends LockoutTest {

  @Override
  Http.Response signIn(Http http, String client, String login, String password, String code) {
    return LegacySignInTest.asPlexError(
        http.legacySignIn(client, login, code == null ? password : password + code));
  }
}
