package io.callvault.tenancy;

import io.callvault.web.ApiException;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import tools.jackson.databind.JsonNode;

/**
 * A tenant's retention, read and set by whoever manages the tenant (scope {@code manage}: its tenant admins, from the
 * web player), so that a site need not ask the server's admin. {@code {"retentionDays": null}} keeps recordings
 * forever; the purge reads the value at each run.
 */
@RestController
@RequestMapping("/v1/tenants/{tenantId}/retention")
class RetentionSettingController {

    private final TenancyAdmin admin;

    RetentionSettingController(TenancyAdmin admin) {
        this.admin = admin;
    }

    record RetentionSetting(Integer retentionDays) {
        static RetentionSetting of(Tenant tenant) {
            return new RetentionSetting(tenant.retentionDays());
        }
    }

    @GetMapping
    RetentionSetting retention(@Permitted(Scope.MANAGE) ClientPrincipal principal, @PathVariable String tenantId) {
        return RetentionSetting.of(admin.tenant(tenantId));
    }

    @PutMapping
    RetentionSetting change(@Permitted(Scope.MANAGE) ClientPrincipal principal, @PathVariable String tenantId,
            @RequestBody JsonNode body, HttpServletRequest request) {
        JsonNode days = body.get("retentionDays");
        if (!body.isObject() || body.size() != 1 || days == null || !(days.isNull() || days.isIntegralNumber() && days.canConvertToInt())) {
            throw ApiException.badRequest("the body is {\"retentionDays\": days} (at least 1), or null to keep forever");
        }
        return RetentionSetting.of(admin.setRetention(principal, request.getRemoteAddr(), tenantId,
                days.isNull() ? null : days.asInt()));
    }
}
