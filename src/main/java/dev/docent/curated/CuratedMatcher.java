package dev.docent.curated;

import dev.docent.answering.CuratedAnswers;
import dev.docent.embedding.Embedder;
import dev.docent.retrieval.Passage;
import dev.docent.retrieval.PassageAccess;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Finds the curated answer for a query: the closest active one whose questions come within
 * {@link CuratedConfig#similarity()}, among those the asker may read every document of. A closer one the asker may
 * not read is passed over for the next, so what a person gets never depends on answers meant for others.
 */
@ApplicationScoped
public class CuratedMatcher implements CuratedAnswers {

    /** Candidates looked at per question: more than enough, since candidates are paraphrase-close by construction. */
    static final int CANDIDATES = 5;

    private final CuratedRepository repository;
    private final PassageAccess access;
    private final Embedder embedder;
    private final CuratedConfig config;

    CuratedMatcher(CuratedRepository repository, PassageAccess access, Embedder embedder, CuratedConfig config) {
        this.repository = Objects.requireNonNull(repository, "repository");
        this.access = Objects.requireNonNull(access, "access");
        this.embedder = Objects.requireNonNull(embedder, "embedder");
        this.config = Objects.requireNonNull(config, "config");
    }

    @Override
    public Optional<Match> match(float[] queryVector, Set<String> groups, String collection) {
        if (queryVector == null) {
            return Optional.empty();
        }
        for (CuratedRepository.Candidate c :
                repository.candidates(queryVector, embedder.modelName(), config.similarity(), CANDIDATES)) {
            Optional<List<Passage>> citations = citations(c.documents(), groups, collection);
            if (citations.isPresent()) {
                return Optional.of(new Match(c.id(), c.answer(), citations.get(), c.similarity()));
            }
        }
        return Optional.empty();
    }

    /** One passage per document, in order, when the asker may read all of them (and they sit in {@code collection}). */
    private Optional<List<Passage>> citations(List<UUID> documents, Set<String> groups, String collection) {
        Map<UUID, PassageAccess.Opening> openings = access.openings(documents, groups);
        List<Passage> out = new ArrayList<>();
        for (UUID id : documents) {
            PassageAccess.Opening o = openings.get(id);
            if (o == null || !o.readable() || (collection != null && !collection.equals(o.collection()))) {
                return Optional.empty();
            }
            out.add(o.passage());
        }
        return Optional.of(out);
    }
}
