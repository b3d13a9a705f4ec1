package io.callvault.tenancy;

/** The request carries no credential, or one that is unknown, revoked or expired. Each surface picks the status. */
public class AuthenticationException extends RuntimeException {

    public enum Reason { MISSING, INVALID }

    private final Reason reason;

    public AuthenticationException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
