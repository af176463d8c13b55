package dev.plexauth.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plexauth.server.support.Fixture;
import dev.plexauth.server.support.StoreDump;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tokens as issued over HTTP: 256 random bits each (base64url, 43 characters), never repeated, with
 * the bit and byte balance of a uniform source, and the database files hold none of them, neither
 * as text nor as raw bytes nor as hex, only the SHA-256 of the account tokens.
 */
class TokenStrengthTest {

  private static final int ACCOUNT_TOKENS = 24;
  private static final int TRANSIENT_TOKENS = 1000;

  @TempDir Path dataDir;

  @Test
  void issuedTokensAre256DistinctRandomBitsAndTheStoreKeepsOnlyHashes() throws IOException {
    List<String> accountTokens = new ArrayList<>();
    List<String> transientTokens = new ArrayList<>();
    try (Fixture fx = Fixture.withAccounts(dataDir)) {
      for (int i = 0; i < ACCOUNT_TOKENS; i++) {
        accountTokens.add(
            fx.http.signInToken("device-" + i, Fixture.ADMIN, Fixture.ADMIN_PASSWORD, null));
      }
      for (int i = 0; i < TRANSIENT_TOKENS; i++) {
        transientTokens.add(fx.http.transientToken(accountTokens.get(i % ACCOUNT_TOKENS)));
      }
      List<byte[]> random = new ArrayList<>();
      for (String token : accountTokens) {
        random.add(decode256Bits(token));
      }
      for (String token : transientTokens) {
        assertThat(token).startsWith("transient-");
        random.add(decode256Bits(token.substring("transient-".length())));
      }

      assertThat(random.stream().map(ByteBuffer::wrap).collect(Collectors.toSet()))
          .as("distinct tokens")
          .hasSize(ACCOUNT_TOKENS + TRANSIENT_TOKENS);
      assertThat(random.stream().map(b -> ByteBuffer.wrap(b, 0, 8)).collect(Collectors.toSet()))
          .as("distinct first 64 bits")
          .hasSize(random.size());
      assertLooksUniform(random);

      // The database keeps the SHA-256 of each current account token, and nothing else of it.
      Set<String> stored =
          StoreDump.of(dataDir).stream()
              .filter(row -> row.startsWith("account_tokens:"))
              .map(row -> row.replaceAll(".*;token_hash=([0-9a-f]{64});.*", "$1"))
              .collect(Collectors.toSet());
      assertThat(stored)
          .containsExactlyInAnyOrderElementsOf(
              accountTokens.stream().map(MalformedRequests::sha256).toList());
    }
    List<String> all = new ArrayList<>(accountTokens);
    all.addAll(transientTokens);
    assertNoFileHolds(all);
  }

  private static byte[] decode256Bits(String token) {
    assertThat(token).matches("[A-Za-z0-9_-]{43}");
    byte[] bytes = Base64.getUrlDecoder().decode(token);
    assertThat(bytes).hasSize(32);
    // Canonical: the two spare bits of the last character are zero.
    assertThat(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes)).isEqualTo(token);
    return bytes;
  }

  /**
   * Each of the 256 bit positions is set in 40-60 % of the tokens (a uniform source misses that
   * with a chance of about 1 in 10^7 over 1024 tokens), all bits together in 49-51 %, and each byte
   * value is about as frequent as the others.
   */
  private static void assertLooksUniform(List<byte[]> tokens) {
    int n = tokens.size();
    long ones = 0;
    for (int bit = 0; bit < 256; bit++) {
      int set = 0;
      for (byte[] token : tokens) {
        set += (token[bit / 8] >> (bit % 8)) & 1;
      }
      ones += set;
      assertThat(set).as("tokens with bit %d set", bit).isBetween(n * 4 / 10, n * 6 / 10);
    }
    assertThat((double) ones / (256.0 * n)).isBetween(0.49, 0.51);
    int[] byteValues = new int[256];
    tokens.forEach(
        token -> {
          for (byte b : token) {
            byteValues[b & 0xff]++;
          }
        });
    double expected = 32.0 * n / 256;
    for (int value = 0; value < 256; value++) {
      assertThat((double) byteValues[value])
          .as("occurrences of byte %d", value)
          .isBetween(expected * 0.5, expected * 1.5);
    }
  }

  /**
   * Scans every file of the data directory (the database, its WAL and shared memory) for any token
   * as text, as its 32 raw bytes, or as their hex. A planted token proves the scan finds them.
   */
  private void assertNoFileHolds(List<String> tokens) throws IOException {
    TokenScan scan = new TokenScan(tokens);
    String planted = tokens.get(tokens.size() - 1).substring("transient-".length());
    byte[] plantedBytes = Base64.getUrlDecoder().decode(planted);
    assertThat(scan.find(("xx" + planted).getBytes(StandardCharsets.US_ASCII))).isNotEmpty();
    assertThat(scan.find(plantedBytes)).isNotEmpty();
    assertThat(
            scan.find(HexFormat.of().formatHex(plantedBytes).getBytes(StandardCharsets.US_ASCII)))
        .isNotEmpty();
    List<Path> files;
    try (Stream<Path> list = Files.list(dataDir)) {
      files = list.filter(Files::isRegularFile).toList();
    }
    assertThat(files).extracting(f -> f.getFileName().toString()).contains("plexauth.db");
    for (Path file : files) {
      assertThat(scan.find(Files.readAllBytes(file))).as(file.getFileName().toString()).isEmpty();
    }
  }

  /** Finds tokens in bytes by windows of their first 12 characters, 8 bytes or 16 hex digits. */
  private static final class TokenScan {
    private final Set<String> text = new HashSet<>();
    private final Set<Long> raw = new HashSet<>();
    private final Set<String> hex = new HashSet<>();

    TokenScan(List<String> tokens) {
      for (String token : tokens) {
        String random = token.startsWith("transient-") ? token.substring(10) : token;
        byte[] bytes = Base64.getUrlDecoder().decode(random);
        text.add(random.substring(0, 12));
        raw.add(ByteBuffer.wrap(bytes).getLong());
        hex.add(HexFormat.of().formatHex(bytes, 0, 8));
      }
    }

    List<String> find(byte[] content) {
      List<String> found = new ArrayList<>();
      String latin1 = new String(content, StandardCharsets.ISO_8859_1);
      String lower = latin1.toLowerCase(java.util.Locale.ROOT);
      ByteBuffer buffer = ByteBuffer.wrap(content);
      for (int i = 0; i < content.length; i++) {
        if (i + 12 <= content.length && text.contains(latin1.substring(i, i + 12))) {
          found.add("text at " + i);
        }
        if (i + 8 <= content.length && raw.contains(buffer.getLong(i))) {
          found.add("raw bytes at " + i);
        }
        if (i + 16 <= content.length && hex.contains(lower.substring(i, i + 16))) {
          found.add("hex at " + i);
        }
      }
      return found;
    }
  }
}
