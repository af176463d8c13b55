package dev.plexauth.sdk.models;

import dev.plexauth.sdk.internal.Redaction;
import java.util.Objects;
import java.util.Set;

/**
 * The credentials of a sign-in, sent as a form body.
 *
 * <pre>{@code
 * var body = PostUsersSignInDataRequestBody.of("alice@example.com", password).withVerificationCode("123456");
 * }</pre>
 *
 * @param login the username or email address
 * @param password the password (secret: masked in {@link #toString()})
 * @param rememberMe whether plex.tv should remember the sign-in (default false)
 * @param verificationCode the current two-factor code, or empty when the account has none (masked
 *     in {@link #toString()})
 */
public record PostUsersSignInDataRequestBody(
    String login, String password, boolean rememberMe, String verificationCode) {

  /** Checks the credentials; a null verification code means none. */
  public PostUsersSignInDataRequestBody {
    Objects.requireNonNull(login, "login == null");
    Objects.requireNonNull(password, "password == null");
    verificationCode = verificationCode == null ? "" : verificationCode;
  }

  /**
   * Credentials without a verification code and with {@code rememberMe=false}.
   *
   * @param login the username or email address
   * @param password the password
   * @return the request body
   */
  public static PostUsersSignInDataRequestBody of(String login, String password) {
    return new PostUsersSignInDataRequestBody(login, password, false, "");
  }

  /**
   * Returns a copy with a two-factor verification code.
   *
   * @param code the current code from the authenticator
   * @return a new request body
   */
  public PostUsersSignInDataRequestBody withVerificationCode(String code) {
    return new PostUsersSignInDataRequestBody(login, password, rememberMe, code);
  }

  /**
   * Returns a copy with {@code rememberMe} set.
   *
   * @param remember whether plex.tv should remember the sign-in
   * @return a new request body
   */
  public PostUsersSignInDataRequestBody withRememberMe(boolean remember) {
    return new PostUsersSignInDataRequestBody(login, password, remember, verificationCode);
  }

  /**
   * Tells whether a verification code is set.
   *
   * @return true when {@link #verificationCode()} is not empty
   */
  public boolean hasVerificationCode() {
    return !verificationCode.isEmpty();
  }

  @Override
  public String toString() {
    return Redaction.toString(this, Set.of("password", "verificationCode"));
  }
}
