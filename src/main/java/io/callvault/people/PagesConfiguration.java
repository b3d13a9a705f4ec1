package io.callvault.people;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The web player's pages: static files at the root, and nothing else is served from the class path (every other
 * unmatched path stays a plain 404 in the API's own model). Revalidated on each load, so that an upgrade shows at once.
 */
@Configuration(proxyBeanMethods = false)
class PagesConfiguration implements WebMvcConfigurer {

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addViewController("/").setViewName("forward:/index.html");
        registry.addViewController("/login").setViewName("forward:/login.html");
        registry.addViewController("/call").setViewName("forward:/call.html");
        registry.addViewController("/access-log").setViewName("forward:/access-log.html");
        registry.addViewController("/live").setViewName("forward:/live.html");
        registry.addViewController("/tenant").setViewName("forward:/tenant.html");
    }

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/*.html", "/*.js", "/*.css").addResourceLocations("classpath:/static/")
                .setCacheControl(CacheControl.noCache());
    }

    /**
     * A read of one of the files above: the same for everyone, signed in or not (a page asks {@code /v1/me} who is
     * signed in), so it needs no session.
     */
    static boolean isPageFile(HttpServletRequest request) {
        String method = request.getMethod();
        String path = request.getRequestURI();
        return ("GET".equals(method) || "HEAD".equals(method)) && path.lastIndexOf('/') == 0
                && (path.endsWith(".html") || path.endsWith(".js") || path.endsWith(".css"));
    }
}
