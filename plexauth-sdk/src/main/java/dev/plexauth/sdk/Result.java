package dev.plexauth.sdk;

import dev.plexauth.sdk.errors.PlexException;
import java.util.Objects;
import java.util.function.Function;

/**
 * The outcome of a call that does not throw: the value ({@link Ok}) or the {@link PlexException}
 * ({@link Err}). Returned by the standalone functions of {@link AuthenticationFunctions}, like the
 * {@code res.ok} results of plexjs.
 *
 * <pre>{@code
 * Result<GetTokenDetailsResponse> res = AuthenticationFunctions.authenticationGetTokenDetails(plex);
 * if (res instanceof Result.Err<GetTokenDetailsResponse> err) {
 *   throw err.error();
 * }
 * UserPlexAccount me = res.getOrThrow().userPlexAccount();
 * }</pre>
 *
 * @param <T> the type of the value
 */
public sealed interface Result<T> {

  /**
   * Tells whether the call succeeded.
   *
   * @return true for {@link Ok}
   */
  boolean ok();

  /**
   * Returns the value, or throws the error.
   *
   * @return the value
   * @throws PlexException the error of an {@link Err}
   */
  T getOrThrow();

  /**
   * Transforms the value of an {@link Ok}; an {@link Err} stays as it is.
   *
   * @param mapper the transformation
   * @param <R> the new value type
   * @return the transformed result
   */
  <R> Result<R> map(Function<? super T, ? extends R> mapper);

  /**
   * Returns the value, or a fallback for an {@link Err}.
   *
   * @param fallback the value to use when the call failed
   * @return the value or the fallback
   */
  T orElse(T fallback);

  /**
   * A successful call.
   *
   * @param value the value, never null
   * @param <T> the type of the value
   */
  record Ok<T>(T value) implements Result<T> {

    /** Checks the value. */
    public Ok {
      Objects.requireNonNull(value, "value == null");
    }

    @Override
    public boolean ok() {
      return true;
    }

    @Override
    public T getOrThrow() {
      return value;
    }

    @Override
    public <R> Result<R> map(Function<? super T, ? extends R> mapper) {
      return new Ok<>(mapper.apply(value));
    }

    @Override
    public T orElse(T fallback) {
      return value;
    }
  }

  /**
   * A failed call.
   *
   * @param error the error, never null
   * @param <T> the type the value would have had
   */
  record Err<T>(PlexException error) implements Result<T> {

    /** Checks the error. */
    public Err {
      Objects.requireNonNull(error, "error == null");
    }

    @Override
    public boolean ok() {
      return false;
    }

    @Override
    public T getOrThrow() {
      throw error;
    }

    @Override
    public <R> Result<R> map(Function<? super T, ? extends R> mapper) {
      return new Err<>(error);
    }

    @Override
    public T orElse(T fallback) {
      return fallback;
    }
  }
}
