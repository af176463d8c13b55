package dev.plexauth.server.store;

/**
 * A device key with the device's account token and account, as one lookup finds them.
 *
 * @param key the device key
 * @param token the device's account token and its account
 */
public record DeviceKeyWithToken(DeviceKeyRow key, TokenWithAccount token) {}
