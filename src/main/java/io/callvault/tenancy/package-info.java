/**
 * Tenants, API clients and their credentials, and the one authentication path every API surface uses
 * ({@link io.callvault.tenancy.Authenticator}): API keys, Wellcloud access tokens, signed playback URLs and the
 * admin token. Secrets are stored only as SHA-256 hashes and compared in constant time.
 */
package io.callvault.tenancy;
