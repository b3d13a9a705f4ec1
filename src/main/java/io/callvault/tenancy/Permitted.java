package io.callvault.tenancy;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a handler's {@link ClientPrincipal} parameter, the handler's one authorization declaration: the client must be
 * permitted on the tenant with this scope, or the request goes no further. A tenant the client may not see is a
 * 404 (it does not exist for this client); a missing scope a 403.
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
public @interface Permitted {

    Scope value();

    /** Where the tenant is named. */
    TenantFrom tenant() default TenantFrom.PATH;

    /** A signed playback URL of the recording in the path stands in for a credential (contract 2). */
    boolean signedUrl() default false;

    enum TenantFrom {
        /** The {@code {tenantId}} path variable: the native API. */
        PATH,
        /** The one tenant the client (or its Wellcloud token) is permitted on: the Wellcloud dialect. */
        SOLE
    }
}
