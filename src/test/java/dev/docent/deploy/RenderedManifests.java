package dev.docent.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What {@code kubectl kustomize} makes of a folder of deploy/k8s, as the API server would receive it. kubectl (with
 * its built-in Kustomize 5) is on the project's machines; a missing one fails the test with the command to install
 * it, since without rendering nothing could be checked.
 */
record RenderedManifests(String name, List<JsonNode> objects) {

    static final Path ROOT = Path.of("deploy", "k8s");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** Every overlay under deploy/k8s/overlays, by folder name. */
    static List<String> overlays() {
        try (Stream<Path> dirs = Files.list(ROOT.resolve("overlays"))) {
            return dirs.filter(Files::isDirectory)
                    .map(p -> p.getFileName().toString())
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final Map<String, RenderedManifests> OVERLAYS = new ConcurrentHashMap<>();

    /** An overlay rendered once per test run (callers that change an object change a deep copy). */
    static RenderedManifests overlay(String overlay) {
        return OVERLAYS.computeIfAbsent(
                overlay, o -> render(ROOT.resolve("overlays").resolve(o)));
    }

    /** Renders a kustomization folder; fails with kubectl's own message when Kustomize refuses it. */
    static RenderedManifests render(Path folder) {
        String yaml = kubectl("kustomize", folder.toString());
        return new RenderedManifests(folder.toString(), parse(yaml));
    }

    static List<JsonNode> parse(String yaml) {
        List<JsonNode> out = new ArrayList<>();
        try (var parser = YAML.createParser(yaml)) {
            var it = YAML.readValues(parser, JsonNode.class);
            while (it.hasNext()) {
                JsonNode node = it.next();
                if (node != null && !node.isNull() && !node.isEmpty()) {
                    out.add(node);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    static String kubectl(String... args) {
        List<String> command = new ArrayList<>(List.of("kubectl"));
        command.addAll(List.of(args));
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(false).start();
        } catch (IOException e) {
            throw new AssertionError(
                    "kubectl (1.27+, with its built-in Kustomize 5) is needed to render deploy/k8s: install it"
                            + " from the Kubernetes package repository (Debian 12's kubernetes-client 1.20 is too"
                            + " old) and put it on PATH",
                    e);
        }
        try {
            byte[] out = process.getInputStream().readAllBytes();
            String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("kubectl " + String.join(" ", args) + " did not finish in 60 s");
            }
            if (process.exitValue() != 0) {
                throw new AssertionError("kubectl " + String.join(" ", args) + " failed: " + err);
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    List<JsonNode> ofKind(String kind) {
        return objects.stream()
                .filter(o -> kind.equals(o.path("kind").asText()))
                .toList();
    }

    Optional<JsonNode> find(String kind, String name) {
        return ofKind(kind).stream()
                .filter(o -> name.equals(o.path("metadata").path("name").asText()))
                .findFirst();
    }

    JsonNode get(String kind, String name) {
        return find(kind, name).orElseThrow(() -> new AssertionError(this.name + " renders no " + kind + " " + name));
    }
}
