package dev.docent.training;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.docent.collection.CollectionRepository;
import dev.docent.gaps.PiiMask;
import dev.docent.llm.PromptBuilder;
import dev.docent.llm.PromptCanary;
import dev.docent.retrieval.ChunkRepository;
import dev.docent.retrieval.Passage;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Fine-tuning data in OpenAI's formats: chat examples ({@code {"messages": [system, user, assistant]}}) and preference
 * pairs for DPO ({@code {"input": {"messages"}, "preferred_output", "non_preferred_output"}}). The system and user
 * messages come from the chat's own {@link PromptBuilder}, so a model is trained on exactly what it will be shown;
 * worked examples the prompt carries stay in, with {@code "weight": 0} so only the real answer is learnt. Only
 * examples whose every passage belongs to a collection an admin marked for training are exported, with personal data
 * masked in the question, the passages and the answers.
 */
@ApplicationScoped
public class TrainingExport {

    /** The export's two formats. */
    public enum Kind {
        CHAT,
        PREFERENCE
    }

    /**
     * What an export holds and what it left out.
     *
     * @param collections the collections marked for training
     * @param chatExamples lines of the chat export
     * @param preferencePairs lines of the preference export
     * @param notForTraining examples left out because a passage belongs to a collection not marked for training
     */
    public record Summary(List<String> collections, int chatExamples, int preferencePairs, int notForTraining) {}

    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    @Any
    Instance<TrainingSource> sources;

    @Inject
    CollectionRepository collections;

    @Inject
    ChunkRepository chunks;

    @Inject
    PromptBuilder prompts;

    @Inject
    PromptCanary canary;

    @Inject
    TrainingConfig config;

    @Inject
    ObjectMapper json;

    /** The export's lines, one JSON object each. */
    public List<String> lines(Kind kind) {
        List<String> lines = new ArrayList<>();
        for (TrainingExample e : usable(allowed()).examples()) {
            if (kind == Kind.CHAT) {
                lines.add(chat(e));
            } else if (e.rejected() != null) {
                lines.add(preference(e));
            }
        }
        return lines;
    }

    public Summary summary() {
        Set<String> allowed = allowed();
        Usable usable = usable(allowed);
        int pairs = (int)
                usable.examples().stream().filter(e -> e.rejected() != null).count();
        return new Summary(
                allowed.stream().sorted().toList(), usable.examples().size(), pairs, usable.notForTraining());
    }

    private record Usable(List<TrainingExample> examples, int notForTraining) {}

    private Set<String> allowed() {
        return collections.forTraining();
    }

    private Usable usable(Set<String> allowed) {
        List<TrainingExample> usable = new ArrayList<>();
        int left = 0;
        for (TrainingSource source : sources) {
            for (TrainingExample e : source.examples(config.maxExamples())) {
                Map<Long, ChunkRepository.Place> places = chunks.places(
                        e.passages().stream().map(Passage::chunkId).toList());
                boolean allIn = !e.passages().isEmpty()
                        && e.passages().stream().allMatch(p -> {
                            ChunkRepository.Place place = places.get(p.chunkId());
                            return place != null && allowed.contains(place.collection());
                        });
                if (allIn) {
                    usable.add(e);
                } else {
                    left++;
                }
            }
        }
        return new Usable(usable, left);
    }

    private String chat(TrainingExample e) {
        ObjectNode line = json.createObjectNode();
        ArrayNode messages = prompt(e, line.putArray("messages"), true);
        message(messages, "assistant", PiiMask.mask(e.answer()));
        return write(line);
    }

    private String preference(TrainingExample e) {
        ObjectNode line = json.createObjectNode();
        prompt(e, line.putObject("input").putArray("messages"), false);
        message(line.putArray("preferred_output"), "assistant", PiiMask.mask(e.answer()));
        message(line.putArray("non_preferred_output"), "assistant", PiiMask.mask(e.rejected()));
        return write(line);
    }

    /** The prompt chat would send for this example, masked, as OpenAI messages. */
    private ArrayNode prompt(TrainingExample e, ArrayNode out, boolean weighted) {
        List<Passage> masked = e.passages().stream()
                .map(p -> new Passage(
                        p.chunkId(),
                        p.documentId(),
                        PiiMask.mask(p.title()),
                        p.mediaType(),
                        p.page(),
                        p.headingPath(),
                        PiiMask.mask(p.content()),
                        p.score(),
                        p.similarity()))
                .toList();
        for (ChatMessage m : prompts.answer(PiiMask.mask(e.question()), masked, false)) {
            switch (m) {
                case SystemMessage s -> message(out, "system", withoutLiveCanary(s.text()));
                case UserMessage u -> message(out, "user", u.singleText());
                case AiMessage a -> {
                    // A worked example the prompt shows: context to learn from, not an answer to learn.
                    ObjectNode example = message(out, "assistant", a.text());
                    if (weighted) {
                        example.put("weight", 0);
                    }
                }
                default -> throw new IllegalStateException("Unexpected prompt message " + m.type());
            }
        }
        return out;
    }

    /**
     * The live canary marker is this run's secret for spotting a recited prompt: a file that leaves Docent gets a
     * fresh random one per line instead, in the same place, so training still matches what serving shows.
     */
    private String withoutLiveCanary(String system) {
        byte[] random = new byte[8];
        RANDOM.nextBytes(random);
        return system.replace(
                canary.token(), "DOCENT-" + HexFormat.of().formatHex(random).toUpperCase(Locale.ROOT));
    }

    private static ObjectNode message(ArrayNode messages, String role, String content) {
        ObjectNode m = messages.addObject();
        m.put("role", role);
        m.put("content", content);
        return m;
    }

    private String write(ObjectNode line) {
        try {
            return json.writeValueAsString(line);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
