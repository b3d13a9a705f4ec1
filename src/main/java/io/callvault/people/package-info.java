/**
 * People: the human users of the web player, apart from API clients. Owns the {@code users} and {@code user_grants}
 * tables; signs people in and out (Spring Security: form login, the session cookie, CSRF, login throttling), and
 * answers a person's requests to the native API as a client with the scopes their role on the tenant allows.
 */
package io.callvault.people;
