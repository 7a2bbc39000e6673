package dev.docent.privacy;

import dev.docent.audit.AuditLog;
import dev.docent.security.CurrentUser;
import dev.docent.security.Roles;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.UUID;

/** Erasure: one's own conversation or all of one's data; admins erase a user by name. The export is {@link ExportResource}. */
@Path("/api/privacy")
public class PersonalDataResource {

    @Inject
    PersonalDataService service;

    @Inject
    CurrentUser user;

    @Inject
    AuditLog audit;

    @DELETE
    @Path("conversations/{id}")
    @Authenticated
    public Response eraseConversation(@PathParam("id") UUID id) {
        service.eraseConversation(id, user);
        audit.record(user.getUsername(), AuditLog.DATA_ERASED, "conversation " + id, Map.of());
        return Response.noContent().build();
    }

    @DELETE
    @Path("me")
    @Authenticated
    @Produces(MediaType.APPLICATION_JSON)
    public PersonalDataService.Erased eraseMine() {
        return audited(service.eraseMine(user));
    }

    @DELETE
    @Path("users/{username}")
    @RolesAllowed(Roles.ADMIN)
    @Produces(MediaType.APPLICATION_JSON)
    public PersonalDataService.Erased eraseUser(@PathParam("username") String username) {
        return audited(service.eraseNamed(username));
    }

    private PersonalDataService.Erased audited(PersonalDataService.Erased erased) {
        audit.record(
                user.getUsername(),
                AuditLog.DATA_ERASED,
                erased.user(),
                Map.of("conversations", erased.conversations(), "gapClustersTouched", erased.gapClustersTouched()));
        return erased;
    }
}
