package dev.docent.sources;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The rules of a robots.txt for one user agent (RFC 9309): the group naming the agent, else the {@code *} group; the
 * longest matching Allow or Disallow wins, Allow on a tie; {@code *} and {@code $} as wildcards.
 */
final class RobotsTxt {

    private record Rule(boolean allow, String path, Pattern pattern) {}

    private final List<Rule> rules;

    private RobotsTxt(List<Rule> rules) {
        this.rules = rules;
    }

    /** No robots.txt (404): everything may be crawled. */
    static RobotsTxt allowAll() {
        return new RobotsTxt(List.of());
    }

    /** An unreachable robots.txt (5xx): RFC 9309 says to assume nothing may be crawled. */
    static RobotsTxt disallowAll() {
        return new RobotsTxt(List.of(new Rule(false, "/", compile("/"))));
    }

    static RobotsTxt parse(String text, String userAgent) {
        String agent = userAgent.toLowerCase(Locale.ROOT);
        List<Rule> mine = new ArrayList<>();
        List<Rule> anyone = new ArrayList<>();
        boolean inMine = false;
        boolean inAnyone = false;
        boolean groupHasRules = false;
        boolean foundMine = false;
        for (String raw : text.split("\\r?\\n|\\r")) {
            String line = raw.replaceFirst("#.*", "").strip();
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String field = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).strip();
            if (field.equals("user-agent")) {
                if (groupHasRules) {
                    inMine = false;
                    inAnyone = false;
                    groupHasRules = false;
                }
                String named = value.toLowerCase(Locale.ROOT);
                if (named.equals("*")) {
                    inAnyone = true;
                } else if (!named.isEmpty() && agent.startsWith(named.split("/")[0])) {
                    inMine = true;
                    foundMine = true;
                }
            } else if (field.equals("allow") || field.equals("disallow")) {
                groupHasRules = true;
                if (value.isEmpty()) {
                    continue; // "Disallow:" allows everything
                }
                Rule rule = new Rule(field.equals("allow"), value, compile(value));
                if (inMine) {
                    mine.add(rule);
                }
                if (inAnyone) {
                    anyone.add(rule);
                }
            }
        }
        return new RobotsTxt(foundMine ? mine : anyone);
    }

    /** Whether a path (with its query) may be fetched. */
    boolean allows(String pathAndQuery) {
        String path = pathAndQuery == null || pathAndQuery.isEmpty() ? "/" : pathAndQuery;
        Rule best = null;
        for (Rule rule : rules) {
            if (rule.pattern().matcher(path).lookingAt()
                    && (best == null
                            || rule.path().length() > best.path().length()
                            || (rule.path().length() == best.path().length() && rule.allow()))) {
                best = rule;
            }
        }
        return best == null || best.allow();
    }

    private static Pattern compile(String path) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '*') {
                regex.append(".*");
            } else if (c == '$' && i == path.length() - 1) {
                regex.append("$");
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString());
    }
}
