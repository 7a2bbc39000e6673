package dev.docent.sources;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** robots.txt as RFC 9309 reads it. */
class RobotsTxtTest {

    @Test
    void theLongestMatchWinsAndOurOwnGroupBeatsTheWildcard() {
        RobotsTxt robots = RobotsTxt.parse("""
                User-agent: *
                Disallow: /

                User-agent: DocentBot
                Disallow: /private/
                Allow: /private/open.html
                Disallow: /*.pdf$
                """, "DocentBot");
        assertTrue(robots.allows("/guide/start.html"));
        assertFalse(robots.allows("/private/secret.html"));
        assertTrue(robots.allows("/private/open.html"));
        assertFalse(robots.allows("/files/report.pdf"));
        assertTrue(robots.allows("/files/report.pdf?x=1"));
    }

    @Test
    void otherAgentsFollowTheWildcardGroup() {
        RobotsTxt robots = RobotsTxt.parse("User-agent: *\nDisallow: /tmp\n", "OtherBot");
        assertFalse(robots.allows("/tmp/a"));
        assertTrue(robots.allows("/docs"));
        assertFalse(RobotsTxt.disallowAll().allows("/"));
        assertTrue(RobotsTxt.allowAll().allows("/anything"));
    }
}
