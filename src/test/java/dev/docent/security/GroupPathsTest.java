package dev.docent.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Groups are read as full paths; a bare name from a misconfigured mapper grants nothing. */
class GroupPathsTest {

    @Test
    void fullPathsAreKeptBareNamesAreIgnored() {
        assertEquals(
                Set.of("hr", "engineering/hr"), CurrentUser.groupPaths(List.of("/hr", "/engineering/hr", "hr", "/")));
    }
}
