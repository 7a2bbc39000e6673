package dev.docent.curated;

import dev.docent.retrieval.Passage;
import dev.docent.retrieval.PassageAccess;
import dev.docent.training.TrainingExample;
import dev.docent.training.TrainingSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Active curated answers as fine-tuning examples: one per question each answers, shown the opening passage of each of
 * its documents (as chat cites them). An answer with a document that is gone or not ready is left out. The export
 * checks the collections and masks the text, as for every source.
 */
@ApplicationScoped
class CuratedTrainingSource implements TrainingSource {

    @Inject
    CuratedRepository repository;

    @Inject
    PassageAccess access;

    @Override
    public List<TrainingExample> examples(int limit) {
        List<TrainingExample> examples = new ArrayList<>();
        for (CuratedRepository.Row row : repository.list("active", null)) {
            // Readability for a group does not matter here: the export decides by the collections marked for training.
            Map<UUID, PassageAccess.Opening> openings = access.openings(row.documents(), Set.of());
            if (!openings.keySet().containsAll(row.documents())) {
                continue;
            }
            List<Passage> passages = row.documents().stream()
                    .map(id -> openings.get(id).passage())
                    .toList();
            for (String question : row.questions()) {
                if (examples.size() >= limit) {
                    return examples;
                }
                examples.add(new TrainingExample("curated", question, passages, row.answer(), null));
            }
        }
        return examples;
    }
}
