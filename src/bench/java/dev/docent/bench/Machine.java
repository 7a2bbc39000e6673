package dev.docent.bench;

import dev.docent.system.Jdbc;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What a benchmark ran on: cores, memory, load, JDK, PostgreSQL and pgvector, so figures carry their machine. */
final class Machine {

    private Machine() {}

    static Map<String, Object> describe(Jdbc jdbc) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("date", OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS).toString());
        m.put("cores", Runtime.getRuntime().availableProcessors());
        m.put("cpu", cpuModel());
        m.put("memoryGiB", memoryGiB());
        m.put("loadAverage", loadAverage());
        m.put(
                "jdk",
                System.getProperty("java.vm.vendor") + " " + System.getProperty("java.vm.name") + " "
                        + System.getProperty("java.runtime.version"));
        m.put("maxHeapMiB", Runtime.getRuntime().maxMemory() >> 20);
        m.put(
                "os",
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"));
        if (jdbc != null) {
            m.put(
                    "postgresql",
                    jdbc.one("SHOW server_version", r -> r.getString(1)).orElse("?"));
            m.put(
                    "pgvector",
                    jdbc.one("SELECT extversion FROM pg_extension WHERE extname = 'vector'", r -> r.getString(1))
                            .orElse("?"));
            for (String setting : List.of("shared_buffers", "work_mem", "maintenance_work_mem")) {
                m.put(setting, jdbc.one("SHOW " + setting, r -> r.getString(1)).orElse("?"));
            }
        }
        return m;
    }

    /** The 1, 5 and 15 minute load averages, e.g. "1.20 1.80 2.40". */
    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).strip().split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /** Resident set size of this JVM (which hosts Docent in the benchmarks), in MiB. */
    static long rssMiB() {
        return statusKiB("VmRSS:") >> 10;
    }

    private static long statusKiB(String field) {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .filter(l -> l.startsWith(field))
                    .map(l -> Long.parseLong(l.replaceAll("\\D+", "")))
                    .findFirst()
                    .orElse(-1L);
        } catch (IOException e) {
            return -1;
        }
    }

    private static long memoryGiB() {
        try {
            return Files.readAllLines(Path.of("/proc/meminfo")).stream()
                            .filter(l -> l.startsWith("MemTotal:"))
                            .map(l -> Long.parseLong(l.replaceAll("\\D+", "")))
                            .findFirst()
                            .orElse(0L)
                    >> 20;
        } catch (IOException e) {
            return -1;
        }
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).strip())
                    .findFirst()
                    .orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** One Markdown line for a report's header. */
    static String markdown(Map<String, Object> m) {
        return "%s cores (%s), %s GiB RAM, load average %s; %s; PostgreSQL %s + pgvector %s (shared_buffers %s,"
                        .formatted(
                                m.get("cores"),
                                m.get("cpu"),
                                m.get("memoryGiB"),
                                m.get("loadAverage"),
                                m.get("jdk"),
                                m.get("postgresql"),
                                m.get("pgvector"),
                                m.get("shared_buffers"))
                + " maintenance_work_mem %s); %s".formatted(m.get("maintenance_work_mem"), m.get("date"));
    }
}
