package io.callvault.people;

import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;

/** Spring Security's view of a person with a password, for the sign-in form. */
@Component
class PersonAccounts implements UserDetailsService {

    private final PersonRepository people;

    PersonAccounts(PersonRepository people) {
        this.people = people;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        Person person = people.find(username).filter(p -> p.passwordHash().isPresent())
                .orElseThrow(() -> new UsernameNotFoundException("no such person")); // answered as any wrong password
        return User.withUsername(person.username()).password(person.passwordHash().orElseThrow())
                .authorities("ROLE_PERSON").build();
    }
}
