package dev.docent.answering;

import dev.docent.retrieval.Passage;
import java.util.List;

/** The third stage: turns retrieved chunks into the passages an answer is made from. */
public interface ContextAssembler {

    /** The context for an answer from {@code retrieved} (best first); empty when nothing is close enough. */
    Context assemble(List<Passage> retrieved);
}
