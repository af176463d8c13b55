package dev.plexauth.server.store;

/**
 * A resource access token that is still good, with the account token it was derived from and their
 * account, as one lookup finds them.
 *
 * @param resource what the token is bound to: a source id, or {@link Store#THIS_SERVER}
 * @param parent the account token it was derived from
 * @param account their account
 */
public record ResourceTokenWithAccount(String resource, TokenRow parent, AccountRow account) {}
