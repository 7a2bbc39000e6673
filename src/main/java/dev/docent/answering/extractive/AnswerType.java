package dev.docent.answering.extractive;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What kind of answer a question asks for, read from its wording ("how many" wants a number, "when" a date, "who" a
 * name), and whether a sentence offers one that the question does not already contain. English wording only; any
 * other question is {@link #OTHER}, which every sentence matches.
 */
public enum AnswerType {
    NUMBER,
    DATE,
    NAME,
    PLACE,
    OTHER;

    private static final Pattern NUMBER_QUESTION =
            Pattern.compile("\\b(how (many|much|long|old|far|big|large|high|tall|often|fast|deep|wide|heavy)"
                    + "|what (percentage|percent|proportion|number|amount|fraction|share)|how many)\\b");
    private static final Pattern DATE_QUESTION =
            Pattern.compile("\\b(when|what (year|date|day|month|century|decade|time|era|period)"
                    + "|which (year|date|day|month|century|decade)|in what year|since when)\\b");
    private static final Pattern NAME_QUESTION = Pattern.compile(
            "\\b(who|whom|whose|which (person|people|company|organi[sz]ation|team|group|king|author))\\b");
    private static final Pattern PLACE_QUESTION = Pattern.compile(
            "\\b(where|what (country|city|place|town|state|region|continent)|which (country|city|place))\\b");

    private static final Pattern DIGITS = Pattern.compile("\\d[\\d,.]*");
    private static final Set<String> NUMBER_WORDS = Set.of(
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
            "twenty",
            "thirty",
            "forty",
            "fifty",
            "sixty",
            "seventy",
            "eighty",
            "ninety",
            "hundred",
            "hundreds",
            "thousand",
            "thousands",
            "million",
            "millions",
            "billion",
            "billions",
            "dozen",
            "dozens",
            "half",
            "twice",
            "single",
            "double",
            "triple",
            "several",
            "none",
            "zero",
            "percent");
    private static final Pattern YEAR = Pattern.compile("\\b(1\\d{3}|20\\d{2})s?\\b");
    private static final Pattern DATE_WORD = Pattern.compile("\\b(january|february|march|april|june|july|august"
            + "|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|monday|tuesday"
            + "|wednesday|thursday|friday|saturday|sunday|century|centuries|decade|decades|bc|bce|today|yesterday"
            + "|tomorrow|daily|weekly|monthly|annually|yearly|spring|summer|autumn|winter|ago|\\d+(st|nd|rd|th))\\b");
    private static final Pattern ISO_DATE = Pattern.compile("\\b\\d{1,4}[-/.]\\d{1,2}[-/.]\\d{1,4}\\b");
    /** A capitalized word that does not start the sentence: a proper name, most of the time. */
    private static final Pattern PROPER = Pattern.compile("(?<=[\\p{L}\\p{N},;:)]\\s{1,3})\\p{Lu}[\\p{L}'’-]+");

    /**
     * The type {@code question} asks for. A follow-up searched with the question before it ("How many vouchers ...?
     * and when do they expire?") asks what its last wording asks: the latest clue wins.
     */
    public static AnswerType of(String question) {
        String q = question == null ? "" : question.toLowerCase(Locale.ROOT);
        AnswerType found = OTHER;
        int at = -1;
        for (AnswerType type : List.of(NUMBER, DATE, NAME, PLACE)) {
            Matcher m = type.question().matcher(q);
            while (m.find()) {
                if (m.start() > at) {
                    at = m.start();
                    found = type;
                }
            }
        }
        return found;
    }

    private Pattern question() {
        return switch (this) {
            case NUMBER -> NUMBER_QUESTION;
            case DATE -> DATE_QUESTION;
            case NAME -> NAME_QUESTION;
            case PLACE -> PLACE_QUESTION;
            case OTHER -> throw new IllegalStateException("no wording asks for any answer");
        };
    }

    /**
     * Whether {@code sentence} holds an answer of this type that is not already part of {@code question} (a sentence
     * that only repeats the question's own year does not say when).
     */
    public boolean foundIn(String sentence, String question) {
        String s = sentence == null ? "" : sentence;
        Set<String> asked = new HashSet<>(
                Arrays.asList((question == null ? "" : question.toLowerCase(Locale.ROOT)).split("[^\\p{L}\\p{N}]+")));
        String lower = s.toLowerCase(Locale.ROOT);
        return switch (this) {
            case OTHER -> true;
            case NUMBER -> anyNew(DIGITS.matcher(s), asked) || wordsNew(lower, NUMBER_WORDS, asked);
            case DATE ->
                anyNew(YEAR.matcher(s), asked)
                        || anyNew(DATE_WORD.matcher(lower), asked)
                        || anyNew(ISO_DATE.matcher(s), asked);
            case NAME, PLACE -> anyNew(PROPER.matcher(s), asked);
        };
    }

    private static boolean anyNew(Matcher m, Set<String> asked) {
        while (m.find()) {
            String found = m.group()
                    .toLowerCase(Locale.ROOT)
                    .replaceAll("[,.’']+$", "")
                    .replaceAll("[’'].*$", "");
            if (!found.isEmpty() && !asked.contains(found)) {
                return true;
            }
        }
        return false;
    }

    private static boolean wordsNew(String lower, Set<String> words, Set<String> asked) {
        for (String w : lower.split("[^\\p{L}]+")) {
            if (words.contains(w) && !asked.contains(w)) {
                return true;
            }
        }
        return false;
    }
}
