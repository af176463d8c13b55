package dev.plexauth.server.store;

/**
 * The server's identity as the database keeps it: made once, at the first start, and the same for
 * every instance on the database.
 *
 * @param machineIdentifier the machine identifier ({@code GET /identity}, {@code GET /})
 * @param createdAtMillis when it was made, epoch milliseconds
 */
public record ServerIdentityRow(String machineIdentifier, long createdAtMillis) {}
