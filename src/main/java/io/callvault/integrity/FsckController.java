package io.callvault.integrity;

import io.callvault.tenancy.Admin;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /v1/admin/fsck?tenant=&repair=}: the integrity check, answered with its report. Admin token only. */
@RestController
class FsckController {

    private final IntegrityCheck check;

    FsckController(IntegrityCheck check) {
        this.check = check;
    }

    @PostMapping("/v1/admin/fsck")
    IntegrityCheck.Report fsck(Admin admin, @RequestParam(required = false) String tenant, @RequestParam(defaultValue = "false") boolean repair) {
        return check.check(tenant, repair, line -> { });
    }
}
