package dev.plexauth.server.store;

/**
 * An account token with the account it belongs to, as one lookup finds them.
 *
 * @param token the token row
 * @param account its account
 */
public record TokenWithAccount(TokenRow token, AccountRow account) {}
