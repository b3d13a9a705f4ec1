package io.callvault.tenancy;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a {@link ClientPrincipal} parameter: a Wellcloud access token is accepted besides an API key. Only the Wellcloud
 * dialect's handlers say so; everywhere else a token is an unknown credential.
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
public @interface AccessTokenAccepted {
}
