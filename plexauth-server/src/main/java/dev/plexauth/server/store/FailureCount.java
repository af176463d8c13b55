package dev.plexauth.server.store;

/**
 * The failed sign-ins of one subject within the counting window.
 *
 * @param failures how many failures in a row, none more than the window apart
 * @param lastFailureAtMillis when the last one happened, epoch milliseconds
 */
public record FailureCount(int failures, long lastFailureAtMillis) {}
