package dev.docent.sources;

import dev.docent.audit.AuditLog;
import dev.docent.security.CurrentUser;
import dev.docent.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;

/** The sources API: define websites and folders Docent keeps in sync, sync them now, read their sync reports. */
@Path("/api/sources")
@RolesAllowed(Roles.ADMIN)
public class SourceResource {

    @Inject
    SourceService service;

    @Inject
    CurrentUser user;

    @Inject
    AuditLog audit;

    @GET
    public List<SourceView> list() {
        return service.list();
    }

    /** Defines a source; its first sync starts at once. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(SourceRequest request) {
        SourceView created = service.create(request, user.getUsername());
        audit.record(
                user.getUsername(),
                "source.created",
                Long.toString(created.id()),
                Map.of("type", created.type(), "location", created.location()));
        return Response.status(Response.Status.CREATED).entity(created).build();
    }

    @GET
    @Path("{id}")
    public SourceView get(@PathParam("id") long id) {
        return service.get(id);
    }

    /** The latest syncs, newest first. */
    @GET
    @Path("{id}/syncs")
    public List<SyncReport> syncs(@PathParam("id") long id) {
        return service.syncs(id);
    }

    @POST
    @Path("{id}/sync")
    public Response syncNow(@PathParam("id") long id) {
        return Response.accepted(service.syncNow(id)).build();
    }

    /** Deletes the source and the documents it added. */
    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") long id) {
        service.delete(id);
        audit.record(user.getUsername(), "source.deleted", Long.toString(id), Map.of());
        return Response.noContent().build();
    }
}
