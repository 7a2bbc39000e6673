package dev.docent.system;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * An RFC 9457 problem document: what went wrong, in words a user can act on.
 *
 * @param type a URI naming the kind of problem ({@code about:blank} when the status says it all)
 * @param title the status in words
 * @param status the HTTP status
 * @param detail what happened and what to do about it
 * @param instance the request path
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance) {

    /** The media type of problem documents. */
    public static final String MEDIA_TYPE = "application/problem+json";

    public static final MediaType PROBLEM_JSON = MediaType.valueOf(MEDIA_TYPE);

    /** A problem for a status, with a detail the user can act on. */
    public static Problem of(Response.StatusType status, String detail, String instance) {
        return new Problem("about:blank", status.getReasonPhrase(), status.getStatusCode(), detail, instance);
    }

    /** This problem as a response with the problem media type. */
    public Response toResponse() {
        return Response.status(status).type(PROBLEM_JSON).entity(this).build();
    }
}
