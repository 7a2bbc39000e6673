package dev.docent.gaps;

import java.util.regex.Pattern;

/**
 * Masks personal data in question text shown in reports: e-mail addresses, phone numbers and long digit runs (account,
 * card, customer and ID numbers). Knowledge managers need the topic of a question, not who or which account it was
 * about. Years and short numbers ("25 days", "2024") stay: they are usually the topic.
 */
public final class PiiMask {

    static final String EMAIL_MASK = "[email]";
    static final String PHONE_MASK = "[phone]";
    static final String NUMBER_MASK = "[number]";

    private static final Pattern EMAIL =
            Pattern.compile("[\\p{L}0-9._%+-]+@[\\p{L}0-9-]+(?:\\.[\\p{L}0-9-]+)*\\.\\p{L}{2,}");
    /** A leading + or (, then digit groups separated by spaces, dots, dashes or parentheses: at least 7 digits. */
    private static final Pattern PHONE =
            Pattern.compile("(?<![\\w])(?:\\+|00)?\\(?\\d{1,4}\\)?(?:[ .\\-/]?\\(?\\d{2,4}\\)?){2,5}(?![\\w])");
    /** Six or more digits in a row, optionally grouped by spaces or dashes (IBAN-like and card numbers too). */
    private static final Pattern LONG_DIGITS = Pattern.compile("(?<![\\w])[A-Z]{0,2}\\d[\\d \\-]{4,}\\d(?![\\w])");

    private PiiMask() {}

    /** The text with personal data replaced by placeholders; null stays null. */
    public static String mask(String text) {
        if (text == null) {
            return null;
        }
        String masked = EMAIL.matcher(text).replaceAll(EMAIL_MASK);
        masked = replaceIfEnoughDigits(PHONE, masked, PHONE_MASK, 7);
        return replaceIfEnoughDigits(LONG_DIGITS, masked, NUMBER_MASK, 6);
    }

    private static String replaceIfEnoughDigits(Pattern pattern, String text, String mask, int minDigits) {
        return pattern.matcher(text).replaceAll(match -> {
            long digits = match.group().chars().filter(Character::isDigit).count();
            return digits >= minDigits ? mask : java.util.regex.Matcher.quoteReplacement(match.group());
        });
    }
}
