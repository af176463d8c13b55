package dev.plexauth.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

/**
 * A start skips Flyway only when its history holds every migration: the constant it compares with
 * must follow the migrations, and a database one migration behind, with a failed migration or with
 * no history must still go through Flyway.
 */
class SchemaVersionTest {

  @TempDir Path dir;

  @Test
  void theSchemaVersionIsTheNewestMigrationOfBothDialects() throws Exception {
    List<Integer> sqlite = versions("sqlite");
    List<Integer> postgresql = versions("postgresql");

    assertThat(sqlite).isNotEmpty().isEqualTo(postgresql);
    assertThat(sqlite.get(sqlite.size() - 1)).isEqualTo(Database.SCHEMA_VERSION);
  }

  @Test
  void aNewDatabaseIsMigratedAndThenCountsAsCurrent() throws Exception {
    String url = JdbcStore.sqliteUrl(dir);
    JdbcStore.open(url).close();

    assertThat(Database.schemaIsCurrent(dataSource(url))).isTrue();
    assertThat(history(url)).containsExactlyElementsOf(versions("sqlite"));
  }

  @Test
  void aDatabaseOneMigrationBehindIsMigratedAtStart() throws Exception {
    String url = JdbcStore.sqliteUrl(dir);
    SQLiteDataSource dataSource = dataSource(url);
    Flyway.configure()
        .dataSource(dataSource)
        .locations(Dialect.SQLITE.migrations())
        .target(String.valueOf(Database.SCHEMA_VERSION - 1))
        .load()
        .migrate();
    assertThat(Database.schemaIsCurrent(dataSource)).isFalse();

    JdbcStore.open(url).close();

    assertThat(history(url)).containsExactlyElementsOf(versions("sqlite"));
    assertThat(Database.schemaIsCurrent(dataSource)).isTrue();
  }

  @Test
  void aFailedMigrationOrNoHistoryIsNotCurrent() throws Exception {
    String url = JdbcStore.sqliteUrl(dir);
    SQLiteDataSource dataSource = dataSource(url);
    assertThat(Database.schemaIsCurrent(dataSource)).isFalse();

    JdbcStore.open(url).close();
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      statement.executeUpdate(
          "UPDATE flyway_schema_history SET success = 0 WHERE version = '"
              + Database.SCHEMA_VERSION
              + "'");
    }

    assertThat(Database.schemaIsCurrent(dataSource)).isFalse();
  }

  private static SQLiteDataSource dataSource(String url) {
    SQLiteDataSource dataSource = new SQLiteDataSource();
    dataSource.setUrl(url);
    return dataSource;
  }

  private static List<Integer> history(String url) throws SQLException {
    try (Connection connection = dataSource(url).getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT version FROM flyway_schema_history WHERE success ORDER BY installed_rank")) {
      List<Integer> versions = new java.util.ArrayList<>();
      while (rows.next()) {
        versions.add(Integer.parseInt(rows.getString(1)));
      }
      return versions;
    }
  }

  /** The versions of the migrations bundled for a dialect, read from the class path's folder. */
  private static List<Integer> versions(String folder) throws Exception {
    Path migrations =
        Paths.get(
            SchemaVersionTest.class.getClassLoader().getResource("db/migration/" + folder).toURI());
    try (Stream<Path> files = Files.list(migrations)) {
      return files
          .map(file -> file.getFileName().toString())
          .filter(name -> name.matches("V[0-9]+__.*\\.sql"))
          .map(name -> Integer.parseInt(name.substring(1, name.indexOf("__"))))
          .sorted()
          .toList();
    }
  }
}
