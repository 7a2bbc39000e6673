package dev.docent.ingestion;

import com.pgvector.PGvector;
import dev.docent.ingestion.chunk.Chunk;
import dev.docent.system.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.UUID;

/** Writes a document's chunks with their vectors in JDBC batches (rewritten by the driver into multi-row inserts). */
@ApplicationScoped
public class ChunkWriter {

    static final int BATCH = 500;

    @Inject
    Jdbc jdbc;

    /** Replaces every chunk of a document; call it inside the transaction that marks the document ready. */
    public void replace(UUID documentId, long collectionId, List<Chunk> chunks, List<float[]> vectors) {
        if (chunks.size() != vectors.size()) {
            throw new IllegalArgumentException(chunks.size() + " chunks but " + vectors.size() + " vectors");
        }
        jdbc.update("DELETE FROM chunks WHERE document_id = ?", documentId);
        jdbc.withConnection(c -> {
            try (PreparedStatement insert = c.prepareStatement("""
                    INSERT INTO chunks (document_id, collection_id, ordinal, page, heading_path, context, content,
                                        token_count, embedding)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """)) {
                for (int i = 0; i < chunks.size(); i++) {
                    Chunk chunk = chunks.get(i);
                    insert.setObject(1, documentId);
                    insert.setLong(2, collectionId);
                    insert.setInt(3, chunk.ordinal());
                    insert.setObject(4, chunk.page() > 0 ? chunk.page() : null);
                    Jdbc.bind(c, insert, 5, chunk.headingPath());
                    insert.setString(6, chunk.context());
                    insert.setString(7, chunk.content());
                    insert.setInt(8, chunk.tokenCount());
                    insert.setObject(9, new PGvector(vectors.get(i)));
                    insert.addBatch();
                    if ((i + 1) % BATCH == 0) {
                        insert.executeBatch();
                    }
                }
                insert.executeBatch();
            }
            return null;
        });
    }
}
