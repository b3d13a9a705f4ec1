/**
 * Byte serving for every endpoint that returns audio: ranges, ETags, conditional requests, HEAD, zero-copy
 * sendfile of local files, joined per-call streams, signed playback URLs, and the access log of each read.
 */
package io.callvault.delivery;
