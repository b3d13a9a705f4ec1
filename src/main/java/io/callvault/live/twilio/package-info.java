/**
 * Twilio Media Streams (contract 6.3), a thin adapter over the live core: a stream's {@code start} opens a live
 * session of the call named by callSid, its {@code media} messages (both tracks aligned by timestamp into one
 * stereo recording) are its audio, {@code stop} ends it. Owns no table.
 */
package io.callvault.live.twilio;
