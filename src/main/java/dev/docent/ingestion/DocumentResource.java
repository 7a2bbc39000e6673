package dev.docent.ingestion;

import dev.docent.audit.AuditLog;
import dev.docent.limits.UserRateLimits;
import dev.docent.security.CurrentUser;
import dev.docent.security.Roles;
import dev.docent.system.InvalidInputException;
import io.smallrye.mutiny.Multi;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestStreamElementType;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/** The documents API: upload, follow, list, delete, re-index, and open the original file. */
@Path("/api/documents")
public class DocumentResource {

    @Inject
    DocumentService service;

    @Inject
    DocumentEvents events;

    @Inject
    CurrentUser user;

    @Inject
    UserRateLimits rateLimits;

    @Inject
    AuditLog audit;

    @Inject
    ZipUpload zips;

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response upload(@RestForm("file") FileUpload file, @RestForm("collection") String collection) {
        if (file == null || file.uploadedFile() == null) {
            throw new InvalidInputException(
                    400,
                    "Send the document as multipart/form-data in a field named 'file' (curl -F file=@report.pdf).");
        }
        rateLimits.take(user.getUsername(), UserRateLimits.Action.UPLOAD);
        DocumentService.Upload upload =
                service.upload(file.uploadedFile(), file.fileName(), file.size(), collection, user.getUsername());
        audit.record(
                user.getUsername(),
                AuditLog.DOCUMENT_UPLOADED,
                upload.document().id().toString(),
                Map.of("fileName", String.valueOf(file.fileName()), "collection", String.valueOf(collection)));
        return Response.status(upload.created() ? Response.Status.ACCEPTED : Response.Status.OK)
                .entity(upload.document())
                .build();
    }

    /**
     * Bulk upload: each file in a ZIP becomes a document, under the same limits as a single upload; answers with a
     * report of what was added, refused (and why) and skipped.
     */
    @POST
    @Path("zip")
    @RolesAllowed(Roles.ADMIN)
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response uploadZip(@RestForm("file") FileUpload file, @RestForm("collection") String collection) {
        if (file == null || file.uploadedFile() == null) {
            throw new InvalidInputException(
                    400, "Send the archive as multipart/form-data in a field named 'file' (curl -F file=@docs.zip).");
        }
        rateLimits.take(user.getUsername(), UserRateLimits.Action.UPLOAD);
        ZipReport report =
                zips.upload(file.uploadedFile(), file.fileName(), file.size(), collection, user.getUsername());
        for (ZipReport.Accepted entry : report.accepted()) {
            if (entry.created()) {
                audit.record(
                        user.getUsername(),
                        AuditLog.DOCUMENT_UPLOADED,
                        entry.document().id().toString(),
                        Map.of(
                                "fileName",
                                entry.document().fileName(),
                                "collection",
                                report.collection(),
                                "archive",
                                report.archive()));
            }
        }
        return Response.status(report.createdAny() ? Response.Status.ACCEPTED : Response.Status.OK)
                .entity(report)
                .build();
    }

    /** One page of documents, filtered and sorted in SQL, with the total that match. */
    @GET
    @RolesAllowed(Roles.ADMIN)
    public DocumentPage list(
            @QueryParam("collection") String collection,
            @QueryParam("status") String status,
            @QueryParam("q") String text,
            @QueryParam("sort") String sort,
            @QueryParam("dir") String direction,
            @QueryParam("offset") Integer offset,
            @QueryParam("limit") Integer limit) {
        return service.page(collection, status, text, sort, direction, offset, limit);
    }

    /** Documents, chunks and statuses per collection. */
    @GET
    @Path("counts")
    @RolesAllowed(Roles.ADMIN)
    public List<CollectionCounts> counts() {
        return service.counts();
    }

    @GET
    @Path("queue")
    @RolesAllowed(Roles.ADMIN)
    public QueueStatus queue() {
        return service.queueStatus();
    }

    /** Workers finish what they hold and start nothing new until resumed. */
    @POST
    @Path("queue/pause")
    @RolesAllowed(Roles.ADMIN)
    public QueueStatus pause() {
        return service.pause(true);
    }

    @POST
    @Path("queue/resume")
    @RolesAllowed(Roles.ADMIN)
    public QueueStatus resume() {
        return service.pause(false);
    }

    /** Takes a queued document out of the queue. */
    @POST
    @Path("{id}/cancel")
    @RolesAllowed(Roles.ADMIN)
    public DocumentView cancel(@PathParam("id") UUID id) {
        return service.cancel(id);
    }

    /** Every status change from now on, as server-sent events. */
    @GET
    @Path("events")
    @RolesAllowed(Roles.ADMIN)
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    public Multi<DocumentView> events() {
        return events.stream();
    }

    @GET
    @Path("{id}")
    @RolesAllowed(Roles.ADMIN)
    public DocumentView get(@PathParam("id") UUID id) {
        return service.get(id);
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed(Roles.ADMIN)
    public Response delete(@PathParam("id") UUID id) {
        service.delete(id);
        audit.record(user.getUsername(), AuditLog.DOCUMENT_DELETED, id.toString(), Map.of());
        return Response.noContent().build();
    }

    @POST
    @Path("{id}/reindex")
    @RolesAllowed(Roles.ADMIN)
    public Response reindex(@PathParam("id") UUID id) {
        return Response.accepted(service.reindex(id)).build();
    }

    /** The original file, inline, for anyone who may read its collection (citations link here). */
    @GET
    @Path("{id}/file")
    @RolesAllowed({Roles.USER, Roles.ADMIN})
    public Response file(@PathParam("id") UUID id) {
        DocumentView document = service.readable(id, user);
        String type = document.mediaType() == null ? MediaType.APPLICATION_OCTET_STREAM : document.mediaType();
        boolean inline = type.equals("application/pdf") || type.startsWith("text/plain");
        StreamingOutput body = out -> service.writeFile(id, out);
        String encodedName =
                URLEncoder.encode(document.fileName(), StandardCharsets.UTF_8).replace("+", "%20");
        return Response.ok(body, type)
                .header("Content-Disposition", (inline ? "inline" : "attachment") + "; filename*=UTF-8''" + encodedName)
                .header("Content-Security-Policy", "sandbox")
                .build();
    }
}
