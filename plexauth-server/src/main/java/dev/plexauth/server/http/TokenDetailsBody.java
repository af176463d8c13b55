package dev.plexauth.server.http;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.plexauth.sdk.models.UserPlexAccount;

/**
 * The body of {@code GET /api/v2/user}: the user object without {@code pastSubscriptions} and
 * {@code trials}, which the contract gives sign-in answers only (its allOf for 201). Sign-in writes
 * the {@link UserPlexAccount} itself.
 *
 * @param user the account, written field for field at the top level
 */
record TokenDetailsBody(
    @JsonUnwrapped @JsonIgnoreProperties({"pastSubscriptions", "trials"}) UserPlexAccount user) {}
