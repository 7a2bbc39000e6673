package dev.docent.security;

import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.util.List;
import java.util.Set;

/** Who am I: the pages and scripts use it to show the right things. */
@Path("/api/me")
@Authenticated
public class MeResource {

    /** The signed-in user as JSON. */
    public record Me(String username, String name, String email, List<String> roles, Set<String> groups) {}

    @Inject
    CurrentUser user;

    @GET
    public Me me() {
        return new Me(user.getUsername(), user.getDisplayName(), user.getEmail(), user.getRoles(), user.getGroups());
    }
}
