package dev.plexauth.server.store;

import dev.plexauth.server.support.TestDatabase;
import org.junit.jupiter.api.AfterEach;

/** The same contract on a real PostgreSQL server, which proves the PostgreSQL migrations too. */
class PostgresStoreTest extends StoreContract {

  private TestDatabase database;
  private Store store;

  @Override
  Store store() {
    database = TestDatabase.postgres();
    store = JdbcStore.open(database.jdbcUrl());
    return store;
  }

  @Override
  TestDatabase database() {
    return database;
  }

  @AfterEach
  void close() {
    if (store != null) {
      store.close();
    }
  }
}
