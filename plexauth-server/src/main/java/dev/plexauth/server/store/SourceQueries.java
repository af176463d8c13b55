package dev.plexauth.server.store;

import dev.plexauth.sdk.models.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/**
 * The {@link Store}'s queries on {@code sources} and {@code source_connections}. A source's
 * connections are kept in order ({@code position}) and go with it when it is deleted (the schema's
 * {@code ON DELETE CASCADE}).
 */
final class SourceQueries {

  /** The columns {@link #sources} reads: a source, then one of its connections (or nulls). */
  private static final String SOURCE_COLUMNS =
      "SELECT s.id, s.name, s.client_identifier, s.created_at, c.protocol, c.address, c.port,"
          + " c.uri, c.local, c.relay";

  /**
   * A source with its connections in one query, prepared once per pooled connection: the read of
   * every {@code /security/resources} request. A source without connections is one row of nulls.
   */
  private static final String SOURCE_WITH_CONNECTIONS =
      SOURCE_COLUMNS
          + " FROM sources s LEFT JOIN source_connections c ON c.source_id = s.id"
          + " WHERE s.id = ? ORDER BY c.position";

  /** Every source with its connections, by id: an admin's {@code /api/v2/resources}. */
  private static final String ALL_WITH_CONNECTIONS =
      SOURCE_COLUMNS
          + " FROM sources s LEFT JOIN source_connections c ON c.source_id = s.id"
          + " ORDER BY s.id, c.position";

  /** The sources shared with an account, by id: anyone else's {@code /api/v2/resources}. */
  private static final String SHARED_WITH_CONNECTIONS =
      SOURCE_COLUMNS
          + " FROM source_shares sh JOIN sources s ON s.id = sh.source_id"
          + " LEFT JOIN source_connections c ON c.source_id = s.id"
          + " WHERE sh.account_id = ? ORDER BY s.id, c.position";

  private final Jdbi jdbi;
  private final PreparedQueries prepared;

  SourceQueries(Jdbi jdbi, PreparedQueries prepared) {
    this.jdbi = jdbi;
    this.prepared = prepared;
  }

  /** See {@link Store#insertSource}. */
  void insert(SourceRow source, long createdAtMillis) {
    try {
      jdbi.useTransaction(
          tx -> {
            tx.createUpdate(
                    "INSERT INTO sources (id, name, client_identifier, created_at)"
                        + " VALUES (:id, :name, :client, :createdAt)")
                .bind("id", source.id())
                .bind("name", source.name())
                .bind("client", source.clientIdentifier())
                .bind("createdAt", createdAtMillis)
                .execute();
            int position = 0;
            for (Connection c : source.connections()) {
              tx.createUpdate(
                      "INSERT INTO source_connections (source_id, position, protocol, address,"
                          + " port, uri, local, relay) VALUES (:id, :position, :protocol,"
                          + " :address, :port, :uri, :local, :relay)")
                  .bind("id", source.id())
                  .bind("position", position++)
                  .bind("protocol", c.protocol())
                  .bind("address", c.address())
                  .bind("port", c.port())
                  .bind("uri", c.uri())
                  .bind("local", c.local())
                  .bind("relay", c.relay())
                  .execute();
            }
          });
    } catch (JdbiException e) {
      throw SqlErrors.translate("cannot add the source", e);
    }
  }

  /** See {@link Store#findSource}. */
  Optional<SourceRow> find(String id) {
    return prepared.query(
        SOURCE_WITH_CONNECTIONS,
        statement -> statement.setString(1, id),
        rows -> sources(rows).stream().findFirst(),
        "cannot read sources");
  }

  /** See {@link Store#listSources}. */
  List<SourceRow> list() {
    return prepared.query(
        ALL_WITH_CONNECTIONS, statement -> {}, SourceQueries::sources, "cannot read sources");
  }

  /** See {@link Store#listSourcesSharedWith}. */
  List<SourceRow> sharedWith(long accountId) {
    return prepared.query(
        SHARED_WITH_CONNECTIONS,
        statement -> statement.setLong(1, accountId),
        SourceQueries::sources,
        "cannot read shares");
  }

  /** See {@link Store#deleteSource}. */
  boolean delete(String id) {
    return SqlErrors.call(
        jdbi,
        "cannot remove the source",
        handle ->
            handle.inTransaction(
                tx -> {
                  // Resource tokens name their source by id, not by foreign key (one of them
                  // names this server): they go by hand. Shares cascade.
                  tx.createUpdate("DELETE FROM resource_tokens WHERE resource = :id")
                      .bind("id", id)
                      .execute();
                  return tx.createUpdate("DELETE FROM sources WHERE id = :id")
                          .bind("id", id)
                          .execute()
                      > 0;
                }));
  }

  /**
   * The sources of rows of {@link #SOURCE_COLUMNS}, one row per connection, a source's rows
   * together and its connections in order.
   */
  private static List<SourceRow> sources(ResultSet rows) throws SQLException {
    List<SourceRow> sources = new ArrayList<>();
    boolean more = rows.next();
    while (more) {
      String id = rows.getString(1);
      String name = rows.getString(2);
      String clientIdentifier = rows.getString(3);
      long createdAtMillis = rows.getLong(4);
      List<Connection> connections = new ArrayList<>();
      do {
        String protocol = rows.getString(5);
        if (protocol != null) {
          connections.add(
              new Connection(
                  protocol,
                  rows.getString(6),
                  rows.getInt(7),
                  rows.getString(8),
                  rows.getBoolean(9),
                  rows.getBoolean(10)));
        }
        more = rows.next();
      } while (more && id.equals(rows.getString(1)));
      sources.add(new SourceRow(id, name, clientIdentifier, connections, createdAtMillis));
    }
    return sources;
  }
}
