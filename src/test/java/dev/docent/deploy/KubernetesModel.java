package dev.docent.deploy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.VolumeResourceRequirements;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks built-in Kubernetes objects against fabric8's Java model of the API. fabric8's classes keep fields they do
 * not know in an {@code additionalProperties} map instead of failing, so strictness is checked here: after reading an
 * object, any non-empty {@code additionalProperties} anywhere in it is a field the API does not have (a typo, or a
 * field at the wrong level). Strings are not coerced into numbers or booleans either, as the API server would not.
 */
final class KubernetesModel {

    /** The built-in kinds deploy/k8s uses, by {@code apiVersion/kind}; anything else must be a known custom resource. */
    static final Map<String, Class<?>> KINDS = Map.ofEntries(
            Map.entry("v1/Namespace", Namespace.class),
            Map.entry("v1/ServiceAccount", ServiceAccount.class),
            Map.entry("v1/ConfigMap", ConfigMap.class),
            Map.entry("v1/Secret", Secret.class),
            Map.entry("v1/Service", Service.class),
            Map.entry("v1/PersistentVolumeClaim", PersistentVolumeClaim.class),
            Map.entry("apps/v1/Deployment", Deployment.class),
            Map.entry("autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class),
            Map.entry("policy/v1/PodDisruptionBudget", PodDisruptionBudget.class),
            Map.entry("networking.k8s.io/v1/Ingress", Ingress.class));

    static final ObjectMapper STRICT = strictMapper();

    private KubernetesModel() {}

    static String key(JsonNode object) {
        return object.path("apiVersion").asText() + "/" + object.path("kind").asText();
    }

    static Optional<Class<?>> modelOf(JsonNode object) {
        return Optional.ofNullable(KINDS.get(key(object)));
    }

    /** Problems of one built-in object (empty: valid); {@code where} names it in the messages. */
    static List<String> problems(JsonNode object, Class<?> type, String where) {
        return problemsOf(object, type, where);
    }

    /** Reads {@code node} as {@code type} and lists the fields the model does not know, with their paths. */
    static List<String> problemsOf(JsonNode node, Class<?> type, String where) {
        Object value;
        try {
            value = STRICT.treeToValue(node, type);
        } catch (Exception e) {
            return List.of(where + ": not a valid " + type.getSimpleName() + ": " + firstLine(e.getMessage()));
        }
        List<String> problems = new ArrayList<>();
        unknownFields(value, where, problems, new IdentityHashMap<>());
        return problems;
    }

    private static void unknownFields(Object value, String path, List<String> problems, Map<Object, Boolean> seen) {
        if (value == null || seen.put(value, Boolean.TRUE) != null) {
            return;
        }
        if (value instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                unknownFields(item, path + "[" + i++ + "]", problems, seen);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> unknownFields(v, path + "." + k, problems, seen));
            return;
        }
        if (!value.getClass().getName().startsWith("io.fabric8.")) {
            return;
        }
        if (value instanceof ResourceRequirements r) {
            resourceNames(List.of(r.getRequests(), r.getLimits()), path, problems);
        } else if (value instanceof VolumeResourceRequirements r) {
            resourceNames(List.of(r.getRequests(), r.getLimits()), path, problems);
        }
        for (Class<?> c = value.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers())) {
                    continue;
                }
                field.setAccessible(true);
                Object fieldValue;
                try {
                    fieldValue = field.get(value);
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
                if (field.getName().equals("additionalProperties")) {
                    if (fieldValue instanceof Map<?, ?> extra && !extra.isEmpty()) {
                        problems.add(path + ": unknown field(s) " + extra.keySet() + " in "
                                + value.getClass().getSimpleName());
                    }
                } else {
                    unknownFields(fieldValue, path + "." + field.getName(), problems, seen);
                }
            }
        }
    }

    /**
     * Requests and limits are maps, so the model takes any key; the API server accepts only its standard resource
     * names and names qualified by a domain ({@code nvidia.com/gpu}): {@code memroy} fails there, so here too.
     */
    private static void resourceNames(List<Map<String, Quantity>> maps, String path, List<String> problems) {
        for (var amounts : maps) {
            if (amounts == null) {
                continue;
            }
            for (String name : amounts.keySet()) {
                if (!STANDARD_RESOURCES.contains(name) && !name.startsWith("hugepages-") && !name.contains("/")) {
                    problems.add(
                            path + ": unknown resource name " + name + " (standard, or qualified like nvidia.com/gpu)");
                }
            }
        }
    }

    private static final Set<String> STANDARD_RESOURCES = Set.of("cpu", "memory", "ephemeral-storage", "storage");

    private static ObjectMapper strictMapper() {
        ObjectMapper mapper = new ObjectMapper();
        mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        mapper.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        mapper.enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
        // "8080" for a port or "true" for a flag is refused by the API server: refuse it here too.
        for (LogicalType type : List.of(LogicalType.Integer, LogicalType.Float, LogicalType.Boolean)) {
            mapper.coercionConfigFor(type).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        }
        mapper.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        return mapper;
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }
}
