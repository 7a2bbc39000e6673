package dev.docent.safety;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rules that recognise text in a document written for the model that will read it rather than for a person: requests
 * addressed to "the assistant/AI/model", "ignore previous instructions", chat-template delimiters, invisible
 * characters. Documents about AI may mention models ("the model should converge"), so the rules look for a model
 * being addressed or told what to say, not for the words alone; false positives are measured on SQuAD and SciFact
 * chunks ({@code make redteam}).
 */
final class ChunkRules {

    private record Rule(SafetyCause cause, Pattern pattern) {}

    private static final String AI =
            "(ai assistant|ai model|ai system|ai|a\\.i\\.|assistant|chatbot|chat bot|language model|llm|gpt|chatgpt|copilot|bot)";

    private static final List<Rule> RULES = List.of(
            rule(
                    SafetyCause.INSTRUCTION_TO_MODEL,
                    "\\b(ignore|disregard|forget|override)\\b[^.?!\\n]{0,40}\\b(previous|prior|above|earlier|preceding"
                            + "|all|your|any|other|original|system)\\b[^.?!\\n]{0,20}\\b(instructions?|rules|prompts?"
                            + "|directions|guidelines|directives)\\b"),
            rule(
                    SafetyCause.INSTRUCTION_TO_MODEL,
                    "\\b(dear|attention|note to( the)?|hey|hello|hi|to( the)?) " + AI + "s?\\b\\s*[,:!]"),
            rule(
                    SafetyCause.INSTRUCTION_TO_MODEL,
                    "\\b(if you are|as an?|you are an?|you are now an?) (large )?" + AI + "\\b[^.\\n]{0,60}\\b(you"
                            + " must|must|should|need to|have to|are required to|are instructed to)\\b"),
            rule(
                    SafetyCause.INSTRUCTION_TO_MODEL,
                    "\\b(the |any |all )?" + AI + "s?\\b[^.\\n]{0,20}\\b(reading|processing|summari[sz]ing|answering)"
                            + " (this|these)\\b"),
            rule(
                    SafetyCause.INSTRUCTION_TO_MODEL,
                    "\\b(when|if|while|before) (the |an? )?" + AI
                            + " (answers|responds|replies|summari[sz]es|reads|is asked)\\b"),
            rule(
                    SafetyCause.INSTRUCTION_TO_MODEL,
                    "\\b(include|add|append|insert|mention|write|say|tell|recommend|output|print|put|end|start|begin"
                            + "|integrate|incorporate|modify|use|replace|format|conclude|provide|embed|translate"
                            + "|rewrite|structure|present|share|offer|suggest|highlight|emphasi[sz]e)\\b[^\\n]{0,90}?\\b(in"
                            + "|into|at the (end|start|beginning) of|to|with|for|throughout|within) your (answer|response"
                            + "|output|summary|reply|replies|responses|answers)\\b"),
            rule(
                    SafetyCause.INSTRUCTION_TO_MODEL,
                    "\\b(in|throughout|within|for) your (answer|response|output|summary|reply|responses|answers)\\b"
                            + "[^.\\n]{0,30}\\b(include|add|mention|use|write|replace|recommend|encourage|emphasi[sz]e)\\b"),
            rule(
                    SafetyCause.INSTRUCTION_TO_MODEL,
                    "(?m)(^|[.!?:]\\s+)(please\\s+)?(introduce|misspell|scramble|jumble|rearrange|anagram|convert"
                            + "|substitute|render|encode|spell|capitali[sz]e|reverse|respond|reply|answer|format|limit"
                            + "|make sure|ensure|always|never)\\b[^.!?\\n]{0,80}\\byour (reply|response|answer|message"
                            + "|output|responses|answers)('s)?\\b"),
            rule(
                    SafetyCause.INSTRUCTION_TO_MODEL,
                    "\\b(tell|instruct|direct|urge|inform) (the )?(user|reader)s? (to|that)\\b"),
            rule(
                    SafetyCause.INSTRUCTION_TO_MODEL,
                    "\\b(respond|answer|reply) (only |exclusively )?with\\b[^.\\n]{0,20}[\"'“]"),
            rule(
                    SafetyCause.INSTRUCTION_TO_MODEL,
                    "\\b(say|print|output|repeat) (exactly|only|the following|verbatim)\\b"),
            rule(
                    SafetyCause.INSTRUCTION_TO_MODEL,
                    "\\bnew (instructions?|rules|task)\\s*:|\\bsystem (prompt|override)\\s*:"),
            rule(
                    SafetyCause.PROMPT_DELIMITER,
                    "<\\|\\s*(im_start|im_end|system|user|assistant|endoftext|eot_id|start_header_id)\\s*\\|?>"
                            + "|\\[/?inst\\]|<</?sys>>"),
            rule(SafetyCause.PROMPT_DELIMITER, "(?m)^\\s*#{2,}\\s*(system|instructions?|assistant|human)\\s*:?\\s*$"),
            rule(SafetyCause.PROMPT_DELIMITER, "</?\\s*(system|assistant|passage|question|instructions?)\\s*>"),
            rule(SafetyCause.PROMPT_DELIMITER, "(?m)^\\s*(system|assistant)\\s*:\\s*(you|ignore|new|from now)\\b"),
            rule(
                    SafetyCause.PROMPT_DELIMITER,
                    "\\b(begin|end)( of)? (system|hidden) (prompt|message|instructions)\\b"));

    private ChunkRules() {}

    private static Rule rule(SafetyCause cause, String regex) {
        return new Rule(cause, Pattern.compile(regex));
    }

    /** The first rule {@code text} breaks, or empty. */
    static Optional<Finding> check(String text) {
        if (Disguise.hasTagCharacters(text)) {
            return Optional.of(new Finding(SafetyCause.DISGUISED_TEXT, "Unicode tag characters"));
        }
        int invisible = Disguise.invisibleCount(text);
        if (invisible >= 3) {
            return Optional.of(new Finding(SafetyCause.DISGUISED_TEXT, invisible + " invisible characters"));
        }
        String folded = Disguise.fold(text);
        for (Rule rule : RULES) {
            Matcher m = rule.pattern().matcher(folded);
            if (m.find()) {
                return Optional.of(new Finding(rule.cause(), sentenceAround(folded, m.start(), m.end())));
            }
        }
        return Optional.empty();
    }

    /**
     * The sentence the match sits in and the one after it (where the payload of "ignore the above." usually is): what
     * an admin reads, and what the answer guard looks for in answers.
     */
    static String sentenceAround(String text, int start, int end) {
        int from = start;
        while (from > 0 && !endsSentence(text, from - 1) && start - from < 150) {
            from--;
        }
        int to = end;
        for (int sentences = 0; sentences < 2 && to < text.length(); sentences++) {
            to++;
            while (to < text.length() && !endsSentence(text, to) && to - end < 250) {
                to++;
            }
        }
        return text.substring(from, Math.min(text.length(), to + 1)).strip();
    }

    /** A full stop ends a sentence when white space follows (the dot in "evil.example" does not). */
    private static boolean endsSentence(String text, int at) {
        char c = text.charAt(at);
        if (c == '\n') {
            return true;
        }
        return ".!?".indexOf(c) >= 0 && (at + 1 == text.length() || Character.isWhitespace(text.charAt(at + 1)));
    }
}
