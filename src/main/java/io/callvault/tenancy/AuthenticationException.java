package io.callvault.tenancy;

import io.callvault.web.ApiException;

import org.springframework.http.HttpStatus;

/** The request carries no credential, or one that is unknown, revoked or expired: 401, unless a surface says otherwise. */
public class AuthenticationException extends ApiException {

    public enum Reason { MISSING, INVALID }

    private final Reason reason;

    public AuthenticationException(Reason reason, String message) {
        super(HttpStatus.UNAUTHORIZED, message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
