package dev.plexauth.sdk.internal;

import dev.plexauth.sdk.errors.ErrorDetails;
import dev.plexauth.sdk.errors.NotFoundException;
import dev.plexauth.sdk.errors.SDKError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Everything that sets one operation apart: where it goes, what it sends, how its answer is read
 * and which errors it throws. Made by {@link #get} or {@link #post} and a few named steps:
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
  private final Function<ErrorDetails, SDKError> notFound;

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
    this.notFound = builder.notFound;
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

  /** Whether it sends {@code X-Plex-Token}: every operation but the sign-in. */
  boolean sendsToken() {
    return !signIn();
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
   * nor for an operation marked {@link Builder#once()}.
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

  /** Makes the operation's own 404 error: {@link NotFoundException} unless it names one. */
  SDKError notFound(ErrorDetails details) {
    return notFound.apply(details);
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
    private Function<ErrorDetails, SDKError> notFound = NotFoundException::new;

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
     * approval: the second would find the code used and count as a wrong one): it is never sent
     * again once it may have reached the server.
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
     * Sets the operation's own 404 error.
     *
     * @param notFound makes the 404 error
     * @return this builder
     */
    public Builder<T> notFound(Function<ErrorDetails, SDKError> notFound) {
      this.notFound = Objects.requireNonNull(notFound, "notFound == null");
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
