package io.callvault.audit;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import io.callvault.tenancy.Admin;
import io.callvault.tenancy.ClientPrincipal;
import io.callvault.tenancy.Permitted;
import io.callvault.tenancy.Scope;
import io.callvault.web.ApiException;
import io.callvault.web.Instants;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The audit trail — who read which audio, and who deleted or held what and why — newest first, keyset-paginated,
 * filtered by client (or person, {@code user:<name>}), recording, call, kind ({@code play}, {@code download},
 * {@code live}, {@code delete}, {@code hold}, {@code release}) and time range: across tenants for the admin
 * ({@code /v1/admin/access-log}), one tenant's for a client or person with the {@code audit} scope
 * ({@code /v1/tenants/{t}/access-log}, also as CSV).
 */
@RestController
class AccessLogController {

    private static final List<String> KINDS = Arrays.stream(AccessEvent.Kind.values()).map(AccessEvent.Kind::wireName)
            .toList();
    /** A CSV export stops here; narrower filters (a time range) export the rest. */
    static final int MAX_EXPORT = 100_000;

    private final AccessTrail trail;

    AccessLogController(AccessTrail trail) {
        this.trail = trail;
    }

    /** The query parameters every access-log endpoint takes, bound by name. */
    record Query(String client, String recording, String call, String kind, String from, String to, String limit,
            String cursor) {

        AccessTrail.Filter filter(String tenant, int defaultLimit) {
            if (kind != null && !KINDS.contains(kind)) {
                throw ApiException.badRequest("kind must be one of " + String.join(", ", KINDS));
            }
            return new AccessTrail.Filter(tenant, client, recording, call, kind, Instants.parse("from", from),
                    Instants.parse("to", to), limit == null ? defaultLimit : limit(limit), cursor == null ? null : AccessLogController.cursor(cursor));
        }

        private static int limit(String limit) {
            try {
                return Integer.parseInt(limit);
            } catch (NumberFormatException e) {
                throw ApiException.badRequest("limit must be between 1 and " + AccessTrail.MAX_PAGE);
            }
        }
    }

    @GetMapping("/v1/admin/access-log")
    AccessTrail.Page accessLog(Admin admin, @RequestParam(required = false) String tenant, Query query) {
        return trail.page(query.filter(tenant, 100));
    }

    @GetMapping("/v1/tenants/{tenantId}/access-log")
    AccessTrail.Page tenantAccessLog(@Permitted(Scope.AUDIT) ClientPrincipal principal, @PathVariable String tenantId,
            Query query) {
        return trail.page(query.filter(tenantId, 100));
    }

    /** The same filters as CSV, every matching row (up to {@value #MAX_EXPORT}), streamed a page at a time. */
    @GetMapping("/v1/tenants/{tenantId}/access-log.csv")
    void tenantAccessLogCsv(@Permitted(Scope.AUDIT) ClientPrincipal principal, @PathVariable String tenantId,
            Query query, HttpServletResponse response) throws IOException {
        AccessTrail.Filter next = query.filter(tenantId, AccessTrail.MAX_PAGE);
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"access-log-" + tenantId + ".csv\"");
        Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
        out.write("id,at,who,tenant,call,recording,kind,via,range_start,range_end,bytes,address,reason\r\n");
        int written = 0;
        while (next != null && written < MAX_EXPORT) {
            AccessTrail.Page page = trail.page(next);
            for (AccessTrail.Entry e : page.entries()) {
                out.write(CsvRow.of(e.id(), e.at(), e.clientId(), e.tenantId(), e.callId(), e.recordingId(), e.kind(),
                        e.via(), e.rangeStart(), e.rangeEnd(), e.bytes(), e.remoteAddress(), e.reason()));
                written++;
            }
            next = page.nextCursor() == null ? null : next.after(cursor(page.nextCursor()));
        }
        out.flush();
    }

    private static long cursor(String cursor) {
        try {
            return Long.parseLong(cursor);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("cursor is not one this server returned");
        }
    }
}
