package dev.docent.collection;

import dev.docent.audit.AuditLog;
import dev.docent.security.CurrentUser;
import dev.docent.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;

/** Collections for scripts: list them, create one, change who may read it. */
@Path("/api/collections")
public class CollectionResource {

    @Inject
    AuditLog audit;

    @Inject
    CollectionService service;

    @Inject
    CurrentUser user;

    /** Admins see every collection; everyone else the ones open to their groups. */
    @GET
    @RolesAllowed({Roles.USER, Roles.ADMIN})
    public List<Collection> list() {
        return user.isAdmin() ? service.all() : service.readableBy(user);
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    public Response create(CollectionService.Spec spec) {
        Collection created = service.create(
                spec == null ? new CollectionService.Spec(null, null, null, null) : spec, user.getUsername());
        audit.record(
                user.getUsername(),
                AuditLog.COLLECTION_CREATED,
                created.name(),
                Map.of(
                        "groups",
                        created.groups(),
                        "localOnly",
                        created.localOnly(),
                        "trainingUse",
                        created.trainingUse()));
        return Response.status(Response.Status.CREATED).entity(created).build();
    }

    @PUT
    @Path("{name}")
    @RolesAllowed(Roles.ADMIN)
    public Collection update(@PathParam("name") String name, CollectionService.Spec spec) {
        Collection updated =
                service.update(name, spec == null ? new CollectionService.Spec(null, null, null, null) : spec);
        if (!updated.name().equals(name)) {
            audit.record(user.getUsername(), AuditLog.COLLECTION_RENAMED, updated.name(), Map.of("from", name));
        }
        audit.record(
                user.getUsername(),
                AuditLog.COLLECTION_CHANGED,
                updated.name(),
                Map.of(
                        "groups",
                        updated.groups(),
                        "localOnly",
                        updated.localOnly(),
                        "trainingUse",
                        updated.trainingUse()));
        return updated;
    }

    /** Deletes a collection and everything in it; {@code ?confirm=} must repeat its name. */
    @DELETE
    @Path("{name}")
    @RolesAllowed(Roles.ADMIN)
    public Response delete(@PathParam("name") String name, @QueryParam("confirm") String confirm) {
        Collection deleted = service.delete(name, confirm);
        audit.record(user.getUsername(), AuditLog.COLLECTION_DELETED, deleted.name(), Map.of("id", deleted.id()));
        return Response.noContent().build();
    }
}
