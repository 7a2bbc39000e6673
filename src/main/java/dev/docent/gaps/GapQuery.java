package dev.docent.gaps;

import jakarta.ws.rs.QueryParam;

/** The cluster list's query parameters, shared by the JSON and CSV endpoints; validated by {@link GapFilter#of}. */
public class GapQuery {

    @QueryParam("cause")
    String cause;

    @QueryParam("collection")
    String collection;

    @QueryParam("status")
    String status;

    @QueryParam("from")
    String from;

    @QueryParam("to")
    String to;

    @QueryParam("sort")
    String sort;

    @QueryParam("limit")
    Integer limit;

    GapFilter filter() {
        return GapFilter.of(cause, collection, status, from, to, sort, limit);
    }
}
