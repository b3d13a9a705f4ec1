/**
 * Comdesign CT-e1's General API, voice section (contract 4), wire-compatible: audio data as multipart, call
 * history, call status notifications, and speech-recognition results in and out. A thin mapping over the catalog,
 * delivery and tenancy. Failures are HTTP 200 with {@code {"status":"error","errorCode","message"}}; a missing or
 * foreign key is HTTP 401 with no body.
 */
package io.callvault.dialect.comdesign;
