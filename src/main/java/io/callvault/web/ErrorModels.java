package io.callvault.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/**
 * Picks the surface a request belongs to by its path, and answers a failure in that surface's model: for exception
 * handlers (as a {@link ResponseEntity}) and for filters, which write the response themselves.
 */
@Component
public class ErrorModels {

    private final List<ErrorModel> surfaces;
    private final ErrorModel fallback = new NativeErrorModel();
    private final JsonMapper json;

    public ErrorModels(List<ErrorModel> surfaces, JsonMapper json) {
        this.surfaces = surfaces;
        this.json = json;
    }

    public ResponseEntity<Object> answer(HttpServletRequest request, Failure failure) {
        return modelFor(request.getRequestURI()).answer(failure);
    }

    /** Writes the answer straight to the response (from a filter, before any controller), in UTF-8. */
    public void write(HttpServletRequest request, HttpServletResponse response, Failure failure) throws IOException {
        ResponseEntity<Object> answer = answer(request, failure);
        response.setStatus(answer.getStatusCode().value());
        answer.getHeaders().forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
        MediaType type = answer.getHeaders().getContentType();
        if (answer.getBody() != null) {
            byte[] body = json.writeValueAsBytes(answer.getBody());
            response.setContentType((type == null ? MediaType.APPLICATION_JSON : type) + ";charset=UTF-8");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
        }
    }

    private ErrorModel modelFor(String path) {
        for (ErrorModel surface : surfaces) {
            if (surface.covers(path)) {
                return surface;
            }
        }
        return fallback;
    }
}
