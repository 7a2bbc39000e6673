package dev.docent.ingestion.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every text file is indexed as text, whatever Tika sniffs its first lines as (an article, a news post or mail
 * headers, a script, a calendar); a {@code .eml} file is read as a mail.
 */
class TextFormatsTest {

    private static final DocumentParser PARSER = new DocumentParser(ParseLimits.defaults());

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "notes.txt|Article 5 of the charter gives every member one vote at the general meeting.",
                "article|Article 12: members pay their dues before the first of March each year.",
                "post.txt|Path: news.example.com\\nNewsgroups: comp.lang.java\\nSubject: Builds\\n\\nThe nightly build is green again.",
                "headers.txt|From: alice@example.com\\nTo: bob@example.com\\nSubject: Lunch\\n\\nShall we meet at noon on the terrace?",
                "table.csv|name,city,team\\nalice,Paris,search\\nbob,Rome,ingestion",
                "build.sh|#!/bin/sh\\n# Rebuilds the search index every night\\necho rebuilding the index",
                "tool.py|#!/usr/bin/env python3\\n# Counts the words in the handbook\\nprint('counting words')",
                "Main.java|package demo;\\n/** Starts the payroll export. */\\npublic class Main {}",
                "meeting.ics|BEGIN:VCALENDAR\\nVERSION:2.0\\nSUMMARY:Quarterly planning meeting\\nEND:VCALENDAR",
                "service.log|2026-12-03 12:00:01 INFO search index rebuilt in 42 seconds",
            })
    void textIsIndexedAsPlainTextWhateverItsFirstLinesLookLike(String name, String content) throws IOException {
        String text = content.replace("\\n", "\n");
        Path file = write(name, text);

        assertEquals(SupportedFormat.PLAIN_TEXT, PARSER.checkSupported(file, name), "accepted at upload");
        ParsedDocument doc = PARSER.parse(file, name);

        assertEquals("text/plain", doc.mediaType());
        String lastLine = text.lines().reduce((a, b) -> b).orElseThrow();
        assertTrue(allText(doc).contains(lastLine.strip()), () -> "found: " + allText(doc));
    }

    @Test
    void anEmlFileIsReadAsAMailWithItsSubjectAsTitle() throws IOException {
        Path eml = write("lunch.eml", """
                From: Alice Martin <alice@example.com>
                To: Bob Stone <bob@example.com>
                Subject: Quarterly planning lunch
                Date: Tue, 1 Dec 2026 10:15:00 +0000
                Message-ID: <1@example.com>
                MIME-Version: 1.0
                Content-Type: text/plain; charset=UTF-8

                The planning lunch moves to the terrace on Friday at noon.
                Bring the budget figures for the third quarter.
                """);

        assertEquals(SupportedFormat.EMAIL, PARSER.checkSupported(eml, "lunch.eml"));
        ParsedDocument doc = PARSER.parse(eml, "lunch.eml");

        assertEquals("Quarterly planning lunch", doc.title());
        assertEquals("message/rfc822", doc.mediaType());
        String text = allText(doc);
        assertTrue(text.contains("moves to the terrace on Friday"), text);
        assertTrue(text.contains("Alice Martin"), "the sender is searchable: " + text);
        assertFalse(text.contains("Message-ID"), "raw headers are not indexed as text: " + text);
    }

    @Test
    void aMultipartMailKeepsItsTextBodyAndSkipsAttachments() throws IOException {
        Path eml = write("report.eml", """
                From: carol@example.com
                To: team@example.com
                Subject: Incident report
                MIME-Version: 1.0
                Content-Type: multipart/mixed; boundary="XYZ"

                --XYZ
                Content-Type: text/plain; charset=UTF-8

                The database failover took four minutes on Monday night.
                --XYZ
                Content-Type: application/octet-stream
                Content-Disposition: attachment; filename="dump.bin"
                Content-Transfer-Encoding: base64

                AAECAwQFBgcICQ==
                --XYZ--
                """);

        ParsedDocument doc = PARSER.parse(eml, "report.eml");

        assertEquals("Incident report", doc.title());
        assertTrue(allText(doc).contains("failover took four minutes"), allText(doc));
    }

    @Test
    void aDocumentNamedByANumberIsTitledByItsFirstLine() throws IOException {
        Path numbered = write("5733.txt", "Photosynthesis in green plants\n\nPlants turn light into sugar.");
        assertEquals(
                "Photosynthesis in green plants",
                PARSER.parse(numbered, "5733.txt").title());

        String longLine = "The university library opens at eight in the morning on weekdays and at ten on weekends"
                + " and public holidays.";
        Path long_ = write("17.txt", longLine + "\n\nMore text.");
        String title = PARSER.parse(long_, "17.txt").title();
        assertTrue(title.startsWith("The university library opens") && title.endsWith("…"), title);
        assertTrue(title.length() <= DocumentTitle.FIRST_LINE_LENGTH + 1, title);

        Path named = write("handbook.txt", "Some first line\n\nMore.");
        assertEquals("handbook", PARSER.parse(named, "handbook.txt").title(), "a real name stays the title");
    }

    @Test
    void mailHeadersInATextFileNamedTxtStayPlainText() throws IOException {
        Path file = write("mail.txt", "From: a@example.com\nSubject: Note\n\nThe archive moved to the new server.");

        assertEquals(SupportedFormat.PLAIN_TEXT, PARSER.checkSupported(file, "mail.txt"));
    }

    @Test
    void xmlStaysRefusedAndBinaryStaysRefused() throws IOException {
        Path xml = write("orders.txt", "<?xml version=\"1.0\"?><orders><order id=\"1\"/></orders>");
        assertEquals(
                DocumentRejectedException.Reason.UNSUPPORTED_TYPE,
                assertThrows(DocumentRejectedException.class, () -> PARSER.checkSupported(xml, "orders.txt"))
                        .reason());
        Path exe = dir.resolve("tool.eml");
        Files.write(exe, new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0x3e, 0});
        assertThrows(DocumentRejectedException.class, () -> PARSER.checkSupported(exe, "tool.eml"));
    }

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    private static String allText(ParsedDocument doc) {
        return doc.blocks().stream().map(Block::text).collect(Collectors.joining("\n"));
    }
}
