package dev.plexauth.server.support;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Every row of every plexauth table, read straight from the database, to compare states. */
public final class StoreDump {
  private static final List<String> TABLES =
      List.of(
          "accounts",
          "account_tokens",
          "sources",
          "source_connections",
          "sign_in_failures",
          "server_settings",
          "server_identity",
          "source_shares",
          "resource_tokens",
          "pins");

  private StoreDump() {}

  public static List<String> of(Path dataDir) {
    return of(TestDatabase.sqlite(dataDir));
  }

  /** Every row of a test database, SQLite or PostgreSQL. */
  public static List<String> of(TestDatabase database) {
    List<String> rows = new ArrayList<>();
    try (Connection c = database.connect();
        Statement s = c.createStatement()) {
      for (String table : TABLES) {
        try (ResultSet rs = s.executeQuery("SELECT * FROM " + table + " ORDER BY 1, 2")) {
          ResultSetMetaData meta = rs.getMetaData();
          while (rs.next()) {
            StringBuilder row = new StringBuilder(table).append(':');
            for (int i = 1; i <= meta.getColumnCount(); i++) {
              row.append(meta.getColumnName(i)).append('=').append(rs.getString(i)).append(';');
            }
            rows.add(row.toString());
          }
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return rows;
  }
}
