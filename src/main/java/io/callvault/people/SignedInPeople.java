package io.callvault.people;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;

import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.stereotype.Component;

/**
 * The sessions each person has open on this node, so that deleting a person or changing their password ends their
 * sessions at once (contract 7), not at the idle timeout. Sessions live in this node's memory, as Tomcat keeps them.
 */
@Component
class SignedInPeople implements HttpSessionListener, AuthenticationSuccessHandler {

    private static final String USERNAME = SignedInPeople.class.getName() + ".username";

    private final Map<String, Set<HttpSession>> sessions = new ConcurrentHashMap<>();

    void signedIn(String username, HttpSession session) {
        session.setAttribute(USERNAME, username);
        sessions.computeIfAbsent(username, k -> ConcurrentHashMap.newKeySet()).add(session);
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
        Set<HttpSession> open = sessions.remove(username);
        if (open != null) {
            open.forEach(SignedInPeople::invalidate);
        }
    }

    static void invalidate(HttpSession session) {
        try {
            session.invalidate();
        } catch (IllegalStateException alreadyInvalid) {
            // ended meanwhile by its idle timeout or a sign-out: what was asked for
        }
    }

    @Override
    public void sessionDestroyed(HttpSessionEvent event) {
        Object username = event.getSession().getAttribute(USERNAME);
        if (username instanceof String name) {
            sessions.computeIfPresent(name, (k, open) -> {
                open.remove(event.getSession());
                return open.isEmpty() ? null : open;
            });
        }
    }
}
