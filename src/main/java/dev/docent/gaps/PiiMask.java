package dev.docent.gaps;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks personal data in question text shown in reports: e-mail addresses, phone numbers and long digit runs (account,
 * card, customer and ID numbers). Knowledge managers need the topic of a question, not who or which account it was
 * about. Years, dates and short numbers ("25 days", "2024") stay: they are usually the topic.
 */
public final class PiiMask {

    static final String EMAIL_MASK = "[email]";
    static final String PHONE_MASK = "[phone]";
    static final String NUMBER_MASK = "[number]";

    /** Fewer digits than this are never personal data here (years, counts, amounts). */
    static final int MIN_DIGITS = 6;
    /** E.164: a phone number has at most 15 digits; more is a card or account number. */
    static final int MAX_PHONE_DIGITS = 15;

    private static final Pattern EMAIL =
            Pattern.compile("[\\p{L}0-9._%+-]+@[\\p{L}0-9-]+(?:\\.[\\p{L}0-9-]+)*\\.\\p{L}{2,}");
    /** A run of digits, maybe grouped by spaces, dots, dashes, slashes or parentheses, maybe with +, 00 or IBAN letters. */
    private static final Pattern DIGITS =
            Pattern.compile("(?<![\\w+])(?:[A-Z]{2}(?=\\d))?(?:\\+|\\()?\\d(?:[\\d .\\-/()]*\\d)?");

    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}|\\d{1,2}[./]\\d{1,2}[./]\\d{2,4}");

    private PiiMask() {}

    /** The text with personal data replaced by placeholders; null stays null. */
    public static String mask(String text) {
        if (text == null) {
            return null;
        }
        String masked = EMAIL.matcher(text).replaceAll(EMAIL_MASK);
        return DIGITS.matcher(masked).replaceAll(match -> Matcher.quoteReplacement(digits(match.group())));
    }

    private static String digits(String run) {
        long digits = run.chars().filter(Character::isDigit).count();
        if (digits < MIN_DIGITS || DATE.matcher(run.strip()).matches()) {
            return run;
        }
        boolean grouped = run.chars().anyMatch(c -> " .-/()".indexOf(c) >= 0);
        boolean dialled = run.startsWith("+") || run.startsWith("(") || run.startsWith("00");
        return (dialled || grouped) && digits >= 7 && digits <= MAX_PHONE_DIGITS && !Character.isLetter(run.charAt(0))
                ? PHONE_MASK
                : NUMBER_MASK;
    }
}
