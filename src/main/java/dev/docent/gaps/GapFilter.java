package dev.docent.gaps;

import dev.docent.system.InvalidInputException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * What the cluster list shows: clusters with at least one question in the period (counts cover the period only),
 * optionally only those with a cause, a collection or a status, sorted by {@code sort}.
 *
 * @param from first day (UTC), inclusive, or null
 * @param to last day (UTC), inclusive, or null
 */
public record GapFilter(
        String cause, String collection, String status, LocalDate from, LocalDate to, String sort, int limit) {

    public static final List<String> SORTS = List.of("impact", "count", "users", "lastSeen", "firstSeen");
    public static final int DEFAULT_LIMIT = 200;
    public static final int MAX_LIMIT = 1000;

    /** Validates raw query parameters; every mistake is a 400 that says what to send instead. */
    public static GapFilter of(
            String cause, String collection, String status, String from, String to, String sort, Integer limit) {
        cause = blank(cause);
        status = blank(status);
        sort = blank(sort);
        if (cause != null && !GapCause.ALL.contains(cause)) {
            throw invalid("cause", GapCause.ALL);
        }
        if (status != null && !GapStatus.ALL.contains(status)) {
            throw invalid("status", GapStatus.ALL);
        }
        if (sort != null && !SORTS.contains(sort)) {
            throw invalid("sort", SORTS);
        }
        if (limit != null && (limit < 1 || limit > MAX_LIMIT)) {
            throw new InvalidInputException(400, "'limit' must be between 1 and " + MAX_LIMIT + ".");
        }
        LocalDate fromDay = day("from", from);
        LocalDate toDay = day("to", to);
        if (fromDay != null && toDay != null && toDay.isBefore(fromDay)) {
            throw new InvalidInputException(400, "'to' (" + toDay + ") is before 'from' (" + fromDay + ").");
        }
        return new GapFilter(
                cause,
                blank(collection),
                status,
                fromDay,
                toDay,
                sort == null ? "impact" : sort,
                limit == null ? DEFAULT_LIMIT : limit);
    }

    /** Everything, by impact. */
    public static GapFilter all() {
        return new GapFilter(null, null, null, null, null, "impact", DEFAULT_LIMIT);
    }

    Instant fromInstant() {
        return from == null ? null : from.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    Instant toExclusive() {
        return to == null ? null : to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    private static LocalDate day(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            LocalDate day = LocalDate.parse(value.strip());
            if (day.getYear() < 1 || day.getYear() > 9999) {
                throw new DateTimeParseException("out of range", value, 0);
            }
            return day;
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(400, "'" + name + "' must be a date like 2025-03-31, not '" + value + "'.");
        }
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static InvalidInputException invalid(String name, List<String> allowed) {
        return new InvalidInputException(400, "'" + name + "' must be one of " + String.join(", ", allowed) + ".");
    }
}
