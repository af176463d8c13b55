package dev.plexauth.server.store;

import dev.plexauth.server.support.TestDatabase;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

class SqliteStoreTest extends StoreContract {

  @TempDir Path dataDir;
  private Store store;

  @Override
  Store store() {
    store = JdbcStore.open(JdbcStore.sqliteUrl(dataDir));
    return store;
  }

  @Override
  TestDatabase database() {
    return TestDatabase.sqlite(dataDir);
  }

  @AfterEach
  void close() {
    if (store != null) {
      store.close();
    }
  }
}
