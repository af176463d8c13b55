package dev.plexauth.conformance;

import dev.plexauth.sdk.Transport;
import dev.plexauth.sdk.TransportRequest;
import dev.plexauth.sdk.TransportResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Wraps a transport and remembers every secret that crosses it: the token sent in {@code
 * X-Plex-Token}, the password and verification code of each sign-in form, and every token in an
 * answer ({@code authToken}, {@code token}, {@code accessToken}, in JSON or XML). The suite then
 * searches the captured logs for all of them.
 */
final class SecretRecordingTransport implements Transport {

  private static final Pattern JSON_TOKEN =
      Pattern.compile("\"(?:authToken|token|accessToken)\"\\s*:\\s*\"([^\"]+)\"");
  private static final Pattern XML_TOKEN =
      Pattern.compile("\\b(?:authToken|token|accessToken)=\"([^\"]+)\"");

  private final Transport delegate;
  private final Set<String> secrets;

  SecretRecordingTransport(Transport delegate, Set<String> secrets) {
    this.delegate = delegate;
    this.secrets = secrets;
  }

  /** A set that several transports can share. */
  static Set<String> newSecretSet() {
    return ConcurrentHashMap.newKeySet();
  }

  @Override
  public TransportResponse send(TransportRequest request) throws IOException {
    record(request);
    TransportResponse response = delegate.send(request);
    String body = new String(response.body(), StandardCharsets.UTF_8);
    for (Pattern pattern : new Pattern[] {JSON_TOKEN, XML_TOKEN}) {
      Matcher m = pattern.matcher(body);
      while (m.find()) {
        secrets.add(m.group(1));
      }
    }
    return response;
  }

  private void record(TransportRequest request) {
    for (Map.Entry<String, String> header : request.headers().entrySet()) {
      if (header.getKey().equalsIgnoreCase("X-Plex-Token") && !header.getValue().isEmpty()) {
        secrets.add(header.getValue());
      }
    }
    String form = new String(request.body(), StandardCharsets.UTF_8);
    for (String pair : form.split("&")) {
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        continue;
      }
      String name = pair.substring(0, eq).toLowerCase(Locale.ROOT);
      String value = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      if ((name.equals("password") || name.equals("verificationcode")) && !value.isEmpty()) {
        secrets.add(value);
      }
    }
  }
}
