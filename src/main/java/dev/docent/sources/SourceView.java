package dev.docent.sources;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/** A source as the API and the documents page show it, with its item count and its latest sync. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SourceView(
        long id,
        String name,
        String type,
        String collection,
        String location,
        int maxDepth,
        int maxItems,
        boolean otherHosts,
        long syncEveryMinutes,
        boolean enabled,
        String createdBy,
        Instant createdAt,
        Instant nextSyncAt,
        long items,
        SyncReport lastSync) {

    SourceView withLastSync(SyncReport sync) {
        return new SourceView(
                id,
                name,
                type,
                collection,
                location,
                maxDepth,
                maxItems,
                otherHosts,
                syncEveryMinutes,
                enabled,
                createdBy,
                createdAt,
                nextSyncAt,
                items,
                sync);
    }

    SourceDefinition definition() {
        return new SourceDefinition(id, type, location, maxDepth, maxItems, otherHosts);
    }
}
