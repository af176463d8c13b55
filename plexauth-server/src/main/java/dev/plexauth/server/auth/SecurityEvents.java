package dev.plexauth.server.auth;

import java.util.Locale;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Security events, one structured line each on the logger {@value #LOGGER}, at INFO:
 *
 * <pre>
 * event=sign_in outcome=failure reason=bad_credentials address=203.0.113.7 account=- client=abc
 * event=lockout outcome=refused reason=too_many_failures address=203.0.113.7 account=42 client=abc
 * event=password_changed outcome=success reason=administration address=- account=42 client=-
 * </pre>
 *
 * Every line has the same six fields in the same order: {@code event}, {@code outcome} ({@code
 * success}, {@code failure}, {@code challenge} or {@code refused}), {@code reason}, the client
 * {@code address}, the {@code account} id and the {@code client} identifier ({@code -} when there
 * is none). A value that is not plain (letters, digits and {@code ._:@/+-}) is quoted, with quotes,
 * backslashes, control, bidi and line-separator characters escaped as {@code \\uXXXX}, so a client
 * cannot forge a line or a field. Never a secret: no password, code, token or TOTP secret, and no
 * login string either (people type passwords into the login field).
 *
 * <p>The routes call {@link #emit}; the services call the same for what they decide.
 */
public final class SecurityEvents {

  /** The logger's name. */
  public static final String LOGGER = "plexauth.security";

  private static final Logger LOG = LoggerFactory.getLogger(LOGGER);
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9._:@/+-]{1,256}");

  /** What became of the attempt or change. */
  public enum Outcome {
    /** It worked. */
    SUCCESS,
    /** Wrong credentials. */
    FAILURE,
    /** A further step is asked for (the 2FA code). */
    CHALLENGE,
    /** Not judged or not allowed: locked, rate-limited, forbidden. */
    REFUSED
  }

  /**
   * Where a request came from.
   *
   * @param address the client address, or {@code -}
   * @param clientIdentifier the {@code X-Plex-Client-Identifier}, or {@code -}
   */
  public record Origin(String address, String clientIdentifier) {

    /** A change made through the administration API or the CLI, not by an HTTP request. */
    public static final Origin ADMINISTRATION = new Origin("-", "-");

    /** Missing values become {@code -}. */
    public Origin {
      address = address == null || address.isEmpty() ? "-" : address;
      clientIdentifier =
          clientIdentifier == null || clientIdentifier.isEmpty() ? "-" : clientIdentifier;
    }
  }

  private SecurityEvents() {}

  /**
   * Logs one event.
   *
   * @param event what happened, e.g. {@code sign_in}, {@code rate_limit}, {@code access_denied}
   * @param outcome its outcome
   * @param reason why, e.g. {@code bad_credentials}
   * @param origin where the request came from
   * @param accountId the account concerned, if known
   */
  public static void emit(
      String event, Outcome outcome, String reason, Origin origin, OptionalLong accountId) {
    if (!LOG.isInfoEnabled()) {
      return;
    }
    LOG.info(
        "event={} outcome={} reason={} address={} account={} client={}",
        value(event),
        outcome.name().toLowerCase(Locale.ROOT),
        value(reason),
        value(origin.address()),
        accountId.isPresent() ? Long.toString(accountId.getAsLong()) : "-",
        value(origin.clientIdentifier()));
  }

  /** An account, source or credential change made by the administration. */
  static void changed(String event, long accountId) {
    emit(
        event,
        Outcome.SUCCESS,
        "administration",
        Origin.ADMINISTRATION,
        OptionalLong.of(accountId));
  }

  /** A source change made by the administration. */
  static void sourceChanged(String event) {
    emit(event, Outcome.SUCCESS, "administration", Origin.ADMINISTRATION, OptionalLong.empty());
  }

  /**
   * A value as it goes into the line: as it is when plain, else quoted and escaped.
   *
   * @param text the value
   * @return the field's text
   */
  static String value(String text) {
    if (text == null || text.isEmpty()) {
      return "-";
    }
    if (PLAIN.matcher(text).matches()) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length() + 2).append('"');
    int end = Math.min(text.length(), 256);
    for (int i = 0; i < end; i++) {
      char c = text.charAt(i);
      if (c == '"' || c == '\\' || c < 0x20 || (c >= 0x7f && c <= 0x9f) || isInvisible(c)) {
        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    if (text.length() > end) {
      out.append("...");
    }
    return out.append('"').toString();
  }

  /** Bidi controls, zero-width characters and the Unicode line and paragraph separators. */
  private static boolean isInvisible(char c) {
    return (c >= 0x200b && c <= 0x200f)
        || (c >= 0x2028 && c <= 0x202e)
        || (c >= 0x2060 && c <= 0x206f)
        || c == 0xfeff
        || Character.isSurrogate(c);
  }
}
