package dev.plexauth.sdk.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The {@code User-Agent} every request sends: {@code plexauth-sdk/<version> Java/<version>}. */
final class UserAgent {

  /** The SDK version from the build, or {@code dev} when run from unpackaged sources. */
  static final String SDK_VERSION = readVersion();

  /** The header value. */
  static final String VALUE =
      "plexauth-sdk/" + SDK_VERSION + " Java/" + System.getProperty("java.version", "unknown");

  private UserAgent() {}

  private static String readVersion() {
    try (InputStream in =
        UserAgent.class.getResourceAsStream("/dev/plexauth/sdk/version.properties")) {
      if (in == null) {
        return "dev";
      }
      Properties properties = new Properties();
      properties.load(in);
      String version = properties.getProperty("version", "dev");
      return version.startsWith("${") ? "dev" : version;
    } catch (IOException e) {
      return "dev";
    }
  }
}
