package dev.plexauth.server.auth;

import dev.plexauth.server.store.StoreException;
import java.util.function.Supplier;

/**
 * The database could not do what a service needed: it is unreachable or failed. The request may
 * succeed later (HTTP answers 503). Services throw it in place of the store's own exception, so the
 * layers above never see a store type; the message says what failed, never a secret.
 */
public final class StoreUnavailable extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private StoreUnavailable(StoreException cause) {
    super(cause.getMessage(), cause);
  }

  /** Runs a service's work on the store, turning a store failure into this exception. */
  static <T> T guard(Supplier<T> work) {
    try {
      return work.get();
    } catch (StoreException e) {
      throw new StoreUnavailable(e);
    }
  }
}
