package dev.plexauth.server.store;

/** The databases plexauth runs on, told apart by their JDBC URL; each has its own migrations. */
enum Dialect {
  SQLITE("sqlite"),
  POSTGRESQL("postgresql");

  private final String folder;

  Dialect(String folder) {
    this.folder = folder;
  }

  /** Where this dialect's Flyway migrations live on the class path. */
  String migrations() {
    return "classpath:db/migration/" + folder;
  }

  static Dialect of(String jdbcUrl) {
    if (jdbcUrl == null) {
      throw new IllegalArgumentException("jdbcUrl == null");
    }
    if (jdbcUrl.startsWith("jdbc:sqlite:")) {
      return SQLITE;
    }
    if (jdbcUrl.startsWith("jdbc:postgresql:")) {
      return POSTGRESQL;
    }
    throw new IllegalArgumentException(
        "unsupported database URL: use jdbc:sqlite:FILE or jdbc:postgresql://HOST/DB");
  }
}
