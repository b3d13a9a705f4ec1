/**
 * What every HTTP surface shares, below every feature (it imports none): the failure types
 * ({@link io.callvault.web.ApiException}, {@link io.callvault.web.Failure}); the one error model per surface
 * ({@link io.callvault.web.ErrorModel}: the native problem details here, each dialect's in its own package), picked by
 * path for exception handlers and filters alike; strict JSON and the one instant parser; body limits, slow-client
 * defences and the guarded Tomcat connector; CORS; the base of handed-out URLs.
 */
package io.callvault.web;
