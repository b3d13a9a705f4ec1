/**
 * Where audio bytes live: the {@link io.callvault.storage.BlobStore} abstraction and its filesystem implementation.
 * Keys are made by the server (never from client input), so no request can name a path.
 */
package io.callvault.storage;
