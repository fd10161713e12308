package org.eegworkflow.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.HttpMethod;

import org.eegworkflow.RestApplication;
import org.eegworkflow.auth.boundary.Secured;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The OpenAPI document ({@code src/main/resources/openapi.yaml}) against the JAX-RS resources in the compiled classes:
 * every resource method is documented, nothing is documented that no method serves, open and secured operations
 * are marked as such, and every path parameter is declared.
 */
class OpenApiDocumentTest {

    private static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options",
            "trace");
    private static final Pattern TEMPLATE = Pattern.compile("\\{\\s*(\\w[\\w.-]*)\\s*(?::[^{}]*(?:\\{[^{}]*\\}[^{}]*)*)?\\}");

    /** A resource method: "POST /workflow/schedule" (relative to the application path) and who serves it. */
    record Endpoint(String method, String path, String javaMethod, boolean secured) {
        String key() {
            return method + " " + path;
        }
    }

    static Map<String, Object> document;
    static Map<String, Map<String, Object>> paths;
    static String prefix;
    static List<Endpoint> endpoints;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void load() throws Exception {
        String text = new String(OpenApiResource.read(), StandardCharsets.UTF_8);
        document = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
        paths = (Map<String, Map<String, Object>>) document.get("paths");
        prefix = "/" + trim(RestApplication.class.getAnnotation(ApplicationPath.class).value());
        endpoints = endpoints();
    }

    @Test
    void isOpenApi3WithTheApplicationPathAsServer() {
        assertTrue(String.valueOf(document.get("openapi")).startsWith("3."), "openapi: " + document.get("openapi"));
        List<Map<String, Object>> servers = list(document.get("servers"));
        assertEquals(prefix, servers.get(0).get("url"), "servers[0].url must be the @ApplicationPath");
        assertTrue(endpoints.size() > 20, "found only " + endpoints.size() + " resource methods: " + endpoints);
    }

    @Test
    void everyResourceMethodIsDocumented() {
        List<String> missing = new ArrayList<>();
        for (Endpoint endpoint : endpoints) {
            Map<String, Object> item = paths.get(endpoint.path());
            if (item == null || !item.containsKey(endpoint.method().toLowerCase(Locale.ROOT))) {
                missing.add(endpoint.method() + " " + prefix + endpoint.path() + " (" + endpoint.javaMethod() + ")");
            }
        }
        assertTrue(missing.isEmpty(), "not in openapi.yaml: " + String.join(", ", missing));
    }

    @Test
    void everyDocumentedOperationIsServed() {
        Set<String> served = endpoints.stream().map(Endpoint::key).collect(Collectors.toSet());
        List<String> unserved = new ArrayList<>();
        for (Map.Entry<String, Map<String, Object>> item : paths.entrySet()) {
            for (String key : item.getValue().keySet()) {
                if (HTTP_METHODS.contains(key)
                        && !served.contains(key.toUpperCase(Locale.ROOT) + " " + item.getKey())) {
                    unserved.add(key.toUpperCase(Locale.ROOT) + " " + prefix + item.getKey());
                }
            }
        }
        assertTrue(unserved.isEmpty(), "in openapi.yaml but no resource method serves it: "
                + String.join(", ", unserved));
    }

    @Test
    void openAndSecuredOperationsAreMarked() {
        assertFalse(list(document.get("security")).isEmpty(), "the document needs a global security requirement");
        List<String> wrong = new ArrayList<>();
        for (Endpoint endpoint : endpoints) {
            Map<String, Object> operation = operation(endpoint);
            if (operation == null) {
                continue; // reported by everyResourceMethodIsDocumented
            }
            Object security = operation.get("security");
            boolean open = security instanceof List<?> requirements && requirements.isEmpty();
            Map<String, Object> responses = map(operation.get("responses"));
            if (endpoint.secured() && (open || !responses.containsKey("401"))) {
                wrong.add(endpoint.key() + " (" + endpoint.javaMethod() + ") is @Secured: needs the global security"
                        + " and a 401 response");
            }
            if (!endpoint.secured() && !open) {
                wrong.add(endpoint.key() + " (" + endpoint.javaMethod() + ") is open: needs 'security: []'");
            }
        }
        assertTrue(wrong.isEmpty(), String.join("; ", wrong));
    }

    @Test
    void everyPathParameterIsDeclared() {
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, Map<String, Object>> item : paths.entrySet()) {
            Set<String> expected = templateNames(item.getKey());
            for (Map.Entry<String, Object> entry : item.getValue().entrySet()) {
                if (!HTTP_METHODS.contains(entry.getKey())) {
                    continue;
                }
                Set<String> declared = new TreeSet<>();
                Stream.concat(list(item.getValue().get("parameters")).stream(),
                                list(map(entry.getValue()).get("parameters")).stream())
                        .map(OpenApiDocumentTest::resolve)
                        .filter(parameter -> "path".equals(parameter.get("in")))
                        .forEach(parameter -> declared.add(String.valueOf(parameter.get("name"))));
                if (!declared.equals(expected)) {
                    wrong.add(entry.getKey().toUpperCase(Locale.ROOT) + " " + prefix + item.getKey()
                            + " declares path parameters " + declared + ", the path has " + expected);
                }
            }
        }
        assertTrue(wrong.isEmpty(), String.join("; ", wrong));
    }

    @Test
    void everyOperationHasASuccessResponse() {
        List<String> wrong = new ArrayList<>();
        for (Endpoint endpoint : endpoints) {
            Map<String, Object> operation = operation(endpoint);
            if (operation != null && map(operation.get("responses")).keySet().stream()
                    .noneMatch(code -> String.valueOf(code).startsWith("2"))) {
                wrong.add(endpoint.key());
            }
        }
        assertTrue(wrong.isEmpty(), "no 2xx response: " + wrong);
    }

    @Test
    void everyReferenceResolves() {
        Set<String> refs = new TreeSet<>();
        collectRefs(document, refs);
        List<String> broken = refs.stream().filter(ref -> resolvePointer(ref) == null).toList();
        assertTrue(broken.isEmpty(), "unresolved $ref: " + broken);
    }

    /** A key without a value is almost always a slip such as an unquoted comma inside a {@code {flow: mapping}}. */
    @Test
    void noKeyLacksAValue() {
        List<String> empty = new ArrayList<>();
        collectNulls(document, "", empty);
        assertTrue(empty.isEmpty(), "keys without a value (quote text with commas or colons): " + empty);
    }

    // --- the resources, from the compiled classes ---

    static List<Endpoint> endpoints() throws IOException, URISyntaxException, ClassNotFoundException {
        Path classes = Path.of(RestApplication.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path root = classes.resolve("org/eegworkflow");
        List<Endpoint> found = new ArrayList<>();
        List<String> names;
        try (Stream<Path> files = Files.walk(root)) {
            names = files.map(classes::relativize).map(Path::toString)
                    .filter(name -> name.endsWith(".class") && !name.contains("$"))
                    .map(name -> name.substring(0, name.length() - ".class".length())
                            .replace(classes.getFileSystem().getSeparator(), "."))
                    .sorted().toList();
        }
        ClassLoader loader = OpenApiDocumentTest.class.getClassLoader();
        for (String name : names) {
            Class<?> type = Class.forName(name, false, loader);
            jakarta.ws.rs.Path classPath = type.getAnnotation(jakarta.ws.rs.Path.class);
            if (classPath == null || type.isInterface() || Modifier.isAbstract(type.getModifiers())) {
                continue;
            }
            for (Method method : type.getMethods()) {
                String http = httpMethod(method);
                if (http == null) {
                    continue;
                }
                jakarta.ws.rs.Path methodPath = method.getAnnotation(jakarta.ws.rs.Path.class);
                String path = "/" + trim(classPath.value())
                        + (methodPath == null || trim(methodPath.value()).isEmpty() ? "" : "/" + trim(methodPath.value()));
                found.add(new Endpoint(http, normalise(path), type.getSimpleName() + "#" + method.getName(),
                        secured(type) || secured(method)));
            }
        }
        found.sort((a, b) -> a.key().compareTo(b.key()));
        return found;
    }

    private static String httpMethod(Method method) {
        for (var annotation : method.getAnnotations()) {
            HttpMethod http = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (http != null) {
                return http.value();
            }
        }
        return null;
    }

    private static boolean secured(AnnotatedElement element) {
        return element.isAnnotationPresent(Secured.class);
    }

    /** {@code {path: .+}} becomes {@code {path}}; doubled and trailing slashes go. */
    static String normalise(String path) {
        Matcher matcher = TEMPLATE.matcher(path);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(out, Matcher.quoteReplacement("{" + matcher.group(1) + "}"));
        }
        matcher.appendTail(out);
        String result = out.toString().replaceAll("/{2,}", "/");
        return result.length() > 1 && result.endsWith("/") ? result.substring(0, result.length() - 1) : result;
    }

    private static Set<String> templateNames(String path) {
        Set<String> names = new TreeSet<>();
        Matcher matcher = TEMPLATE.matcher(path);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    private static String trim(String segment) {
        String s = segment.strip();
        while (s.startsWith("/")) {
            s = s.substring(1);
        }
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }

    @Test
    void normalisesTemplates() {
        assertEquals("/files/{path}", normalise("/files/{path: .+}"));
        assertEquals("/a/{id}/b", normalise("/a/{ id : \\d{1,3} }/b/"));
    }

    // --- small YAML tree helpers ---

    private static Map<String, Object> operation(Endpoint endpoint) {
        Map<String, Object> item = paths.get(endpoint.path());
        return item == null ? null : map(item.get(endpoint.method().toLowerCase(Locale.ROOT)));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : new TreeMap<>();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object value) {
        return value instanceof List<?> l ? (List<Map<String, Object>>) l : List.of();
    }

    private static Map<String, Object> resolve(Map<String, Object> node) {
        Object ref = node.get("$ref");
        return ref == null ? node : map(resolvePointer(String.valueOf(ref)));
    }

    private static Object resolvePointer(String ref) {
        if (!ref.startsWith("#/")) {
            return null;
        }
        Object node = document;
        for (String part : ref.substring(2).split("/")) {
            node = map(node).get(part.replace("~1", "/").replace("~0", "~"));
            if (node == null) {
                return null;
            }
        }
        return node;
    }

    private static void collectNulls(Object node, String at, List<String> empty) {
        if (node instanceof Map<?, ?> m) {
            m.forEach((key, value) -> {
                if (value == null) {
                    empty.add(at + "/" + key);
                } else {
                    collectNulls(value, at + "/" + key, empty);
                }
            });
        } else if (node instanceof List<?> l) {
            for (int i = 0; i < l.size(); i++) {
                collectNulls(l.get(i), at + "/" + i, empty);
            }
        }
    }

    private static void collectRefs(Object node, Set<String> refs) {
        if (node instanceof Map<?, ?> m) {
            m.forEach((key, value) -> {
                if ("$ref".equals(key)) {
                    refs.add(String.valueOf(value));
                } else {
                    collectRefs(value, refs);
                }
            });
        } else if (node instanceof Collection<?> c) {
            c.forEach(value -> collectRefs(value, refs));
        }
    }
}
