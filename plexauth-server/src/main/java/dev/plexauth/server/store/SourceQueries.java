package dev.plexauth.server.store;

import dev.plexauth.sdk.models.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/**
 * The {@link Store}'s queries on {@code sources} and {@code source_connections}. A source's
 * connections are kept in order ({@code position}) and go with it when it is deleted (the schema's
 * {@code ON DELETE CASCADE}).
 */
final class SourceQueries {

  /**
   * A source with its connections in one query, prepared once per pooled connection: the read of
   * every {@code /security/resources} request. A source without connections is one row of nulls.
   */
  private static final String SOURCE_WITH_CONNECTIONS =
      "SELECT s.name, s.client_identifier, s.created_at, c.protocol, c.address, c.port, c.uri,"
          + " c.local, c.relay"
          + " FROM sources s LEFT JOIN source_connections c ON c.source_id = s.id"
          + " WHERE s.id = ? ORDER BY c.position";

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
        rows -> {
          if (!rows.next()) {
            return Optional.empty();
          }
          String name = rows.getString(1);
          String clientIdentifier = rows.getString(2);
          long createdAtMillis = rows.getLong(3);
          List<Connection> connections = new ArrayList<>();
          do {
            String protocol = rows.getString(4);
            if (protocol != null) {
              connections.add(
                  new Connection(
                      protocol,
                      rows.getString(5),
                      rows.getInt(6),
                      rows.getString(7),
                      rows.getBoolean(8),
                      rows.getBoolean(9)));
            }
          } while (rows.next());
          return Optional.of(
              new SourceRow(id, name, clientIdentifier, connections, createdAtMillis));
        },
        "cannot read sources");
  }

  /** See {@link Store#listSources}. */
  List<SourceRow> list() {
    return SqlErrors.call(
        jdbi,
        "cannot read sources",
        handle ->
            handle
                .createQuery("SELECT id FROM sources ORDER BY id")
                .mapTo(String.class)
                .list()
                .stream()
                .map(id -> find(handle, id).orElseThrow())
                .toList());
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

  private static Optional<SourceRow> find(Handle handle, String id) {
    return handle
        .createQuery("SELECT name, client_identifier, created_at FROM sources WHERE id = :id")
        .bind("id", id)
        .map(
            (rs, ctx) ->
                new SourceRow(
                    id, rs.getString(1), rs.getString(2), connections(handle, id), rs.getLong(3)))
        .findOne();
  }

  private static List<Connection> connections(Handle handle, String id) {
    return handle
        .createQuery(
            "SELECT protocol, address, port, uri, local, relay FROM source_connections"
                + " WHERE source_id = :id ORDER BY position")
        .bind("id", id)
        .map(
            (rs, ctx) ->
                new Connection(
                    rs.getString(1),
                    rs.getString(2),
                    rs.getInt(3),
                    rs.getString(4),
                    rs.getBoolean(5),
                    rs.getBoolean(6)))
        .list();
  }
}
