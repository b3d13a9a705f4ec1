package io.callvault.web;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The base of the URLs the server hands out (signed playback URLs): {@code CALLVAULT_PUBLIC_URL} when set, which a
 * deployment behind a proxy or a DNS name sets; otherwise the address and port the request actually reached. Never
 * the Host header or forwarded headers, which any client can write.
 */
@Component
public class PublicUrl {

    private final String configured;

    public PublicUrl(@Value("${callvault.public-url:}") String configured) {
        this.configured = configured.endsWith("/") ? configured.substring(0, configured.length() - 1) : configured;
    }

    public String base(HttpServletRequest request) {
        if (!configured.isBlank()) {
            return configured;
        }
        String host = request.getLocalAddr();
        try {
            if (InetAddress.getByName(host) instanceof Inet6Address) {
                host = "[" + host + "]";
            }
        } catch (UnknownHostException e) {
            // a literal address is never looked up
        }
        return (request.isSecure() ? "https" : "http") + "://" + host + ":" + request.getLocalPort();
    }
}
