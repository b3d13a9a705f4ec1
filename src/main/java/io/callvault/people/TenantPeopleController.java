package io.callvault.people;

import java.util.List;

import io.callvault.tenancy.ClientPrincipal;
import io.callvault.tenancy.Permitted;
import io.callvault.tenancy.Scope;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** A tenant's people, for its tenant admins: {@code GET}, {@code PUT {"role","password"?}} and {@code DELETE}. */
@RestController
@RequestMapping("/v1/tenants/{tenantId}/people")
class TenantPeopleController {

    private final TenantPeople people;

    TenantPeopleController(TenantPeople people) {
        this.people = people;
    }

    @GetMapping
    List<TenantPeople.Member> list(@Permitted(Scope.MANAGE) ClientPrincipal principal, @PathVariable String tenantId) {
        return people.list(tenantId);
    }

    @PutMapping("/{username}")
    ResponseEntity<TenantPeople.Member> put(@Permitted(Scope.MANAGE) ClientPrincipal principal,
            @PathVariable String tenantId, @PathVariable String username,
            @RequestBody TenantPeople.MemberChange change, HttpServletRequest request) {
        TenantPeople.Outcome outcome = people.put(new TenantPeople.Manager(principal, request.getRemoteAddr()), tenantId,
                username, change);
        return ResponseEntity.status(outcome.created() ? HttpStatus.CREATED : HttpStatus.OK).body(outcome.member());
    }

    @DeleteMapping("/{username}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void remove(@Permitted(Scope.MANAGE) ClientPrincipal principal, @PathVariable String tenantId,
            @PathVariable String username, HttpServletRequest request) {
        people.remove(new TenantPeople.Manager(principal, request.getRemoteAddr()), tenantId, username);
    }
}
