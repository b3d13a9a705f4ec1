/**
 * Every endpoint that returns audio and its byte serving: the endpoints themselves ({@link
 * io.callvault.delivery.AudioEndpoint}, each surface declaring its own, all answered ahead of Spring MVC by {@link
 * io.callvault.delivery.AudioEndpoints}), ranges, ETags, conditional requests, HEAD, zero-copy sendfile of local
 * files, joined per-call streams, signed playback URLs, and the access log of each read.
 */
package io.callvault.delivery;
