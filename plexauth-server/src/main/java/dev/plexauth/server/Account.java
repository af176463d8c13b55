package dev.plexauth.server;

import java.time.Instant;

/**
 * An account as the administration lists it (never its password hash or TOTP secret).
 *
 * <pre>{@code
 * for (Account account : admin.listAccounts()) {
 *   System.out.println(account.username() + (account.admin() ? " (admin)" : ""));
 * }
 * }</pre>
 *
 * @param id the numeric account id, as in the user object
 * @param uuid the account uuid, as in the user object
 * @param username the username
 * @param email the email address
 * @param admin whether the account is an admin
 * @param twoFactorEnabled whether sign-in needs a TOTP code
 * @param createdAt when the account was added
 */
public record Account(
    long id,
    String uuid,
    String username,
    String email,
    boolean admin,
    boolean twoFactorEnabled,
    Instant createdAt) {}
