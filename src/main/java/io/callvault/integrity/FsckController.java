package io.callvault.integrity;

import io.callvault.tenancy.Authenticator;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /v1/admin/fsck?tenant=&repair=}: the integrity check, answered with its report. Admin token only. */
@RestController
class FsckController {

    private final IntegrityCheck check;
    private final Authenticator authenticator;

    FsckController(IntegrityCheck check, Authenticator authenticator) {
        this.check = check;
        this.authenticator = authenticator;
    }

    @PostMapping("/v1/admin/fsck")
    IntegrityCheck.Report fsck(@RequestHeader(name = "Authorization", required = false) String authorization,
            @RequestParam(required = false) String tenant, @RequestParam(defaultValue = "false") boolean repair) {
        authenticator.requireAdmin(authorization);
        return check.check(tenant, repair, line -> { });
    }
}
