package dev.plexauth.sdk.internal;

import dev.plexauth.sdk.errors.ErrorDetails;
import dev.plexauth.sdk.errors.SDKError;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Everything that sets one operation apart: where it goes, what it sends, how its answer is read
 * and which errors it throws. Made by {@link #get}, {@link #post}, {@link #put} or {@link #delete}
 * and a few named steps:
 *
 * <pre>{@code
 * Operation.<GetTokenDetailsResponse>get("getTokenDetails", Server.PLEX_TV, "user")
 *     .decoder(Decoders::tokenDetails)
 *     .errors(GetTokenDetailsBadRequest::new, GetTokenDetailsUnauthorized::new)
 *     .build();
 * }</pre>
 *
 * @param <T> the response type
 */
public final class Operation<T> {

  private static final byte[] NO_BODY = new byte[0];

  /** The two kinds of server an operation talks to. */
  public enum Server {
    /** The Plex Media Server: {@code serverURL}. */
    PMS,
    /** plex.tv: {@code plexTvURL}. */
    PLEX_TV
  }

  private final String id;
  private final String method;
  private final Server server;
  private final String path;
  private final List<Map.Entry<String, String>> query;
  private final ClientConfig.Identity signInIdentity;
  private final boolean once;
  private final String contentType;
  private final byte[] body;
  private final Decoders.Decoder<T> decoder;
  private final Function<ErrorDetails, SDKError> badRequest;
  private final Function<ErrorDetails, SDKError> unauthorized;
  private final Map<Integer, Function<ErrorDetails, SDKError>> otherErrors;
  private final List<Map.Entry<String, String>> headers;
  private final boolean token;

  private Operation(Builder<T> builder) {
    this.id = builder.id;
    this.method = builder.method;
    this.server = builder.server;
    this.path = builder.path;
    this.query = List.copyOf(builder.query);
    this.signInIdentity = builder.signInIdentity;
    this.once = builder.once || builder.signInIdentity != null;
    this.contentType = builder.contentType;
    this.body = builder.body;
    this.decoder = Objects.requireNonNull(builder.decoder, "decoder == null");
    this.badRequest = Objects.requireNonNull(builder.badRequest, "badRequest == null");
    this.unauthorized = Objects.requireNonNull(builder.unauthorized, "unauthorized == null");
    this.otherErrors = Map.copyOf(builder.otherErrors);
    this.headers = List.copyOf(builder.headers);
    this.token = builder.token && builder.signInIdentity == null;
  }

  /**
   * Starts a {@code GET} that sends the client's token.
   *
   * @param id the operation id used in messages and errors, e.g. {@code getTokenDetails}
   * @param server which base URL it uses unless a call overrides it
   * @param path the path below the base
   * @param <T> the response type
   * @return a builder
   */
  public static <T> Builder<T> get(String id, Server server, String path) {
    return new Builder<>(id, "GET", server, path);
  }

  /**
   * Starts a {@code DELETE} that sends the client's token and is never resent once it may have
   * reached the server (a second one would find nothing left to end).
   *
   * @param id the operation id used in messages and errors
   * @param server which base URL it uses unless a call overrides it
   * @param path the path below the base
   * @param <T> the response type
   * @return a builder
   */
  public static <T> Builder<T> delete(String id, Server server, String path) {
    return new Builder<T>(id, "DELETE", server, path).once();
  }

  /**
   * Starts a {@code PUT} that sends the client's token.
   *
   * @param id the operation id used in messages and errors
   * @param server which base URL it uses unless a call overrides it
   * @param path the path below the base
   * @param <T> the response type
   * @return a builder
   */
  public static <T> Builder<T> put(String id, Server server, String path) {
    return new Builder<>(id, "PUT", server, path);
  }

  /**
   * Starts a {@code POST}.
   *
   * @param id the operation id used in messages and errors
   * @param server which base URL it uses unless a call overrides it
   * @param path the path below the base
   * @param <T> the response type
   * @return a builder
   */
  public static <T> Builder<T> post(String id, Server server, String path) {
    return new Builder<>(id, "POST", server, path);
  }

  String id() {
    return id;
  }

  String method() {
    return method;
  }

  Server server() {
    return server;
  }

  String path() {
    return path;
  }

  /** The query parameters, in order, not yet encoded. */
  List<Map.Entry<String, String>> query() {
    return query;
  }

  /** Whether it sends {@code X-Plex-Token}: every operation but the sign-in and the identity. */
  boolean sendsToken() {
    return token;
  }

  /** Headers of the operation itself, set after the client's identity headers. */
  List<Map.Entry<String, String>> headers() {
    return headers;
  }

  /**
   * The operation's own error for a status other than 400 and 401, if it has one (else the
   * runner's: {@code NotFoundException} for a 404, and so on).
   */
  Function<ErrorDetails, SDKError> errorFor(int status) {
    return otherErrors.get(status);
  }

  /**
   * Whether it belongs to the sign-in flow: never resent once it may have reached the server, never
   * sends the token, and needs a client identifier.
   */
  boolean signIn() {
    return signInIdentity != null;
  }

  /**
   * Whether it may be sent again after it may have reached the server: not for the sign-in flow,
   * nor for an operation marked {@link Builder#once()} (a pin's approval, the deletions).
   */
  boolean resendable() {
    return !once;
  }

  /** The identity headers: the sign-in request's own, each empty field filled from the client's. */
  ClientConfig.Identity identity(ClientConfig.Identity client) {
    return signInIdentity == null ? client : signInIdentity.orElse(client);
  }

  /** The request body's content type, or null without a body. */
  String contentType() {
    return contentType;
  }

  /** The request body, empty for none. */
  byte[] body() {
    return body;
  }

  Decoders.Decoder<T> decoder() {
    return decoder;
  }

  /** Makes the operation's own 400 error. */
  SDKError badRequest(ErrorDetails details) {
    return badRequest.apply(details);
  }

  /** Makes the operation's own 401 error. */
  SDKError unauthorized(ErrorDetails details) {
    return unauthorized.apply(details);
  }

  @Override
  public String toString() {
    return "Operation[" + id + " " + method + " " + path + "]";
  }

  /**
   * Builds an {@link Operation}.
   *
   * @param <T> the response type
   */
  public static final class Builder<T> {
    private final String id;
    private final String method;
    private final Server server;
    private final String path;
    private final List<Map.Entry<String, String>> query = new ArrayList<>();
    private ClientConfig.Identity signInIdentity;
    private boolean once;
    private String contentType;
    private byte[] body = NO_BODY;
    private Decoders.Decoder<T> decoder;
    private Function<ErrorDetails, SDKError> badRequest;
    private Function<ErrorDetails, SDKError> unauthorized;
    private final Map<Integer, Function<ErrorDetails, SDKError>> otherErrors = new HashMap<>();
    private final List<Map.Entry<String, String>> headers = new ArrayList<>();
    private boolean token = true;

    private Builder(String id, String method, Server server, String path) {
      this.id = Objects.requireNonNull(id, "id == null");
      this.method = method;
      this.server = Objects.requireNonNull(server, "server == null");
      this.path = Objects.requireNonNull(path, "path == null");
    }

    /**
     * Adds a query parameter, after those added before.
     *
     * @param name the name, not yet encoded
     * @param value the value, not yet encoded
     * @return this builder
     */
    public Builder<T> query(String name, String value) {
      query.add(Map.entry(name, value));
      return this;
    }

    /**
     * Adds a header of the operation itself, e.g. the client identifier a parameter names.
     *
     * @param name the header name
     * @param value the value; an empty one is not sent
     * @return this builder
     */
    public Builder<T> header(String name, String value) {
      headers.add(Map.entry(name, value));
      return this;
    }

    /**
     * Sends no token: the operation needs none, and a token is not sent where it is not needed.
     *
     * @return this builder
     */
    public Builder<T> noToken() {
      this.token = false;
      return this;
    }

    /**
     * Sets the operation's own error for another status, e.g. 404 or 408.
     *
     * @param status the HTTP status
     * @param error makes the error
     * @return this builder
     */
    public Builder<T> error(int status, Function<ErrorDetails, SDKError> error) {
      otherErrors.put(status, error);
      return this;
    }

    /**
     * Sends a form body.
     *
     * @param form the {@code application/x-www-form-urlencoded} bytes, possibly empty
     * @return this builder
     */
    public Builder<T> form(byte[] form) {
      this.contentType = "application/x-www-form-urlencoded";
      this.body = form.clone();
      return this;
    }

    /**
     * Sends a JSON body.
     *
     * @param json the UTF-8 JSON bytes
     * @return this builder
     */
    public Builder<T> json(byte[] json) {
      this.contentType = "application/json";
      this.body = json.clone();
      return this;
    }

    /**
     * Marks an operation of the sign-in flow (the sign-in, a pin and its poll): sent with its own
     * identity and no token, never resent once it may have reached the server (each changes state:
     * a failure count, a new pin, a token handed out once), and refused without a client
     * identifier.
     *
     * @param identity the request's identity; empty fields fall back to the client's
     * @return this builder
     */
    public Builder<T> signIn(ClientConfig.Identity identity) {
      this.signInIdentity = Objects.requireNonNull(identity, "identity == null");
      return this;
    }

    /**
     * Marks an operation that changes state in a way a second send would not repeat (a pin's
     * approval: the second would find the code used and count as a wrong one; a sign-out or a
     * device's removal: the second would find nothing left to end): it is never sent again once it
     * may have reached the server.
     *
     * @return this builder
     */
    public Builder<T> once() {
      this.once = true;
      return this;
    }

    /**
     * Sets how a successful answer is read.
     *
     * @param decoder the decoder
     * @return this builder
     */
    public Builder<T> decoder(Decoders.Decoder<T> decoder) {
      this.decoder = decoder;
      return this;
    }

    /**
     * Sets the operation's own 400 and 401 errors.
     *
     * @param badRequest makes the 400 error
     * @param unauthorized makes the 401 error (also 422 "Invalid token")
     * @return this builder
     */
    public Builder<T> errors(
        Function<ErrorDetails, SDKError> badRequest,
        Function<ErrorDetails, SDKError> unauthorized) {
      this.badRequest = badRequest;
      this.unauthorized = unauthorized;
      return this;
    }

    /**
     * Builds the operation.
     *
     * @return the operation
     * @throws NullPointerException without a decoder or errors
     */
    public Operation<T> build() {
      return new Operation<>(this);
    }
  }
}
