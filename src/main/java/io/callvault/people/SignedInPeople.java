package io.callvault.people;

import java.io.IOException;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.stereotype.Component;

/**
 * Who signed in with a session, and the end of a person's sessions when they are deleted or their password changes
 * (contract 7: at once, not at the idle timeout). Sessions are in the database every node shares
 * ({@link PeopleSessions}), indexed by the username, so a change made through one node ends the sessions every node
 * answers.
 */
@Component
class SignedInPeople implements AuthenticationSuccessHandler {

    /** The session attribute Spring Session indexes sessions by. */
    private static final String USERNAME = FindByIndexNameSessionRepository.PRINCIPAL_NAME_INDEX_NAME;

    /** Absent in the jar's commands, which open no sessions. */
    private final ObjectProvider<FindByIndexNameSessionRepository<?>> sessions;

    SignedInPeople(ObjectProvider<FindByIndexNameSessionRepository<?>> sessions) {
        this.sessions = sessions;
    }

    void signedIn(String username, HttpSession session) {
        session.setAttribute(USERNAME, username);
    }

    /** A sign-in succeeded, with a password or with the OpenID provider: the person's pages start at {@code /}. */
    @Override
    public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
            Authentication authentication) throws IOException {
        signedIn(authentication.getName(), request.getSession());
        response.sendRedirect("/");
    }

    /**
     * The person signed in with the request's session, read from the session itself rather than from Spring
     * Security's request wrapper: the audio endpoints answer before the security filters (delivery.AudioEndpoints).
     */
    static Optional<String> username(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        return session == null ? Optional.empty() : Optional.ofNullable((String) session.getAttribute(USERNAME));
    }

    void end(String username) {
        sessions.ifAvailable(repository -> repository.findByPrincipalName(username).keySet()
                .forEach(repository::deleteById));
    }

    static void invalidate(HttpSession session) {
        try {
            session.invalidate();
        } catch (IllegalStateException alreadyInvalid) {
            // ended meanwhile by its idle timeout or a sign-out: what was asked for
        }
    }
}
