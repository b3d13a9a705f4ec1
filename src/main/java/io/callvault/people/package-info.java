/**
 * People: the human users of the web player, apart from API clients. Owns the {@code users} and {@code user_grants}
 * tables, and the sessions' {@code spring_session} tables (Spring Session JDBC writes them); signs people in and
 * out (Spring Security: form login or single sign-on with an OpenID provider, the session cookie, CSRF, login
 * throttling); lets a tenant admin manage the tenant's people; and answers a person's requests to the native API as
 * a client with the scopes their role on the tenant allows.
 */
package io.callvault.people;
