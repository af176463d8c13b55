package dev.plexauth.sdk.internal;

import dev.plexauth.sdk.errors.ErrorDetails;
import dev.plexauth.sdk.errors.SDKError;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Everything that sets one operation apart: where it goes, what it sends, how its answer is read
 * and which errors it throws.
 *
 * @param id the operation id used in messages and errors, e.g. {@code getTokenDetails}
 * @param method the HTTP method
 * @param server which base URL it uses unless a call overrides it
 * @param path the path below the base
 * @param query the query parameters, in order, not yet encoded
 * @param sendsToken whether it sends {@code X-Plex-Token}
 * @param signIn whether it is the sign-in: never resent once it may have reached the server, and
 *     needs a client identifier
 * @param identity the request's own identity (sign-in), or null to use the client's
 * @param contentType the request body's content type, or null without a body
 * @param body the request body, empty for none
 * @param decoder reads a successful answer
 * @param badRequest makes the operation's 400 error
 * @param unauthorized makes the operation's 401 error
 * @param <T> the response type
 */
public record Operation<T>(
    String id,
    String method,
    Server server,
    String path,
    List<Map.Entry<String, String>> query,
    boolean sendsToken,
    boolean signIn,
    ClientConfig.Identity identity,
    String contentType,
    byte[] body,
    Decoders.Decoder<T> decoder,
    Function<ErrorDetails, SDKError> badRequest,
    Function<ErrorDetails, SDKError> unauthorized) {

  /** The two kinds of server an operation talks to. */
  public enum Server {
    /** The Plex Media Server: {@code serverURL}. */
    PMS,
    /** plex.tv: {@code plexTvURL}. */
    PLEX_TV
  }

  @Override
  public String toString() {
    return "Operation[" + id + " " + method + " " + path + "]";
  }
}
