package io.callvault.dialect.comdesign;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.callvault.tenancy.Scope;

/**
 * On a Comdesign handler's {@link ComdesignGate.Entered} parameter, the handler's one authorization declaration: the
 * path's sourceUuid and key, the apiVersion, and the body's tenantId permitted with this scope, checked by
 * {@link ComdesignGate} before the handler runs.
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@interface Admitted {

    Scope value();

    /** The field whose object carries tenantId (the transcript push's conversation); empty for the body itself. */
    String object() default "";
}
