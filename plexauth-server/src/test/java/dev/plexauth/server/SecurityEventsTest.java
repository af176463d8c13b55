package dev.plexauth.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plexauth.sdk.models.Connection;
import dev.plexauth.server.auth.Lockout;
import dev.plexauth.server.support.Fixture;
import dev.plexauth.server.support.Http;
import dev.plexauth.server.support.LogCapture;
import dev.plexauth.server.support.Pins;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One structured line on {@code plexauth.security} per sign-in success, failure, lockout,
 * rate-limit refusal, 403 and account, source or credential change, with client address, account
 * id, client identifier, outcome and reason; never a secret. The access line has the address.
 */
class SecurityEventsTest {

  private static final Pattern LINE =
      Pattern.compile(
          "plexauth\\.security INFO event=[a-z_]+ outcome=(success|failure|challenge|refused)"
              + " reason=\\S+ address=\\S+ account=(-|\\d+) client=(\\S+|\"[^\"]*\")");

  @TempDir Path dataDir;

  @Test
  void signInsLockoutsRefusalsAndChangesAreEachOneLine() {
    List<String> secrets = new ArrayList<>();
    try (LogCapture logs = new LogCapture();
        Fixture fx = Fixture.on(dataDir).signInRateLimit(40).withAccounts().start()) {
      long alice = fx.user.account().id();
      long bob = fx.totpUser.account().id();
      String code = fx.totpCode();
      secrets.addAll(
          List.of(
              Fixture.USER_PASSWORD,
              Fixture.TOTP_PASSWORD,
              Fixture.ADMIN_PASSWORD,
              code,
              fx.totpSecret()));

      String token = fx.http.signInToken("app-1", Fixture.USER, Fixture.USER_PASSWORD, null);
      fx.http.signIn("app-2", Fixture.TOTP_USER, Fixture.TOTP_PASSWORD, null);
      fx.http.signIn("app-2", Fixture.TOTP_USER, Fixture.TOTP_PASSWORD, code);
      // A client identifier with quotes and a bidi override, which the query string can carry.
      fx.http.send(
          "POST",
          "/api/v2/users/signin?X-Plex-Client-Identifier=" + Http.encode("app \"3\" \u202e"),
          Http.form(java.util.Map.of("login", "ghost", "password", "a-wrong-password")),
          "Content-Type",
          "application/x-www-form-urlencoded");
      for (int i = 1; i <= Lockout.THRESHOLD; i++) {
        fx.http.signIn("app-4", Fixture.USER, "wrong-" + i, null);
      }
      fx.http.signIn("app-4", Fixture.USER, Fixture.USER_PASSWORD, null);
      Http.Response forbidden =
          fx.http.getJson(
              "/security/resources?source=" + Fixture.SOURCE,
              "X-Plex-Token",
              token,
              "X-Plex-Client-Identifier",
              "app-1");
      for (int i = 0; i < 30; i++) {
        fx.http.signIn("app-5", "nobody", "x", null);
      }
      String newPassword = "alice-new-Pa55word";
      secrets.addAll(List.of(newPassword, token, "a-wrong-password"));
      fx.server.changePassword(Fixture.USER, newPassword);
      secrets.add(fx.server.resetTotp(Fixture.TOTP_USER).orElseThrow());
      fx.server.turnOffTotp(Fixture.TOTP_USER);
      CreatedAccount carl =
          fx.server.addAccount(NewAccount.of("carl", "carl@example.com", "carl-Pa55word"));
      secrets.add("carl-Pa55word");
      fx.server.removeAccount("carl");
      fx.server.addSource(
          new Source(
              "server://attic",
              "Attic",
              "attic",
              List.of(
                  new Connection(
                      "http", "10.0.0.9", 32400, "http://10.0.0.9:32400", true, false))));
      fx.server.removeSource("server://attic");

      List<String> events =
          logs.lines().stream().filter(l -> l.startsWith("plexauth.security ")).toList();
      assertThat(forbidden.status()).isEqualTo(403);
      assertThat(events).allSatisfy(line -> assertThat(line).matches(LINE));
      String address = " address=127.0.0.1 ";
      assertThat(events)
          .contains(
              "plexauth.security INFO event=sign_in outcome=success reason=password"
                  + address
                  + "account="
                  + alice
                  + " client=app-1",
              "plexauth.security INFO event=sign_in outcome=challenge reason=code_required"
                  + address
                  + "account="
                  + bob
                  + " client=app-2",
              "plexauth.security INFO event=sign_in outcome=success reason=password_and_code"
                  + address
                  + "account="
                  + bob
                  + " client=app-2",
              // The client identifier is quoted and escaped: no forged line or field.
              "plexauth.security INFO event=sign_in outcome=failure reason=unknown_login"
                  + address
                  + "account=- client=\"app \\u0022"
                  + "3\\u0022 \\u202e\"",
              "plexauth.security INFO event=sign_in outcome=failure reason=bad_password"
                  + address
                  + "account="
                  + alice
                  + " client=app-4",
              "plexauth.security INFO event=lockout outcome=refused reason=too_many_failures"
                  + address
                  + "account="
                  + alice
                  + " client=app-4",
              "plexauth.security INFO event=sign_in outcome=refused reason=locked"
                  + address
                  + "account="
                  + alice
                  + " client=app-4",
              "plexauth.security INFO event=access_denied outcome=refused"
                  + " reason=source_information_needs_admin"
                  + address
                  + "account="
                  + alice
                  + " client=app-1",
              "plexauth.security INFO event=rate_limit outcome=refused reason=per_address_limit"
                  + address
                  + "account=- client=app-5",
              "plexauth.security INFO event=password_changed outcome=success"
                  + " reason=administration address=- account="
                  + alice
                  + " client=-",
              "plexauth.security INFO event=totp_reset outcome=success"
                  + " reason=administration address=- account="
                  + bob
                  + " client=-",
              "plexauth.security INFO event=totp_off outcome=success"
                  + " reason=administration address=- account="
                  + bob
                  + " client=-",
              "plexauth.security INFO event=account_added outcome=success"
                  + " reason=administration address=- account="
                  + carl.account().id()
                  + " client=-",
              "plexauth.security INFO event=account_removed outcome=success"
                  + " reason=administration address=- account="
                  + carl.account().id()
                  + " client=-",
              "plexauth.security INFO event=source_added outcome=success"
                  + " reason=administration address=- account=- client=-",
              "plexauth.security INFO event=source_removed outcome=success"
                  + " reason=administration address=- account=- client=-");
      // One line per sign-in attempt: 1 + 2 + 1 + 10 + 1 answered, and 40 - 15 that passed the
      // limit of 40 (the rest are rate-limit lines); each 10th failure adds a lockout line, for
      // alice and for the unknown login.
      assertThat(events.stream().filter(l -> l.contains(" event=sign_in "))).hasSize(15 + 25);
      assertThat(events.stream().filter(l -> l.contains(" event=lockout "))).hasSize(2);
      assertThat(events.stream().filter(l -> l.contains(" event=rate_limit "))).hasSize(5);
      assertThat(logs.lines())
          .anyMatch(l -> l.startsWith("dev.plexauth.server.access INFO 127.0.0.1 POST "));
      String all = String.join("\n", events);
      for (String secret : secrets) {
        assertThat(all).as("security events hold a secret").doesNotContain(secret);
      }
    }
  }

  @Test
  void signOutsDeviceRemovalsAndPinsAreEachOneLine() {
    try (LogCapture logs = new LogCapture();
        Fixture fx = Fixture.on(dataDir).withAccounts().start()) {
      long alice = fx.user.account().id();
      String phone = fx.http.signInToken("phone", Fixture.USER, Fixture.USER_PASSWORD, null);
      String tablet = fx.http.signInToken("tablet", Fixture.USER, Fixture.USER_PASSWORD, null);
      long tabletId = 0;
      for (JsonNode device : fx.http.getJson("/api/v2/devices", "X-Plex-Token", phone).json()) {
        if (!device.path("current").asBoolean()) {
          tabletId = device.path("id").asLong();
        }
      }
      Http.Response removed =
          fx.http.send(
              "DELETE",
              "/api/v2/devices/" + tabletId,
              null,
              "X-Plex-Token",
              phone,
              "Accept",
              "application/json");
      Http.Response unknown =
          fx.http.send(
              "DELETE",
              "/api/v2/devices/12345",
              null,
              "X-Plex-Token",
              phone,
              "Accept",
              "application/json");
      JsonNode pin = Pins.create(fx.http, "tv", false);
      Http.Response wrong = Pins.link(fx.http, phone, "ZZZZ");
      Http.Response approved = Pins.link(fx.http, phone, pin.path("code").asText());
      Http.Response handedOut = Pins.poll(fx.http, pin.path("id").asLong(), "tv");
      Http.Response signOut =
          fx.http.send("DELETE", "/api/v2/users/signout", null, "X-Plex-Token", phone);

      List<String> events =
          logs.lines().stream().filter(l -> l.startsWith("plexauth.security ")).toList();
      assertThat(unknown.status()).isEqualTo(404);
      assertThat(wrong.status()).isEqualTo(404);
      assertThat(approved.status()).isEqualTo(204);
      String pinToken = handedOut.json().path("authToken").asText();
      assertThat(pinToken).isNotBlank();
      assertThat(signOut.status()).isEqualTo(204);
      assertThat(removed.status()).isEqualTo(204);
      assertThat(events).allSatisfy(line -> assertThat(line).matches(LINE));
      String account = " address=127.0.0.1 account=" + alice;
      assertThat(events)
          .contains(
              "plexauth.security INFO event=device_removed outcome=success reason=by_owner"
                  + account
                  + " client=-",
              "plexauth.security INFO event=device_removed outcome=refused reason=not_found"
                  + account
                  + " client=-",
              "plexauth.security INFO event=pin_link outcome=failure reason=bad_code"
                  + account
                  + " client=-",
              "plexauth.security INFO event=pin_link outcome=success reason=approved"
                  + account
                  + " client=-",
              "plexauth.security INFO event=sign_in outcome=success reason=pin"
                  + account
                  + " client=tv",
              "plexauth.security INFO event=sign_out outcome=success reason=token_ended"
                  + account
                  + " client=-");
      String all = String.join("\n", events);
      for (String secret : List.of(phone, tablet, pinToken, pin.path("code").asText())) {
        assertThat(all).as("security events hold a secret").doesNotContain(secret);
      }
    }
  }
}
