/**
 * Genesys Cloud AudioHook Monitor, protocol version 2 (contract 6.2), a thin adapter over the live core: the
 * server side of Genesys's protocol (open/opened, ping/pong, paused/resumed, discarded, update, close/closed,
 * disconnect), with connection probes, and RFC 9421 signature verification when the client has an AudioHook
 * client secret. Owns no table (the secret is the tenancy package's).
 */
package io.callvault.live.audiohook;
