/**
 * What every HTTP surface shares: the core's failure types ({@link io.callvault.web.ApiException}) and the native
 * API's error model (RFC 9457 problem details). Each vendor dialect maps the same failures to its own model.
 */
package io.callvault.web;
