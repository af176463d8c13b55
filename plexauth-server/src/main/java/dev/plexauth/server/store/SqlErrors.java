package dev.plexauth.server.store;

import java.sql.SQLException;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/**
 * Runs Jdbi work and turns its exceptions into the store's: a collision on a unique key is a {@link
 * DuplicateKeyException}, anything else a {@link StoreException} saying what failed.
 */
final class SqlErrors {

  private SqlErrors() {}

  /**
   * Runs work on a handle of its own.
   *
   * @param jdbi the database
   * @param what what the work does, for the message: "cannot read accounts"
   * @param work the work
   * @return its result
   * @throws StoreException when the database fails
   */
  static <T> T call(Jdbi jdbi, String what, HandleCallback<T, RuntimeException> work) {
    try {
      return jdbi.withHandle(work);
    } catch (JdbiException e) {
      throw translate(what, e);
    }
  }

  static StoreException translate(String what, JdbiException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && isUniqueViolation(sql)) {
        return new DuplicateKeyException(what + ": it already exists", e);
      }
    }
    return new StoreException(what, e);
  }

  private static boolean isUniqueViolation(SQLException e) {
    // PostgreSQL: SQLState 23505. SQLite: SQLITE_CONSTRAINT_UNIQUE (2067) or PRIMARYKEY (1555).
    if ("23505".equals(e.getSQLState())) {
      return true;
    }
    int code = e.getErrorCode();
    String message = String.valueOf(e.getMessage());
    return code == 2067
        || code == 1555
        || (code == 19 && (message.contains("UNIQUE") || message.contains("PRIMARY KEY")));
  }
}
