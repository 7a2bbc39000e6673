package dev.docent.safety;

import dev.docent.security.CurrentUser;
import dev.docent.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The safety guards' records for admins, and the release of a flagged chunk. */
@Path("/api/safety")
@RolesAllowed(Roles.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
public class SafetyResource {

    @Inject
    SafetyService service;

    @Inject
    CurrentUser user;

    @GET
    public SafetyService.Overview overview() {
        return service.overview();
    }

    @POST
    @Path("chunks/{documentId}/{ordinal}/release")
    public Response release(@PathParam("documentId") String documentId, @PathParam("ordinal") String ordinal) {
        service.release(SafetyService.documentId(documentId), SafetyService.ordinal(ordinal), user.getUsername());
        return Response.noContent().build();
    }
}
