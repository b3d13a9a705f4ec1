package io.callvault.audit;

import java.util.Arrays;
import java.util.List;

import io.callvault.tenancy.Admin;
import io.callvault.web.ApiException;
import io.callvault.web.Instants;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /v1/admin/access-log}: the audit trail — who read which audio, and who deleted or held what and
 * why — newest first, keyset-paginated, filtered by tenant, client, recording, call, kind ({@code play},
 * {@code download}, {@code delete}, {@code hold}, {@code release}) and time range. Admin token only.
 */
@RestController
class AccessLogController {

    private static final List<String> KINDS = Arrays.stream(AccessEvent.Kind.values()).map(AccessEvent.Kind::wireName)
            .toList();

    private final AccessTrail trail;

    AccessLogController(AccessTrail trail) {
        this.trail = trail;
    }

    @GetMapping("/v1/admin/access-log")
    AccessTrail.Page accessLog(Admin admin, @RequestParam(required = false) String tenant,
            @RequestParam(required = false) String client, @RequestParam(required = false) String recording,
            @RequestParam(required = false) String call, @RequestParam(required = false) String kind,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(defaultValue = "100") int limit, @RequestParam(required = false) String cursor) {
        if (kind != null && !KINDS.contains(kind)) {
            throw ApiException.badRequest("kind must be play, download, delete, hold or release");
        }
        return trail.page(new AccessTrail.Filter(tenant, client, recording, call, kind, Instants.parse("from", from),
                Instants.parse("to", to), limit, cursor == null ? null : cursor(cursor)));
    }

    private static long cursor(String cursor) {
        try {
            return Long.parseLong(cursor);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("cursor is not one this server returned");
        }
    }
}
