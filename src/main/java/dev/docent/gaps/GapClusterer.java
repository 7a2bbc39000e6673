package dev.docent.gaps;

import dev.docent.embedding.Embedder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/**
 * Online clustering: a question joins the nearest cluster whose centroid is at least
 * {@link GapConfig#clusterSimilarity()} similar, else it founds a new one. Centroid and label are recomputed on every
 * join, so clusters follow the questions as they arrive instead of waiting for a nightly batch.
 */
@ApplicationScoped
public class GapClusterer {

    @Inject
    GapRepository gaps;

    @Inject
    GapConfig config;

    @Inject
    Embedder embedder;

    /** Adds the question to a cluster (within the caller's transaction); returns the cluster, or -1 if already in. */
    public long assign(GapQuestion question, List<String> collections, float[] vector) {
        gaps.lockClusters();
        if (gaps.contains(question.messageId())) {
            return -1;
        }
        long cluster = gaps.nearest(vector, embedder.modelName())
                .filter(n -> n.similarity() >= config.clusterSimilarity())
                .map(GapRepository.Nearest::id)
                .orElseGet(() -> gaps.create(PiiMask.mask(question.question()), vector, embedder.modelName()));
        gaps.add(cluster, question, collections, vector);
        gaps.refresh(cluster, true);
        return cluster;
    }
}
