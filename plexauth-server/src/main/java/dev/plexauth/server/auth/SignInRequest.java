package dev.plexauth.server.auth;

import java.util.Optional;

/**
 * A sign-in attempt as the HTTP layer parsed it.
 *
 * @param login a username or an email address
 * @param password the password
 * @param rememberMe whether the client asked to be remembered
 * @param verificationCode the TOTP code, if sent
 * @param clientIdentifier the {@code X-Plex-Client-Identifier}
 * @param product the {@code X-Plex-Product}, if sent
 * @param version the {@code X-Plex-Version}, if sent
 * @param platform the {@code X-Plex-Platform}, if sent
 * @param device the {@code X-Plex-Device}, if sent
 * @param codeInPassword whether a two-factor account's code may come at the end of the password
 *     (the older {@code /users/sign_in} route, as Plex tells users of older apps to type it)
 * @param clientAddress the address the request came from (for the security events)
 */
public record SignInRequest(
    String login,
    String password,
    boolean rememberMe,
    Optional<String> verificationCode,
    String clientIdentifier,
    Optional<String> product,
    Optional<String> version,
    Optional<String> platform,
    Optional<String> device,
    boolean codeInPassword,
    String clientAddress) {

  @Override
  public String toString() {
    return "SignInRequest[clientIdentifier=" + clientIdentifier + "]";
  }
}
