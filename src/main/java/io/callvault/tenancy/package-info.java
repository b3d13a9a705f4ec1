/**
 * Tenants, API clients and their credentials; the one authentication path every API surface uses
 * ({@link io.callvault.tenancy.Authenticator}: API keys, Wellcloud access tokens, signed playback URLs, the admin
 * token), throttled on failures; the one authorization declaration of a handler
 * ({@link io.callvault.tenancy.Permitted} on a controller's parameter, a {@link io.callvault.tenancy.Permission} on an
 * audio endpoint), enforced in one place ({@link io.callvault.tenancy.Permissions}); playback-URL keys; the admin API and its audit trail. Owns the tables
 * tenants, clients, client_tenants, wellcloud_tokens and admin_log. Secrets are stored only as SHA-256 hashes and
 * compared in constant time.
 */
package io.callvault.tenancy;
