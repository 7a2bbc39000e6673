package dev.docent.safety;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rules that recognise a question written to manipulate the model rather than to learn something from the documents.
 * They read the question folded by {@link Disguise}, so look-alike letters and invisible characters do not hide a
 * phrase. Each rule is narrow on purpose: its false positives are measured on SQuAD's questions ({@code make
 * redteam}).
 */
final class QuestionRules {

    private record Rule(SafetyCause cause, Pattern pattern) {}

    private static final String ANY = "[^.?!\\n]{0,40}";

    private static final List<Rule> RULES = List.of(
            rule(
                    SafetyCause.PROMPT_INJECTION,
                    "\\b(ignore|disregard|forget|override|bypass|skip|abandon|drop)\\b" + ANY
                            + "\\b(instructions?|rules|prompts?|directions|guidelines|directives|constraints"
                            + "|guardrails|programming|training)\\b"),
            rule(SafetyCause.PROMPT_INJECTION, "\\bnew (instructions?|rules|task)\\s*:"),
            rule(SafetyCause.PROMPT_INJECTION, "\\b(from now on|henceforth|for the rest of this conversation)\\b"),
            rule(
                    SafetyCause.PROMPT_INJECTION,
                    "<\\s*script\\b|javascript\\s*:|!\\[[^\\]]*\\]\\(\\s*https?:|\\bonerror\\s*="),
            rule(
                    SafetyCause.SYSTEM_PROMPT_REQUEST,
                    "\\b(system|initial|hidden|original|secret|starting|internal|developer|pre-?prompt|first)[\\s_-]*"
                            + "(prompt|instructions|message|configuration|directives)\\b"),
            rule(SafetyCause.SYSTEM_PROMPT_REQUEST, "\\bsystem_?prompt\\b|\\binitiali[sz]ation string\\b"),
            rule(
                    SafetyCause.SYSTEM_PROMPT_REQUEST,
                    "\\b(repeat|print|output|show|reveal|display|recite|echo|encode|translate|dump|leak|write out"
                            + "|spell out|tell me)\\b" + ANY + "\\b(your|the)\\b" + ANY
                            + "\\b(instructions|prompt|rules you|configuration|guidelines)\\b"),
            rule(
                    SafetyCause.SYSTEM_PROMPT_REQUEST,
                    "\\b(what|which)\\b[^.?!\\n]{0,20}\\b(were|are|was)\\b[^.?!\\n]{0,10}\\byou\\b[^.?!\\n]{0,10}"
                            + "\\b(told|instructed|programmed|given)\\b"),
            rule(
                    SafetyCause.SYSTEM_PROMPT_REQUEST,
                    "\\b(what are your|show me your|tell me your) (rules|instructions|directives)\\b"),
            rule(
                    SafetyCause.SYSTEM_PROMPT_REQUEST,
                    "\\b(repeat|output|print|copy)\\b" + ANY + "\\b(above|so far|word for word|verbatim|in full)\\b"),
            rule(
                    SafetyCause.SYSTEM_PROMPT_REQUEST,
                    "\\b(my instructions are|i was instructed to|not supposed to tell|the system prompt is"
                            + "|you were told)\\b"),
            rule(SafetyCause.JAILBREAK, "\\bdo anything now\\b|\\bjailbr(eak|eaking|oken)\\b|\\banti-?dan\\b"),
            rule(
                    SafetyCause.JAILBREAK,
                    "\\b(developer|maintenance|god|unrestricted|dan|dude|stan|evil|debug|sudo|admin) mode\\b"),
            rule(
                    SafetyCause.JAILBREAK,
                    "\\byou are (now |going to (be|act as|pretend to be) )?(dan|dude|stan|an? (unrestricted"
                            + "|unfiltered|uncensored|rogue))\\b"),
            rule(
                    SafetyCause.JAILBREAK,
                    "\\b(no|without|free of|free from|not bound by|break free of|freed from|liberated from|ignoring)"
                            + " (any |all |the )?(restrictions|limitations|limits|filters|censorship|rules|ethical"
                            + "|moral|boundaries|guidelines|content polic)"),
            rule(
                    SafetyCause.JAILBREAK,
                    "\\b(pretend|act|roleplay|role-play|imagine|simulate)\\b" + ANY
                            + "\\b(unrestricted|unfiltered|uncensored|no (rules|limits|restrictions|filters)|evil"
                            + "|amoral|without (rules|limits|restrictions|filters))\\b"),
            rule(SafetyCause.JAILBREAK, "\\bstay in character\\b|\\b(openai|anthropic)'?s? (content )?polic"),
            rule(
                    SafetyCause.JAILBREAK,
                    "\\b(bypass|evade|disable|circumvent|get around|defeat|switch off|turn off)\\b[^.?!\\n]{0,30}"
                            + "\\b(safety|filter|filtering|guardrails?|content polic|policy enforcement"
                            + "|restrictions|moderation|safeguards)"),
            rule(
                    SafetyCause.ENCODED_PAYLOAD,
                    "\\b(decode|base64|rot-?13|hex-?encoded|encoded)\\b" + ANY
                            + "\\b(follow|execute|run|obey|instructions|do what|and (then )?(answer|respond|do))\\b"));

    private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/]{24,}={0,2}");
    private static final Pattern HEX = Pattern.compile("\\b(?:[0-9a-fA-F]{2}[\\s:]?){16,}\\b");

    private QuestionRules() {}

    private static Rule rule(SafetyCause cause, String regex) {
        return new Rule(cause, Pattern.compile(regex));
    }

    /** The first rule {@code question} breaks, or empty. */
    static Optional<Finding> check(String question) {
        if (Disguise.hasTagCharacters(question) || Disguise.invisibleCount(question) >= 2) {
            return Optional.of(new Finding(SafetyCause.DISGUISED_TEXT, "invisible characters"));
        }
        String mixed = Disguise.mixedScriptWord(question);
        if (mixed != null) {
            return Optional.of(new Finding(SafetyCause.DISGUISED_TEXT, "look-alike letters in \"" + mixed + "\""));
        }
        String folded = Disguise.fold(question);
        for (Rule rule : RULES) {
            Matcher m = rule.pattern().matcher(folded);
            if (m.find()) {
                return Optional.of(new Finding(rule.cause(), m.group()));
            }
        }
        return encoded(question);
    }

    /** A base64 or hex blob that decodes to readable text: a message hidden from the rules above. */
    static Optional<Finding> encoded(String text) {
        Matcher b = BASE64.matcher(text);
        while (b.find()) {
            String blob = b.group();
            if (blob.chars().anyMatch(Character::isDigit)
                    || blob.chars().anyMatch(c -> c == '+' || c == '/')
                    || !blob.chars().allMatch(Character::isLowerCase)) {
                try {
                    String padded =
                            blob.length() % 4 == 0 ? blob : blob.substring(0, blob.length() - blob.length() % 4);
                    if (readable(Base64.getDecoder().decode(padded))) {
                        return Optional.of(new Finding(SafetyCause.ENCODED_PAYLOAD, "base64: " + blob));
                    }
                } catch (IllegalArgumentException notBase64) {
                    // a long word of letters and digits, not a blob
                }
            }
        }
        Matcher h = HEX.matcher(text);
        while (h.find()) {
            String hex = h.group().replaceAll("[\\s:]", "");
            if (hex.length() % 2 == 0 && readable(HexFormat.of().parseHex(hex))) {
                return Optional.of(new Finding(SafetyCause.ENCODED_PAYLOAD, "hex: " + h.group()));
            }
        }
        return Optional.empty();
    }

    /** Mostly printable ASCII with some spaces: words, not random bytes. */
    private static boolean readable(byte[] bytes) {
        if (bytes.length < 12) {
            return false;
        }
        String s = new String(bytes, StandardCharsets.ISO_8859_1);
        long printable = s.chars().filter(c -> c >= 0x20 && c < 0x7F).count();
        long spaces = s.chars().filter(c -> c == ' ').count();
        return printable >= 0.95 * s.length() && spaces >= 1;
    }
}
