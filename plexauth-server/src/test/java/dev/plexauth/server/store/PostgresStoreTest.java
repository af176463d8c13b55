package dev.plexauth.server.store;

import dev.plexauth.server.support.SharedPostgres;
import org.junit.jupiter.api.AfterEach;

/** The same contract on a real PostgreSQL server, which proves the PostgreSQL migrations too. */
class PostgresStoreTest extends StoreContract {

  private Store store;

  @Override
  Store store() {
    store = JdbcStore.open(SharedPostgres.newDatabase());
    return store;
  }

  @AfterEach
  void close() {
    if (store != null) {
      store.close();
    }
  }
}
