package dev.docent.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Quantity;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Checks the operators' custom resources (CloudNativePG, its Barman Cloud plugin, the Keycloak operator) against the
 * subset schema in {@code src/test/resources/deploy/custom-resources.yaml}: apiVersion and kind known, required
 * fields present, no field outside the schema, scalar types and enumerations right, embedded Kubernetes types
 * (resources, metadata) checked with {@link KubernetesModel}. It cannot know what the operator will accept at run
 * time beyond that (for example whether a PostgreSQL parameter's value is valid).
 */
final class CustomResourceSchemas {

    private final JsonNode schemas;

    private CustomResourceSchemas(JsonNode schemas) {
        this.schemas = schemas;
    }

    static CustomResourceSchemas load() {
        try (InputStream in = CustomResourceSchemas.class.getResourceAsStream("/deploy/custom-resources.yaml")) {
            return new CustomResourceSchemas(new ObjectMapper(new YAMLFactory()).readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    boolean knows(JsonNode object) {
        return schemas.has(KubernetesModel.key(object));
    }

    List<String> problems(JsonNode object, String where) {
        JsonNode schema = schemas.get(KubernetesModel.key(object));
        List<String> problems = new ArrayList<>();
        for (JsonNode required : schema.path("$required")) {
            JsonNode at = object;
            for (String part : required.asText().split("\\.")) {
                at = at.path(part);
            }
            if (at.isMissingNode() || at.isNull()) {
                problems.add(where + ": required field " + required.asText() + " is missing");
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            var field = it.next();
            switch (field.getKey()) {
                case "apiVersion", "kind" -> {}
                case "metadata" ->
                    problems.addAll(
                            KubernetesModel.problemsOf(field.getValue(), ObjectMeta.class, where + ".metadata"));
                case "spec" -> check(field.getValue(), schema.get("spec"), where + ".spec", problems);
                default -> problems.add(where + ": unknown top-level field " + field.getKey());
            }
        }
        return problems;
    }

    private static void check(JsonNode value, JsonNode schema, String path, List<String> problems) {
        if (schema.isTextual()) {
            scalar(value, schema.asText(), path, problems);
        } else if (schema.isArray()) {
            if (!value.isArray()) {
                problems.add(path + ": expected a list, found " + value.getNodeType());
                return;
            }
            for (int i = 0; i < value.size(); i++) {
                check(value.get(i), schema.get(0), path + "[" + i + "]", problems);
            }
        } else if (schema.has("$enum")) {
            boolean allowed = false;
            for (JsonNode option : schema.get("$enum")) {
                allowed |= option.asText().equals(value.asText()) && value.isTextual();
            }
            if (!allowed) {
                problems.add(path + ": " + value + " is not one of " + schema.get("$enum"));
            }
        } else if (!value.isObject()) {
            problems.add(path + ": expected an object, found " + value.getNodeType());
        } else if (schema.has("$map")) {
            value.fields()
                    .forEachRemaining(e -> check(e.getValue(), schema.get("$map"), path + "." + e.getKey(), problems));
        } else {
            value.fields().forEachRemaining(e -> {
                JsonNode fieldSchema = schema.get(e.getKey());
                if (fieldSchema == null) {
                    problems.add(path + ": unknown field " + e.getKey());
                } else {
                    check(e.getValue(), fieldSchema, path + "." + e.getKey(), problems);
                }
            });
        }
    }

    private static void scalar(JsonNode value, String type, String path, List<String> problems) {
        boolean ok = switch (type) {
            case "any" -> true;
            case "string" -> value.isTextual();
            case "integer" -> value.isIntegralNumber();
            case "boolean" -> value.isBoolean();
            case "quantity" -> value.isTextual() && isQuantity(value.asText());
            default -> {
                if (!type.startsWith("k8s:")) {
                    throw new IllegalStateException("unknown schema type " + type);
                }
                try {
                    List<String> inner = KubernetesModel.problemsOf(value, Class.forName(type.substring(4)), path);
                    problems.addAll(inner);
                } catch (ClassNotFoundException e) {
                    throw new IllegalStateException(e);
                }
                yield true;
            }
        };
        if (!ok) {
            problems.add(path + ": expected " + type + ", found " + value);
        }
    }

    private static boolean isQuantity(String text) {
        try {
            Quantity.getAmountInBytes(new Quantity(text));
            return text.matches("[0-9]+(\\.[0-9]+)?(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E|m)?");
        } catch (RuntimeException e) {
            return false;
        }
    }
}
