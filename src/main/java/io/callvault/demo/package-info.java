/** {@code --demo}: a demo tenant, client and call with two generated, playable recordings, and ready-to-paste commands. */
package io.callvault.demo;
