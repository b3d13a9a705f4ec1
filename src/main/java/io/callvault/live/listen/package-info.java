/**
 * Listening live (contract 6.4): {@code /v1/tenants/{t}/calls/{callId}/live}, a WebSocket that streams a call's
 * audio as it is captured, from the live edge or from the start, to a supervisor. A listener that cannot keep up
 * is dropped (1013), never allowed to slow the capture; every listen is written to the access log as {@code live}.
 */
package io.callvault.live.listen;
