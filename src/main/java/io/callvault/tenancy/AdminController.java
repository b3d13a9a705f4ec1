package io.callvault.tenancy;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Contract 1's admin API. Every call needs the admin token; a client's key is refused. */
@RestController
@RequestMapping("/v1/admin")
class AdminController {

    private final TenancyAdmin admin;
    private final Authenticator authenticator;

    AdminController(TenancyAdmin admin, Authenticator authenticator) {
        this.admin = admin;
        this.authenticator = authenticator;
    }

    @PostMapping("/tenants")
    @ResponseStatus(HttpStatus.CREATED)
    Tenant createTenant(@RequestHeader(name = "Authorization", required = false) String authorization,
            @RequestBody TenancyAdmin.NewTenant request) {
        authenticator.requireAdmin(authorization);
        return admin.createTenant(request);
    }

    @GetMapping("/tenants/{tenantId}")
    Tenant tenant(@RequestHeader(name = "Authorization", required = false) String authorization,
            @PathVariable String tenantId) {
        authenticator.requireAdmin(authorization);
        return admin.tenant(tenantId);
    }

    @PostMapping("/clients")
    @ResponseStatus(HttpStatus.CREATED)
    TenancyAdmin.IssuedClient createClient(@RequestHeader(name = "Authorization", required = false) String authorization,
            @RequestBody TenancyAdmin.NewClient request) {
        authenticator.requireAdmin(authorization);
        return admin.createClient(request);
    }

    @DeleteMapping("/clients/{clientId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revokeClient(@RequestHeader(name = "Authorization", required = false) String authorization,
            @PathVariable String clientId) {
        authenticator.requireAdmin(authorization);
        admin.revokeClient(clientId);
    }
}
