package dev.docent.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.docent.security.SessionSecrets;
import io.fabric8.kubernetes.api.model.Quantity;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every overlay of deploy/k8s renders offline ({@code kubectl kustomize}) into objects the API would accept: built-in
 * kinds checked field by field against fabric8's Kubernetes model, the operators' custom resources against a written
 * subset of their schemas; and the wiring a user would notice holds (probes on Docent's health paths, settings that
 * Docent reads, selectors that select, references that resolve, secrets Docent refuses until replaced).
 */
class KubernetesManifestsTest {

    /** The health endpoints Docent serves on its HTTP port (quarkus-smallrye-health; no management interface). */
    static final Set<String> HEALTH_PATHS = Set.of("/q/health/live", "/q/health/ready", "/q/health/started");

    /**
     * Environment variables the pods set that are not Docent settings of the README's table: DJL's cache folder (the
     * root file system is read-only).
     */
    static final Set<String> OTHER_ENV = Set.of("DJL_CACHE_DIR");

    static final CustomResourceSchemas CUSTOM = CustomResourceSchemas.load();

    static List<String> overlays() {
        List<String> overlays = RenderedManifests.overlays();
        assertEquals(List.of("large", "small"), overlays, "the overlays the README and docs/scaling.md describe");
        return overlays;
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyObjectIsValidAgainstTheKubernetesApiOrItsOperatorsSchema(String overlay) {
        RenderedManifests rendered = RenderedManifests.overlay(overlay);
        assertTrue(
                rendered.objects().size() >= 15,
                () -> overlay + " renders " + rendered.objects().size());
        assertEquals(List.of(), problems(rendered), overlay);
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void probesAskDocentsHealthEndpointsOnItsHttpPort(String overlay) {
        JsonNode container = docentContainer(RenderedManifests.overlay(overlay));
        Set<String> ports = new TreeSet<>();
        container.path("ports").forEach(p -> ports.add(p.path("name").asText()));
        for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
            JsonNode get = container.path(probe).path("httpGet");
            assertTrue(HEALTH_PATHS.contains(get.path("path").asText()), probe + " asks " + get.path("path"));
            assertTrue(ports.contains(get.path("port").asText()), probe + " port " + get.path("port") + " in " + ports);
        }
        assertEquals(
                "/q/health/started", container.at("/startupProbe/httpGet/path").asText());
        assertEquals(
                "/q/health/live", container.at("/livenessProbe/httpGet/path").asText());
        assertEquals(
                "/q/health/ready", container.at("/readinessProbe/httpGet/path").asText());
        assertEquals(8080, container.at("/ports/0/containerPort").asInt(), "Docent's DOCENT_HTTP_PORT default");
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everySettingThePodsSetIsOneDocentReads(String overlay) throws IOException {
        RenderedManifests rendered = RenderedManifests.overlay(overlay);
        Set<String> known = documentedSettings();
        Set<String> unknown = new TreeSet<>();
        for (String name : environmentOf(rendered, docentContainer(rendered)).keySet()) {
            if (!known.contains(name) && !OTHER_ENV.contains(name)) {
                unknown.add(name);
            }
        }
        assertEquals(Set.of(), unknown, "set by deploy/k8s but not in README's configuration table");
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void referencesResolve(String overlay) {
        RenderedManifests r = RenderedManifests.overlay(overlay);
        JsonNode deployment = r.get("Deployment", "docent");
        JsonNode podLabels = deployment.at("/spec/template/metadata/labels");
        assertTrue(matches(deployment.at("/spec/selector/matchLabels"), podLabels), "Deployment selects its pods");
        assertTrue(matches(r.get("Service", "docent").at("/spec/selector"), podLabels), "Service selects Docent");
        assertTrue(
                matches(r.get("PodDisruptionBudget", "docent").at("/spec/selector/matchLabels"), podLabels),
                "PodDisruptionBudget covers Docent's pods");
        JsonNode vllm = r.get("Deployment", "vllm");
        assertTrue(matches(r.get("Service", "vllm").at("/spec/selector"), vllm.at("/spec/template/metadata/labels")));

        JsonNode target = r.get("HorizontalPodAutoscaler", "docent").at("/spec/scaleTargetRef");
        assertEquals("Deployment", target.path("kind").asText());
        r.get("Deployment", target.path("name").asText());
        assertTrue(
                docentContainer(r).at("/resources/requests/cpu").isTextual(),
                "CPU utilisation is a share of the CPU request: the HPA needs one");
        assertTrue(deployment.at("/spec/replicas").isMissingNode(), "the HPA owns the replica count");

        JsonNode backend = r.get("Ingress", "docent").at("/spec/rules/0/http/paths/0/backend/service");
        JsonNode service = r.get("Service", backend.path("name").asText());
        assertEquals(
                backend.at("/port/name").asText(),
                service.at("/spec/ports/0/name").asText());
        assertEquals("http", service.at("/spec/ports/0/targetPort").asText());

        // ConfigMaps and Secrets the pods read exist, or are written by an operator from a resource rendered here.
        Map<String, String> env = environmentOf(r, docentContainer(r));
        assertTrue(env.containsKey("DOCENT_OIDC_CLIENT_SECRET") && env.containsKey("DOCENT_DB_PASSWORD"));
        for (JsonNode secretRef : deployment.findValues("secretName")) {
            secretExists(r, secretRef.asText());
        }
        for (JsonNode ref : deployment.findValues("secretKeyRef")) {
            secretExists(r, ref.path("name").asText());
        }
        JsonNode keycloak = r.get("Keycloak", "keycloak");
        secretExists(r, keycloak.at("/spec/db/usernameSecret/name").asText());
        assertEquals(keycloak.at("/spec/db/host").asText(), "keycloak-db-rw", "Keycloak's database is the Cluster");
        r.get("Cluster", "keycloak-db");
        JsonNode placeholder =
                r.get("KeycloakRealmImport", "docent-realm").at("/spec/placeholders/DOCENT_OIDC_CLIENT_SECRET/secret");
        assertTrue(secretData(r, placeholder.path("name").asText())
                .containsKey(placeholder.path("key").asText()));
        assertEquals(
                "keycloak",
                r.get("KeycloakRealmImport", "docent-realm")
                        .at("/spec/keycloakCRName")
                        .asText());
        r.get(
                "PersistentVolumeClaim",
                vllm.at("/spec/template/spec/volumes/0/persistentVolumeClaim/claimName")
                        .asText());
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void docentReachesThePrimaryTheReplicasKeycloakAndVllmByTheirServices(String overlay) {
        RenderedManifests r = RenderedManifests.overlay(overlay);
        Map<String, String> env = environmentOf(r, docentContainer(r));
        JsonNode cluster = r.get("Cluster", "docent-db");
        assertEquals(3, cluster.at("/spec/instances").asInt(), "a primary and two replicas");
        String name = cluster.at("/metadata/name").asText();
        String database = cluster.at("/spec/bootstrap/initdb/database").asText();
        URI primary = jdbc(env.get("DOCENT_DB_URL"));
        URI replicas = jdbc(env.get("DOCENT_DB_READ_URL"));
        assertEquals(name + "-rw", primary.getHost(), "writes go to CloudNativePG's read-write Service");
        assertEquals(name + "-ro", replicas.getHost(), "reads go to the replicas' read-only Service");
        for (URI uri : List.of(primary, replicas)) {
            assertEquals("/" + database, uri.getPath());
            assertTrue(uri.getQuery().contains("sslmode=verify-full"), uri.toString());
            assertTrue(uri.getQuery().contains("sslrootcert=/etc/docent/db-ca/ca.crt"), "the mounted CA");
        }
        assertEquals(
                List.of("CREATE EXTENSION IF NOT EXISTS vector"),
                List.of(cluster.at("/spec/bootstrap/initdb/postInitApplicationSQL/0")
                        .asText()),
                "pgvector is created by the superuser before Flyway runs");
        assertTrue(cluster.at("/spec/imageName").asText().contains("-standard-"), "the image flavour with pgvector");

        URI issuer = URI.create(env.get("DOCENT_OIDC_URL"));
        URI keycloak = URI.create(
                r.get("Keycloak", "keycloak").at("/spec/hostname/hostname").asText());
        assertEquals(keycloak.getHost(), issuer.getHost(), "Docent expects the issuer Keycloak puts in tokens");
        String realm = r.get("KeycloakRealmImport", "docent-realm")
                .at("/spec/realm/realm")
                .asText();
        assertEquals("/realms/" + realm, issuer.getPath());

        URI model = URI.create(env.get("DOCENT_LLM_LOCAL_BASE_URL"));
        assertEquals("vllm", model.getHost());
        assertEquals(r.get("Service", "vllm").at("/spec/ports/0/port").asInt(), model.getPort());
        JsonNode vllm = r.get("Deployment", "vllm").at("/spec/template/spec/containers/0");
        assertEquals("1", vllm.at("/resources/limits/nvidia.com~1gpu").asText(), "one GPU per model server");
        assertTrue(vllm.path("args").toString().contains(env.get("DOCENT_LLM_LOCAL_MODEL")), "serves the model asked");
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void aPodStoppingHandsItsIngestionJobsBackBeforeItIsKilled(String overlay) {
        RenderedManifests r = RenderedManifests.overlay(overlay);
        JsonNode pod = r.get("Deployment", "docent").at("/spec/template/spec");
        JsonNode container = docentContainer(r);
        Map<String, String> env = environmentOf(r, container);
        long preStop =
                Long.parseLong(container.at("/lifecycle/preStop/exec/command/1").asText());
        Duration shutdown =
                Duration.parse("PT" + env.get("DOCENT_SHUTDOWN_TIMEOUT").toUpperCase());
        // IngestionWorkers.stop interrupts each worker and waits up to 5 s for it to give its job back.
        long workers = Long.parseLong(env.getOrDefault("DOCENT_INGESTION_WORKERS", "2")) * 5;
        long grace = pod.path("terminationGracePeriodSeconds").asLong();
        assertTrue(
                grace >= preStop + shutdown.toSeconds() + workers,
                "grace " + grace + " s < preStop " + preStop + " + shutdown " + shutdown + " + workers " + workers);
        assertTrue(container.at("/securityContext/readOnlyRootFilesystem").asBoolean());
        assertTrue(pod.at("/securityContext/runAsNonRoot").asBoolean());
        assertEquals("/tmp", container.at("/volumeMounts/0/mountPath").asText(), "the one writable folder");
        assertTrue(env.get("DJL_CACHE_DIR").startsWith("/tmp/"));
    }

    @Test
    void theExampleSecretsAreOnesDocentRefusesToStartWith() {
        Map<String, String> secrets = secretData(RenderedManifests.overlay("small"), "docent-secrets");
        List<String> problems = SessionSecrets.problems(
                secrets.get("DOCENT_OIDC_CLIENT_SECRET"), secrets.get("DOCENT_SESSION_SECRET"), false);
        assertEquals(3, problems.size(), "both placeholders refused, so an unedited apply never runs: " + problems);
    }

    @Test
    void theLargeOverlayIsLargerWhereItCounts() {
        RenderedManifests small = RenderedManifests.overlay("small");
        RenderedManifests large = RenderedManifests.overlay("large");
        JsonNode smallHpa = small.get("HorizontalPodAutoscaler", "docent").path("spec");
        JsonNode largeHpa = large.get("HorizontalPodAutoscaler", "docent").path("spec");
        assertTrue(largeHpa.path("minReplicas").asInt()
                > smallHpa.path("minReplicas").asInt());
        assertTrue(largeHpa.path("maxReplicas").asInt()
                > smallHpa.path("maxReplicas").asInt());
        assertTrue(smallHpa.path("minReplicas").asInt() >= 2, "a node drain never takes the only pod");
        assertEquals(1, smallHpa.path("metrics").size(), "small scales on CPU only (no metrics adapter needed)");
        assertEquals("External", largeHpa.at("/metrics/1/type").asText(), "large also on the ingestion backlog");
        assertTrue(bytes(large, "/spec/resources/limits/memory") > bytes(small, "/spec/resources/limits/memory"));
        assertTrue(bytes(large, "/spec/storage/size") > bytes(small, "/spec/storage/size"));
        for (RenderedManifests r : List.of(small, large)) {
            JsonNode pg = r.get("Cluster", "docent-db").path("spec");
            long sharedBuffers = Quantity.getAmountInBytes(new Quantity(pg.at("/postgresql/parameters/shared_buffers")
                            .asText()
                            .replace("GB", "Gi")
                            .replace("MB", "Mi")))
                    .longValue();
            assertTrue(sharedBuffers * 2 < bytes(r, "/spec/resources/limits/memory"), "shared_buffers within memory");
            long pool = Long.parseLong(environmentOf(r, docentContainer(r)).get("DOCENT_DB_POOL_SIZE"));
            long maxPods = r.get("HorizontalPodAutoscaler", "docent")
                    .at("/spec/maxReplicas")
                    .asLong();
            assertTrue(
                    pool * maxPods
                            < pg.at("/postgresql/parameters/max_connections").asLong(),
                    "every pod's pool fits max_connections at the HPA's maximum");
        }
    }

    @Test
    void theRealmImportIsTheDemoRealmWithoutItsDemoParts() throws IOException {
        JsonNode demo = new ObjectMapper()
                .readTree(Path.of("keycloak", "docent-realm.json").toFile());
        JsonNode realm = RenderedManifests.overlay("small")
                .get("KeycloakRealmImport", "docent-realm")
                .at("/spec/realm");
        Set<String> replaced = Set.of("users", "groups", "clients", "sslRequired");
        demo.fieldNames().forEachRemaining(field -> {
            if (!replaced.contains(field)) {
                assertEquals(
                        demo.get(field), realm.get(field), "realm field " + field + ": run deploy/k8s/realm-import.py");
            }
        });
        assertTrue(realm.path("users").isMissingNode(), "no demo users with published passwords");
        assertEquals(1, realm.path("clients").size(), "the browser client only (no password-grant CLI client)");
        JsonNode client = realm.at("/clients/0");
        JsonNode demoClient = demo.at("/clients/0");
        assertEquals(demoClient.path("clientId"), client.path("clientId"));
        assertEquals(demoClient.path("protocolMappers"), client.path("protocolMappers"), "same token claims");
        assertEquals("${DOCENT_OIDC_CLIENT_SECRET}", client.path("secret").asText());
        assertFalse(client.toString().contains("localhost"), client.toString());
        assertEquals("S256", client.at("/attributes/pkce.code.challenge.method").asText());
    }

    @Test
    void aTypoInABuiltInFieldFails() {
        List<JsonNode> objects = RenderedManifests.overlay("small").objects();
        ObjectNode deployment = (ObjectNode) copyOf(objects, "Deployment", "docent");
        ObjectNode probe = (ObjectNode) deployment.at("/spec/template/spec/containers/0/readinessProbe");
        probe.set("periodSecond", probe.remove("periodSeconds"));
        List<String> problems = problems("typo", List.of(deployment));
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.getFirst().contains("readinessProbe")
                && problems.getFirst().contains("periodSecond"));

        ObjectNode service = (ObjectNode) copyOf(objects, "Service", "docent");
        ((ObjectNode) service.at("/spec/ports/0")).put("port", "8080");
        assertTrue(problems("quoted port", List.of(service)).getFirst().contains("not a valid Service"));

        ObjectNode hpa = (ObjectNode) copyOf(objects, "HorizontalPodAutoscaler", "docent");
        ((ObjectNode) hpa.path("spec")).put("minReplica", 2);
        assertTrue(problems("hpa", List.of(hpa)).getFirst().contains("minReplica"));
    }

    @Test
    void aTypoInAnOperatorsResourceFails() {
        List<JsonNode> objects = RenderedManifests.overlay("small").objects();
        ObjectNode cluster = (ObjectNode) copyOf(objects, "Cluster", "docent-db");
        ((ObjectNode) cluster.path("spec")).set("instance", ((ObjectNode) cluster.path("spec")).remove("instances"));
        List<String> problems = problems("cnpg", List.of(cluster));
        assertTrue(problems.contains("cnpg Cluster/docent-db.spec: unknown field instance"), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("required field spec.instances")), problems.toString());

        ObjectNode keycloak = (ObjectNode) copyOf(objects, "Keycloak", "keycloak");
        ((ObjectNode) keycloak.at("/spec/proxy")).put("headers", "x-forwarded");
        ((ObjectNode) keycloak.at("/spec/resources/requests")).put("memroy", "1Gi");
        problems = problems("kc", List.of(keycloak));
        assertEquals(2, problems.size(), problems.toString());

        ObjectNode unknownKind = (ObjectNode) copyOf(objects, "Cluster", "docent-db");
        unknownKind.put("apiVersion", "postgresql.cnpg.io/v2");
        assertTrue(problems("kind", List.of(unknownKind)).getFirst().contains("no schema"));
    }

    @Test
    void aTypoInAnOverlayFailsTheRenderedCheck() throws IOException {
        Path dir = Files.createDirectories(Path.of("target", "k8s-typo-overlay"));
        Files.writeString(dir.resolve("kustomization.yaml"), """
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization
                resources:
                  - ../../deploy/k8s/overlays/small
                patches:
                  - target: {kind: Deployment, name: docent}
                    patch: |-
                      - op: add
                        path: /spec/template/spec/containers/0/resources/request
                        value: {cpu: "1"}
                """);
        List<String> problems = problems(RenderedManifests.render(dir));
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.getFirst().contains("[request]"), problems.getFirst());
    }

    // ---- helpers ----

    static List<String> problems(RenderedManifests rendered) {
        return problems(rendered.name(), rendered.objects());
    }

    static List<String> problems(String name, List<JsonNode> objects) {
        List<String> problems = new ArrayList<>();
        for (JsonNode object : objects) {
            String where = name + " " + object.path("kind").asText() + "/"
                    + object.at("/metadata/name").asText();
            var model = KubernetesModel.modelOf(object);
            if (model.isPresent()) {
                problems.addAll(KubernetesModel.problems(object, model.get(), where));
            } else if (CUSTOM.knows(object)) {
                problems.addAll(CUSTOM.problems(object, where));
            } else {
                problems.add(where + ": no schema for " + KubernetesModel.key(object)
                        + " (add the kind to KubernetesModel or custom-resources.yaml)");
            }
        }
        return problems;
    }

    private static JsonNode copyOf(List<JsonNode> objects, String kind, String name) {
        return objects.stream()
                .filter(o -> o.path("kind").asText().equals(kind)
                        && o.at("/metadata/name").asText().equals(name))
                .findFirst()
                .orElseThrow()
                .deepCopy();
    }

    static JsonNode docentContainer(RenderedManifests r) {
        return r.get("Deployment", "docent").at("/spec/template/spec/containers/0");
    }

    /** The container's environment: its env entries and every key of the ConfigMaps and Secrets it takes whole. */
    static Map<String, String> environmentOf(RenderedManifests r, JsonNode container) {
        Map<String, String> env = new HashMap<>();
        for (JsonNode from : container.path("envFrom")) {
            if (from.has("configMapRef")) {
                String name = from.at("/configMapRef/name").asText();
                r.get("ConfigMap", name)
                        .path("data")
                        .fields()
                        .forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
            } else {
                env.putAll(secretData(r, from.at("/secretRef/name").asText()));
            }
        }
        for (JsonNode e : container.path("env")) {
            env.put(e.path("name").asText(), e.path("value").asText("(from " + e.path("valueFrom") + ")"));
        }
        return env;
    }

    static Map<String, String> secretData(RenderedManifests r, String name) {
        Map<String, String> out = new HashMap<>();
        r.get("Secret", name)
                .path("data")
                .fields()
                .forEachRemaining(e -> out.put(
                        e.getKey(),
                        new String(Base64.getDecoder().decode(e.getValue().asText()), StandardCharsets.UTF_8)));
        return out;
    }

    /** A Secret rendered here, or one CloudNativePG writes for a Cluster rendered here ({@code <cluster>-app/-ca}). */
    private static void secretExists(RenderedManifests r, String name) {
        if (r.find("Secret", name).isPresent()) {
            return;
        }
        Matcher operator = Pattern.compile("(.+)-(app|ca)").matcher(name);
        assertTrue(operator.matches() && r.find("Cluster", operator.group(1)).isPresent(), "no Secret " + name);
    }

    private static boolean matches(JsonNode selector, JsonNode labels) {
        if (selector.isMissingNode() || selector.isEmpty()) {
            return false;
        }
        List<Boolean> each = new ArrayList<>();
        selector.fields().forEachRemaining(e -> each.add(e.getValue().equals(labels.get(e.getKey()))));
        return !each.contains(false);
    }

    private static long bytes(RenderedManifests r, String pointer) {
        return Quantity.getAmountInBytes(
                        new Quantity(r.get("Cluster", "docent-db").at(pointer).asText()))
                .longValue();
    }

    private static URI jdbc(String url) {
        assertTrue(url != null && url.startsWith("jdbc:postgresql://"), String.valueOf(url));
        return URI.create(url.substring("jdbc:".length()));
    }

    /** DOCENT_* names in README's configuration section and application.properties' ${...} references. */
    static Set<String> documentedSettings() throws IOException {
        Set<String> names = new TreeSet<>();
        String readme = Files.readString(Path.of("README.md"));
        int start = readme.indexOf("\n## Configuration");
        int end = readme.indexOf("\n## ", start + 1);
        Matcher m = Pattern.compile("`(DOCENT_[A-Z0-9_]+)`").matcher(readme.substring(start, end));
        while (m.find()) {
            names.add(m.group(1));
        }
        String properties = Files.readString(Path.of("src", "main", "resources", "application.properties"));
        Matcher p = Pattern.compile("\\$\\{(DOCENT_[A-Z0-9_]+)").matcher(properties);
        while (p.find()) {
            names.add(p.group(1));
        }
        assertTrue(names.size() > 50, "README's table read: " + names.size());
        return names;
    }
}
