package dev.plexauth.server;

import dev.plexauth.server.support.Fixture;
import dev.plexauth.server.support.Http;

/**
 * The user-enumeration tests of {@link UserEnumerationTest} on the older {@code POST
 * /users/sign_in.json} and {@code .xml}: an unknown login and a wrong password get the same answer
 * for the same work there too.
 */
class LegacyUserEnumerationTest extends UserEnumerationTest {

  @Override
  String badCredentials() {
    return "Invalid email, username, or password.";
  }

  @Override
  Http.Response signIn(Fixture fx, String login, String password, boolean json) {
    return fx.http.send(
        "POST",
        json ? "/users/sign_in.json" : "/users/sign_in.xml",
        null,
        "Authorization",
        Http.basic(login, password),
        "X-Plex-Client-Identifier",
        "enumeration");
  }
}
