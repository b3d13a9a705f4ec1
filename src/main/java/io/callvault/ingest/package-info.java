/**
 * Taking in recordings: the upload is streamed to a staging file (SHA-256 and size computed on the way), its
 * audio checked and measured, the file made durable in the blob store, and only then the row committed.
 */
package io.callvault.ingest;
