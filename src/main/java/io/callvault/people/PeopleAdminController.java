package io.callvault.people;

import java.util.List;

import io.callvault.tenancy.Admin;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Contract 7's admin API for people. Every handler takes {@link Admin} first: the token is checked before the body. */
@RestController
@RequestMapping("/v1/admin/users")
class PeopleAdminController {

    private final PeopleAdmin admin;

    PeopleAdminController(PeopleAdmin admin) {
        this.admin = admin;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    PeopleAdmin.PersonView create(Admin caller, @RequestBody(required = false) PeopleAdmin.NewPerson request) {
        return admin.create(caller, request);
    }

    @GetMapping
    List<PeopleAdmin.PersonView> list(Admin caller) {
        return admin.list();
    }

    @GetMapping("/{username}")
    PeopleAdmin.PersonView person(Admin caller, @PathVariable String username) {
        return admin.person(username);
    }

    @PutMapping("/{username}")
    PeopleAdmin.PersonView update(Admin caller, @PathVariable String username,
            @RequestBody(required = false) PeopleAdmin.PersonChange change) {
        return admin.update(caller, username, change);
    }

    @DeleteMapping("/{username}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(Admin caller, @PathVariable String username) {
        admin.delete(caller, username);
    }
}
