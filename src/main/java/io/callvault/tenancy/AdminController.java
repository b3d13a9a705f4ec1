package io.callvault.tenancy;

import java.util.List;

import io.callvault.web.ApiException;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import tools.jackson.databind.JsonNode;

/**
 * Contract 1's admin API, and what an operator needs beside it: tenants and clients listed, read and changed,
 * credentials rotated, the audit trail of all of it. Every handler takes {@link Admin} first: the admin token is
 * checked before the body is read.
 */
@RestController
@RequestMapping("/v1/admin")
class AdminController {

    private final TenancyAdmin admin;
    private final AudioHookSecrets audioHookSecrets;

    AdminController(TenancyAdmin admin, AudioHookSecrets audioHookSecrets) {
        this.audioHookSecrets = audioHookSecrets;
        this.admin = admin;
    }

    record RotateRequest(Integer graceSeconds) {
    }

    @PostMapping("/tenants")
    @ResponseStatus(HttpStatus.CREATED)
    Tenant createTenant(Admin caller, @RequestBody TenancyAdmin.NewTenant request) {
        return admin.createTenant(caller, request);
    }

    @GetMapping("/tenants")
    List<Tenant> tenants(Admin caller) {
        return admin.tenants();
    }

    @GetMapping("/tenants/{tenantId}")
    Tenant tenant(Admin caller, @PathVariable String tenantId) {
        return admin.tenant(tenantId);
    }

    /** Fields left out keep their value; {@code "retentionDays": null} means keep forever. */
    @PatchMapping("/tenants/{tenantId}")
    Tenant updateTenant(Admin caller, @PathVariable String tenantId, @RequestBody JsonNode body) {
        if (!body.isObject()) {
            throw ApiException.badRequest("the request body must be a JSON object");
        }
        for (String field : body.propertyNames()) {
            if (!List.of("name", "timeZone", "retentionDays", "retrievalWindowDays").contains(field)) {
                throw ApiException.badRequest("unknown field '" + field + "': a tenant's name, timeZone, retentionDays and "
                        + "retrievalWindowDays can be changed");
            }
        }
        JsonNode retention = body.get("retentionDays");
        return admin.updateTenant(caller, tenantId, new TenancyAdmin.TenantChange(text(body, "name"), text(body, "timeZone"),
                integer(body, "retentionDays"), retention != null && retention.isNull(), integer(body, "retrievalWindowDays")));
    }

    @PostMapping("/clients")
    @ResponseStatus(HttpStatus.CREATED)
    TenancyAdmin.IssuedClient createClient(Admin caller, @RequestBody TenancyAdmin.NewClient request) {
        return admin.createClient(caller, request);
    }

    @GetMapping("/clients")
    List<TenancyAdmin.ClientView> clients(Admin caller) {
        return admin.clients();
    }

    @GetMapping("/clients/{clientId}")
    TenancyAdmin.ClientView client(Admin caller, @PathVariable String clientId) {
        return admin.client(clientId);
    }

    @PatchMapping("/clients/{clientId}")
    TenancyAdmin.ClientView updateClient(Admin caller, @PathVariable String clientId,
            @RequestBody TenancyAdmin.ClientChange change) {
        return admin.updateClient(caller, clientId, change);
    }

    @PostMapping("/clients/{clientId}/rotate")
    TenancyAdmin.RotatedClient rotateClient(Admin caller, @PathVariable String clientId,
            @RequestBody(required = false) RotateRequest request) {
        return admin.rotateClient(caller, clientId, request == null ? null : request.graceSeconds());
    }

    record AudioHookSecret(String clientSecret) {
    }

    /** Contract 6.2: from now on this client's AudioHook connections must be signed with the secret. */
    @PutMapping("/clients/{clientId}/audiohook")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void setAudioHookSecret(Admin caller, @PathVariable String clientId, @RequestBody AudioHookSecret request) {
        if (request.clientSecret() == null) {
            throw ApiException.badRequest("clientSecret is required (base64)");
        }
        audioHookSecrets.set(caller, clientId, request.clientSecret());
    }

    @DeleteMapping("/clients/{clientId}/audiohook")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void removeAudioHookSecret(Admin caller, @PathVariable String clientId) {
        audioHookSecrets.set(caller, clientId, null);
    }

    @DeleteMapping("/clients/{clientId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revokeClient(Admin caller, @PathVariable String clientId) {
        admin.revokeClient(caller, clientId);
    }

    @GetMapping("/audit")
    AdminLog.Page audit(Admin caller, @RequestParam(defaultValue = "100") int limit,
            @RequestParam(required = false) String cursor) {
        return admin.auditTrail(limit, cursor);
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null) {
            return null;
        }
        if (!value.isString()) {
            throw ApiException.badRequest("field '" + field + "' must be a string");
        }
        return value.asString();
    }

    private static Integer integer(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw ApiException.badRequest("field '" + field + "' must be an integer");
        }
        return value.intValue();
    }
}
