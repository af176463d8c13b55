package dev.plexauth.server.auth;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The id of a source: {@code server://…} or {@code provider://…}, at most 200 characters after the
 * scheme, without white space or control characters. The one rule for registering a source and for
 * asking for its connection information.
 *
 * <pre>{@code
 * SourceId id = new SourceId("server://abc");            // throws when invalid
 * Optional<SourceId> maybe = SourceId.parse(userInput);  // empty when invalid
 * }</pre>
 *
 * @param value the id as registered
 */
public record SourceId(String value) {

  private static final Pattern FORM =
      Pattern.compile("(server|provider)://[^\\s\\x00-\\x1F\\x7F-\\x9F]{1,200}");

  /**
   * Checks the id.
   *
   * @throws IllegalArgumentException when it is not a source id
   */
  public SourceId {
    if (!isValid(value)) {
      throw new IllegalArgumentException(
          "the source id must look like server://identifier or provider://identifier");
    }
  }

  /**
   * Reads an id given by a client.
   *
   * @param text the text, possibly null
   * @return the id, or empty when the text is not a source id
   */
  public static Optional<SourceId> parse(String text) {
    return isValid(text) ? Optional.of(new SourceId(text)) : Optional.empty();
  }

  private static boolean isValid(String text) {
    return text != null && FORM.matcher(text).matches();
  }

  @Override
  public String toString() {
    return value;
  }
}
