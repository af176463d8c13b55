package dev.plexauth.server.auth;

/**
 * Which connections {@code GET /api/v2/resources} lists, by its {@code include…} flags: without a
 * flag, connections of that kind are left out.
 *
 * @param https whether {@code https} connections are listed ({@code includeHttps=1})
 * @param relay whether relay connections are listed ({@code includeRelay=1})
 * @param ipv6 whether connections to an IPv6 address are listed ({@code includeIPv6=1})
 */
public record ConnectionFilter(boolean https, boolean relay, boolean ipv6) {}
