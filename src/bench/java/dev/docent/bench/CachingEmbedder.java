package dev.docent.bench;

import dev.docent.embedding.Embedder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Embeds each distinct text once: the benchmark answers the same sentences under several conditions and weights. */
final class CachingEmbedder implements Embedder {

    private final Embedder model;
    private final Map<String, float[]> cache = new ConcurrentHashMap<>();

    CachingEmbedder(Embedder model) {
        this.model = model;
    }

    @Override
    public String modelName() {
        return model.modelName();
    }

    @Override
    public int dimension() {
        return model.dimension();
    }

    @Override
    public int maxTokens() {
        return model.maxTokens();
    }

    @Override
    public int countTokens(String text) {
        return model.countTokens(text);
    }

    @Override
    public List<float[]> embedAll(List<String> texts) {
        List<String> missing =
                texts.stream().filter(t -> !cache.containsKey(t)).distinct().toList();
        if (!missing.isEmpty()) {
            List<float[]> vectors = model.embedAll(missing);
            for (int i = 0; i < missing.size(); i++) {
                cache.put(missing.get(i), vectors.get(i));
            }
        }
        List<float[]> out = new ArrayList<>(texts.size());
        texts.forEach(t -> out.add(cache.get(t)));
        return out;
    }
}
