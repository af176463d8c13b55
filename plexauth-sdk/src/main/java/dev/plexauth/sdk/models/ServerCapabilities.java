package dev.plexauth.sdk.models;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * What a Plex Media Server says about itself to a client with a token: the {@code MediaContainer}
 * of {@code getServerCapabilities} ({@code GET /}), with the fields plexjs 0.32.1 knows.
 *
 * <p>Reading is lenient: a missing field reads as empty text, false or 0; booleans as {@code 0}/
 * {@code 1}; numbers as strings; {@code Directory} as an array or one object.
 *
 * <pre>{@code
 * ServerCapabilities server = plex.server().getServerCapabilities().mediaContainer();
 * System.out.println(server.friendlyName() + " owned by " + server.myPlexUsername());
 * }</pre>
 *
 * @param size the number of directories
 * @param allowCameraUpload whether camera upload is allowed
 * @param allowChannelAccess whether channels are allowed
 * @param allowMediaDeletion whether media may be deleted
 * @param allowSharing whether sharing is allowed
 * @param allowSync whether sync is allowed
 * @param allowTuners whether tuners are allowed
 * @param backgroundProcessing whether background processing is on
 * @param certificate whether the server has a certificate
 * @param companionProxy whether it proxies Plex Companion
 * @param countryCode the server's country code, or empty
 * @param diagnostics the diagnostics it offers, comma-separated
 * @param eventStream whether it has an event stream
 * @param friendlyName the server's name
 * @param hubSearch whether hub search is on
 * @param itemClusters whether item clusters are on
 * @param livetv the Live TV version, 0 for none
 * @param machineIdentifier the server's machine identifier
 * @param mediaProviders whether it has media providers
 * @param multiuser whether it serves several accounts
 * @param musicAnalysis the music analysis version
 * @param myPlex whether it is signed in to plex.tv
 * @param myPlexMappingState the plex.tv mapping state, e.g. {@code mapped}
 * @param myPlexSigninState the plex.tv sign-in state, e.g. {@code ok}
 * @param myPlexSubscription whether the owner has Plex Pass
 * @param myPlexUsername the owner's plex.tv name
 * @param offlineTranscode the offline transcoder version
 * @param ownerFeatures the owner's features, comma-separated, possibly empty
 * @param photoAutoTag whether photos are tagged automatically
 * @param platform the server's operating system
 * @param platformVersion the operating system's version
 * @param pluginHost whether it hosts plugins
 * @param pushNotifications whether it sends push notifications
 * @param readOnlyLibraries whether its libraries are read-only
 * @param streamingBrainABRVersion the adaptive bitrate version
 * @param streamingBrainVersion the streaming brain version
 * @param sync whether sync is on
 * @param transcoderActiveVideoSessions the video transcodes running now
 * @param transcoderAudio whether it transcodes audio
 * @param transcoderLyrics whether it transcodes lyrics
 * @param transcoderPhoto whether it transcodes photos
 * @param transcoderSubtitles whether it transcodes subtitles
 * @param transcoderVideo whether it transcodes video
 * @param transcoderVideoBitrates the video bitrates, comma-separated
 * @param transcoderVideoQualities the video qualities, comma-separated
 * @param transcoderVideoResolutions the video resolutions, comma-separated
 * @param updatedAt when the server last changed, epoch seconds
 * @param updater whether it updates itself
 * @param version the server's version
 * @param voiceSearch whether voice search is on
 * @param directories the root directories (the wire name is {@code Directory})
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ServerCapabilities(
    long size,
    boolean allowCameraUpload,
    boolean allowChannelAccess,
    boolean allowMediaDeletion,
    boolean allowSharing,
    boolean allowSync,
    boolean allowTuners,
    boolean backgroundProcessing,
    boolean certificate,
    boolean companionProxy,
    String countryCode,
    String diagnostics,
    boolean eventStream,
    String friendlyName,
    boolean hubSearch,
    boolean itemClusters,
    long livetv,
    String machineIdentifier,
    boolean mediaProviders,
    boolean multiuser,
    long musicAnalysis,
    boolean myPlex,
    String myPlexMappingState,
    String myPlexSigninState,
    boolean myPlexSubscription,
    String myPlexUsername,
    long offlineTranscode,
    String ownerFeatures,
    boolean photoAutoTag,
    String platform,
    String platformVersion,
    boolean pluginHost,
    boolean pushNotifications,
    boolean readOnlyLibraries,
    long streamingBrainABRVersion,
    long streamingBrainVersion,
    boolean sync,
    long transcoderActiveVideoSessions,
    boolean transcoderAudio,
    boolean transcoderLyrics,
    boolean transcoderPhoto,
    boolean transcoderSubtitles,
    boolean transcoderVideo,
    String transcoderVideoBitrates,
    String transcoderVideoQualities,
    String transcoderVideoResolutions,
    long updatedAt,
    boolean updater,
    String version,
    boolean voiceSearch,
    @JsonProperty("Directory")
        @JsonAlias({"directory", "directories"})
        @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
        List<Directory> directories) {

  /** Replaces missing strings with empty ones and copies the list. */
  public ServerCapabilities {
    countryCode = NullToEmpty.text(countryCode);
    diagnostics = NullToEmpty.text(diagnostics);
    friendlyName = NullToEmpty.text(friendlyName);
    machineIdentifier = NullToEmpty.text(machineIdentifier);
    myPlexMappingState = NullToEmpty.text(myPlexMappingState);
    myPlexSigninState = NullToEmpty.text(myPlexSigninState);
    myPlexUsername = NullToEmpty.text(myPlexUsername);
    ownerFeatures = NullToEmpty.text(ownerFeatures);
    platform = NullToEmpty.text(platform);
    platformVersion = NullToEmpty.text(platformVersion);
    transcoderVideoBitrates = NullToEmpty.text(transcoderVideoBitrates);
    transcoderVideoQualities = NullToEmpty.text(transcoderVideoQualities);
    transcoderVideoResolutions = NullToEmpty.text(transcoderVideoResolutions);
    version = NullToEmpty.text(version);
    directories = NullToEmpty.list(directories);
  }
}
