package io.callvault.dialect.wellcloud;

import java.util.List;
import java.util.Map;

import io.callvault.catalog.Call;
import io.callvault.catalog.CallId;
import io.callvault.catalog.Catalog;
import io.callvault.catalog.Recording;
import io.callvault.tenancy.AccessTokenAccepted;
import io.callvault.tenancy.AccessTokens;
import io.callvault.tenancy.ClientPrincipal;
import io.callvault.tenancy.Permitted.TenantFrom;
import io.callvault.tenancy.Permitted;
import io.callvault.tenancy.Scope;
import io.callvault.tenancy.Tenant;
import io.callvault.tenancy.TenantId;
import io.callvault.tenancy.TenantRepository;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/operation")
class WellcloudController {

    private final AccessTokens tokens;
    private final Catalog catalog;
    private final TenantRepository tenants;

    WellcloudController(AccessTokens tokens, Catalog catalog, TenantRepository tenants) {
        this.tokens = tokens;
        this.catalog = catalog;
        this.tenants = tenants;
    }

    @PostMapping("/operation/apply/token")
    Map<String, String> token(@RequestParam(required = false) String appId,
            @RequestParam(required = false) String appSecret, @RequestParam(required = false) String type,
            HttpServletRequest request) {
        if (!"tenant".equals(type)) {
            throw new WellcloudException(400, "type must be tenant");
        }
        return tokens.issue(appId, appSecret, request.getRemoteAddr())
                .map(issued -> Map.of("token", issued.token()))
                .orElseThrow(() -> new WellcloudException(425, "appId or appSecret is wrong"));
    }

    @GetMapping("/tenant/calls/{callId}/recordings2")
    List<WellcloudRecording> recordings(
            @AccessTokenAccepted @Permitted(value = Scope.READ, tenant = TenantFrom.SOLE) ClientPrincipal principal,
            @PathVariable String callId) {
        String tenantId = principal.soleTenant().orElseThrow();
        Call call = catalog.findCall(TenantId.of(tenantId), CallId.of(callId)).orElseThrow(WellcloudException::noRecordingFile);
        List<Recording> recordings = catalog.recordingsOf(TenantId.of(tenantId), CallId.of(callId));
        if (recordings.isEmpty()) {
            throw WellcloudException.noRecordingFile();
        }
        Tenant tenant = tenants.find(tenantId).orElseThrow(WellcloudException::noRecordingFile);
        return recordings.stream().map(r -> WellcloudRecording.of(r, call, tenant.timeZone())).toList();
    }
}
