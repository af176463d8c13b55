package dev.plexauth.server.auth;

import dev.plexauth.sdk.models.ServerCapabilities;
import dev.plexauth.sdk.models.ServerIdentity;
import dev.plexauth.server.store.AccountRow;
import dev.plexauth.server.store.ServerIdentityRow;
import dev.plexauth.server.store.Store;
import io.soabase.recordbuilder.core.RecordBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;

/**
 * What the server says about itself in the PMS role: {@code GET /identity} (no token) and {@code
 * GET /} (any PMS token). The machine identifier is made once, at the first start, and kept in the
 * database, so every instance on one database is the same server to its clients; the friendly name
 * is this instance's setting. The SDK's record is built with {@code ServerCapabilitiesBuilder},
 * generated at compile time from its components.
 */
@RecordBuilder.Include(ServerCapabilities.class)
@RecordBuilder.Options(
    enableWither = false,
    addStaticBuilder = false,
    enableGetters = false,
    inheritComponentAnnotations = false)
public final class ServerInfo {

  /** The server's version, from the build. */
  public static final String VERSION = readVersion();

  private static final SecureRandom RANDOM = new SecureRandom();

  private final Store store;
  private final ServerIdentityRow identity;
  private final String friendlyName;
  private final Instant startedAt;

  private ServerInfo(
      Store store, ServerIdentityRow identity, String friendlyName, Instant startedAt) {
    this.store = store;
    this.identity = identity;
    this.friendlyName = friendlyName;
    this.startedAt = startedAt;
  }

  /**
   * Reads the server's identity, making it on the first start.
   *
   * @param store the store
   * @param friendlyName this instance's name
   * @param clock the clock
   * @return the server's description
   * @throws StoreUnavailable when the database cannot be read or written
   */
  public static ServerInfo load(Store store, String friendlyName, Clock clock) {
    Instant now = clock.instant();
    ServerIdentityRow identity =
        StoreUnavailable.guard(
            () -> store.serverIdentity(newMachineIdentifier(), now.toEpochMilli()));
    return new ServerInfo(store, identity, friendlyName, now);
  }

  /**
   * The machine identifier, the same on every instance sharing the database.
   *
   * @return 40 hexadecimal characters
   */
  public String machineIdentifier() {
    return identity.machineIdentifier();
  }

  /** The name clients show for this server. */
  String friendlyName() {
    return friendlyName;
  }

  /** When the identity was made. */
  Instant createdAt() {
    return Instant.ofEpochMilli(identity.createdAtMillis());
  }

  /**
   * {@code GET /identity}: what anyone may know, with or without a token.
   *
   * @return the identity; claimed when an admin account exists
   * @throws StoreUnavailable when the database cannot be read
   */
  public ServerIdentity identity() {
    boolean claimed = StoreUnavailable.guard(store::findOwner).isPresent();
    return new ServerIdentity(0, claimed, machineIdentifier(), VERSION);
  }

  /**
   * {@code GET /}: the server as a signed-in client sees it. plexauth serves no media, so every
   * media capability is off and there are no directories; {@code myPlexUsername} is the owner's
   * username (the first admin account), empty without one.
   *
   * @return the capabilities
   * @throws StoreUnavailable when the database cannot be read
   */
  public ServerCapabilities capabilities() {
    String owner = StoreUnavailable.guard(store::findOwner).map(AccountRow::username).orElse("");
    return ServerCapabilitiesBuilder.builder()
        .size(0)
        .countryCode("")
        .diagnostics("")
        .friendlyName(friendlyName)
        .machineIdentifier(machineIdentifier())
        .multiuser(true)
        .myPlex(true)
        .myPlexMappingState("mapped")
        .myPlexSigninState("ok")
        .myPlexUsername(owner)
        .ownerFeatures("")
        .platform(System.getProperty("os.name", ""))
        .platformVersion(System.getProperty("os.version", ""))
        .transcoderActiveVideoSessions(0)
        .transcoderVideoBitrates("")
        .transcoderVideoQualities("")
        .transcoderVideoResolutions("")
        .updatedAt(startedAt.getEpochSecond())
        .version(VERSION)
        .directories(List.of())
        .build();
  }

  /** 160 random bits in hex, the length of a Plex Media Server's machine identifier. */
  private static String newMachineIdentifier() {
    byte[] bytes = new byte[20];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  private static String readVersion() {
    try (InputStream in =
        ServerInfo.class.getResourceAsStream("/dev/plexauth/server/version.properties")) {
      if (in == null) {
        return "dev";
      }
      Properties properties = new Properties();
      properties.load(in);
      String version = properties.getProperty("version", "dev");
      return version.startsWith("${") ? "dev" : version;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read version.properties", e);
    }
  }
}
