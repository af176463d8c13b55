package dev.plexauth.server.auth;

import java.lang.Character.UnicodeScript;
import java.text.Normalizer;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What a username may be, and when two usernames look too much alike.
 *
 * <p>A username is normalised to Unicode NFKC (so full-width {@code ａｄｍｉｎ} and ligatures become
 * {@code admin}) and must then have 1 to 64 characters and none of: {@code @}, white space, control
 * or format characters (zero-width joiners and spaces, bidi controls, soft hyphens), unassigned or
 * private-use code points, or the same combining mark twice in a row. Its letters must come from
 * one script, as UTS #39's "highly restrictive" level allows: one script, or Latin with Han and
 * Hiragana/Katakana (Japanese), with Han and Bopomofo (Chinese) or with Han and Hangul (Korean).
 * Digits, punctuation and symbols (the Common script) go with any. So a Cyrillic {@code а} inside
 * an otherwise Latin {@code аdmin} is refused.
 *
 * <p>A new username is also refused when its {@link #skeleton} equals an existing one's: the same
 * letters after mapping look-alikes onto Latin (Cyrillic {@code асе} and Latin {@code ace}, Greek
 * {@code ο} and Latin {@code o}, {@code rn} and {@code m}, {@code 0} and {@code o}, {@code 1},
 * {@code I} and {@code l}). The table is a small part of Unicode's confusables.txt: the letters of
 * Cyrillic, Greek and Armenian that look like Latin ones, not the whole file.
 */
public final class Usernames {

  /** The most characters a username may have. */
  public static final int MAX_LENGTH = 64;

  private static final Set<UnicodeScript> NEUTRAL =
      EnumSet.of(UnicodeScript.COMMON, UnicodeScript.INHERITED);

  /** UTS #39 highly restrictive: the script sets allowed beside a single script. */
  private static final List<Set<UnicodeScript>> ALLOWED_MIXES =
      List.of(
          EnumSet.of(
              UnicodeScript.LATIN,
              UnicodeScript.HAN,
              UnicodeScript.HIRAGANA,
              UnicodeScript.KATAKANA),
          EnumSet.of(UnicodeScript.LATIN, UnicodeScript.HAN, UnicodeScript.BOPOMOFO),
          EnumSet.of(UnicodeScript.LATIN, UnicodeScript.HAN, UnicodeScript.HANGUL));

  /** Look-alikes of Latin letters, applied after lower-casing (usernames ignore case). */
  private static final Map<Integer, String> LOOK_ALIKES =
      Map.ofEntries(
          // Cyrillic (capitals included through their lower-case forms)
          Map.entry(0x0430, "a"), // а
          Map.entry(0x0432, "b"), // в (В)
          Map.entry(0x0435, "e"), // е
          Map.entry(0x0451, "e"), // ё
          Map.entry(0x043A, "k"), // к (К)
          Map.entry(0x043C, "m"), // м (М)
          Map.entry(0x043D, "h"), // н (Н)
          Map.entry(0x043E, "o"), // о
          Map.entry(0x0440, "p"), // р
          Map.entry(0x0441, "c"), // с
          Map.entry(0x0442, "t"), // т (Т)
          Map.entry(0x0443, "y"), // у
          Map.entry(0x0445, "x"), // х
          Map.entry(0x0455, "s"), // ѕ
          Map.entry(0x0456, "i"), // і
          Map.entry(0x0457, "i"), // ї
          Map.entry(0x0458, "j"), // ј
          Map.entry(0x04BB, "h"), // һ
          Map.entry(0x04CF, "l"), // ӏ
          Map.entry(0x0501, "d"), // ԁ
          Map.entry(0x051B, "q"), // ԛ
          Map.entry(0x051D, "w"), // ԝ
          // Greek
          Map.entry(0x03B1, "a"), // α
          Map.entry(0x03B2, "b"), // β (Β)
          Map.entry(0x03B3, "y"), // γ
          Map.entry(0x03B5, "e"), // ε (Ε)
          Map.entry(0x03B6, "z"), // ζ (Ζ)
          Map.entry(0x03B7, "h"), // η (Η)
          Map.entry(0x03B9, "i"), // ι (Ι)
          Map.entry(0x03BA, "k"), // κ (Κ)
          Map.entry(0x03BC, "m"), // μ (Μ)
          Map.entry(0x03BD, "v"), // ν
          Map.entry(0x03BF, "o"), // ο (Ο)
          Map.entry(0x03C1, "p"), // ρ (Ρ)
          Map.entry(0x03C4, "t"), // τ (Τ)
          Map.entry(0x03C5, "u"), // υ
          Map.entry(0x03C7, "x"), // χ (Χ)
          Map.entry(0x03C9, "w"), // ω
          // Armenian
          Map.entry(0x0570, "h"), // հ
          Map.entry(0x0578, "n"), // ո
          Map.entry(0x057D, "u"), // ս
          Map.entry(0x0581, "g"), // ց
          Map.entry(0x0584, "p"), // ք
          Map.entry(0x0585, "o"), // օ
          Map.entry(0x0566, "q"), // զ
          // Latin and Common
          Map.entry(0x0131, "i"), // ı
          Map.entry(0x0251, "a"), // ɑ
          Map.entry(0x0261, "g"), // ɡ
          Map.entry(0x0269, "i"), // ɩ
          Map.entry(0x028B, "u"), // ʋ
          Map.entry(0x01C0, "l"), // ǀ
          Map.entry((int) '|', "l"),
          Map.entry((int) '1', "l"),
          Map.entry((int) '0', "o"));

  private Usernames() {}

  /**
   * Normalises and checks a new username.
   *
   * @param username the username as given
   * @return its NFKC form, the form stored
   * @throws IllegalArgumentException with a plain message when it is not acceptable
   */
  public static String normalize(String username) {
    if (username == null || username.isEmpty()) {
      throw new IllegalArgumentException("a username is required");
    }
    String nfkc = Normalizer.normalize(username, Normalizer.Form.NFKC);
    int length = nfkc.codePointCount(0, nfkc.length());
    if (length < 1 || length > MAX_LENGTH) {
      throw new IllegalArgumentException("the username must be 1 to " + MAX_LENGTH + " characters");
    }
    Set<UnicodeScript> scripts = EnumSet.noneOf(UnicodeScript.class);
    int previousMark = -1;
    for (int i = 0; i < nfkc.length(); ) {
      int cp = nfkc.codePointAt(i);
      i += Character.charCount(cp);
      if (cp == '@' || Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
        throw new IllegalArgumentException(
            "the username must be 1 to 64 characters without '@', spaces or control characters");
      }
      switch (Character.getType(cp)) {
        case Character.CONTROL,
            Character.FORMAT,
            Character.UNASSIGNED,
            Character.PRIVATE_USE,
            Character.SURROGATE,
            Character.LINE_SEPARATOR,
            Character.PARAGRAPH_SEPARATOR ->
            throw new IllegalArgumentException(
                "the username must not contain control, format, invisible or unassigned"
                    + " characters");
        case Character.NON_SPACING_MARK -> {
          if (cp == previousMark) {
            throw new IllegalArgumentException("the username must not repeat a combining mark");
          }
          previousMark = cp;
          continue;
        }
        default -> previousMark = -1;
      }
      UnicodeScript script = UnicodeScript.of(cp);
      if (!NEUTRAL.contains(script)) {
        scripts.add(script);
      }
    }
    if (scripts.size() > 1 && ALLOWED_MIXES.stream().noneMatch(s -> s.containsAll(scripts))) {
      throw new IllegalArgumentException(
          "the username mixes scripts ("
              + scripts.stream()
                  .map(s -> s.name().toLowerCase(Locale.ROOT))
                  .sorted()
                  .reduce((a, b) -> a + ", " + b)
                  .orElse("")
              + "); use the letters of one");
    }
    return nfkc;
  }

  /**
   * What a username looks like, for telling look-alikes apart: NFKC, {@code I} as {@code l}, lower
   * case, the look-alikes of Latin letters as those letters ({@code 1} and {@code |} as {@code l},
   * {@code 0} as {@code o}), {@code rn} as {@code m} and {@code vv} as {@code w}.
   *
   * @param username a username
   * @return its skeleton; two usernames with one skeleton are confusable
   */
  public static String skeleton(String username) {
    String nfkc = Normalizer.normalize(username, Normalizer.Form.NFKC).replace('I', 'l');
    String lower = nfkc.toLowerCase(Locale.ROOT);
    StringBuilder out = new StringBuilder(lower.length());
    lower
        .codePoints()
        .forEach(
            cp -> {
              String mapped = LOOK_ALIKES.get(cp);
              if (mapped != null) {
                out.append(mapped);
              } else {
                out.appendCodePoint(cp);
              }
            });
    return out.toString().replace("rn", "m").replace("vv", "w");
  }

  /**
   * The form a login (username or email address) is looked up in.
   *
   * @param login the login as typed
   * @return its NFKC form
   */
  public static String normalizeLogin(String login) {
    return Normalizer.normalize(login, Normalizer.Form.NFKC);
  }
}
