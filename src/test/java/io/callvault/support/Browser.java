package io.callvault.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * What a browser does at the HTTP level for a person: keeps cookies, signs in with the form, sends the CSRF token
 * from its cookie when asked to. Redirects are not followed, so that tests see them.
 */
public final class Browser {

    private final CookieManager cookies;
    private final HttpClient http;
    private final int port;

    public Browser(int port) {
        this(port, new CookieManager());
    }

    private Browser(int port, CookieManager cookies) {
        this.port = port;
        this.cookies = cookies;
        this.http = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    /**
     * The same browser, with the same cookies, sent to another port of the same host: another node behind a load
     * balancer, whose cookies are the host's (cookies do not tell ports apart).
     */
    public Browser atPort(int otherPort) {
        return new Browser(otherPort, cookies);
    }

    /** Opens the sign-in page, then posts the form with its CSRF token; answers the redirect's target. */
    public String signIn(String username, String password) {
        Api.Response page = get("/login");
        if (page.status() != 200) {
            throw new AssertionError("the sign-in page answered " + page.status());
        }
        Api.Response posted = send("POST", "/login", "username=" + encode(username) + "&password=" + encode(password)
                + "&_csrf=" + encode(csrfToken().orElse("")), "Content-Type", "application/x-www-form-urlencoded");
        String location = posted.header("Location").orElseThrow(() -> new AssertionError("no redirect: " + posted.status()));
        get(location); // as a browser follows the redirect (the page's load also brings a fresh CSRF token)
        return location;
    }

    /** Where a run of redirects ended, and what was answered there. */
    public record Visit(URI url, Api.Response response) {
    }

    /** Opens a URL (a path of the server's, or another server's URL) and follows its redirects, as a browser does. */
    public Visit follow(String url) {
        URI at = URI.create(url.startsWith("http") ? url : "http://127.0.0.1:" + port + url);
        for (int redirects = 0; redirects < 10; redirects++) {
            Api.Response response = get(at.toString(), "Accept", "text/html,*/*;q=0.8"); // as a browser navigates
            Optional<String> location = response.header("Location");
            if (response.status() / 100 != 3 || location.isEmpty()) {
                return new Visit(at, response);
            }
            at = at.resolve(location.get());
        }
        throw new AssertionError("more than 10 redirects, the last to " + at);
    }

    /** Posts a form to a URL, as a browser submits one. */
    public Api.Response submit(URI url, String form) {
        return send("POST", url.toString(), form, "Content-Type", "application/x-www-form-urlencoded");
    }

    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    public Optional<String> csrfToken() {
        return cookie("XSRF-TOKEN").map(HttpCookie::getValue);
    }

    public Optional<HttpCookie> cookie(String name) {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name)).findFirst();
    }

    public Api.Response get(String path, String... headers) {
        return send("GET", path, null, headers);
    }

    public Api.Response json(String method, String path, String json, boolean withCsrfToken) {
        return withCsrfToken
                ? send(method, path, json, "Content-Type", "application/json", "X-CSRF-TOKEN", csrfToken().orElse(""))
                : send(method, path, json, "Content-Type", "application/json");
    }

    public Api.Response send(String method, String path, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(
                        path.startsWith("http") ? path : "http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Api.Response(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
