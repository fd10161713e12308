package org.eegworkflow;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;

import org.eegworkflow.sdk.BlockType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The house rules on dependencies, checked on the compiled classes (as {@code SdkDependenciesTest} checks the SDK):
 * jdeps lists every class each class refers to, from its constant pool, signatures and annotations. The built-in
 * modules use the SDK only, the engine names no built-in module class, and no two packages depend on each other,
 * however indirectly. Each failure names the classes that break the rule.
 */
class ArchitectureTest {
    private static final String APP = "org.eegworkflow.";
    private static final String SDK = APP + "sdk";
    /** The built-in modules: written against the SDK as an outside author would, found through ServiceLoader. */
    private static final List<String> BUILT_IN = List.of(APP + "eeg", APP + "blocks");
    private static final Pattern EDGE = Pattern.compile("^\\s+(org\\.eegworkflow\\.\\S+)\\s+->\\s+(\\S+)\\s");

    /** Class to the classes it refers to, for every class of the application (not the tests). */
    private static Map<String, Set<String>> uses;

    @BeforeAll
    static void readClasses() throws Exception {
        Path classes = Path.of(BlockType.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow();
        StringWriter out = new StringWriter();
        int status = jdeps.run(new PrintWriter(out), new PrintWriter(out), "-verbose:class", "-filter:none",
                classes.resolve("org/eegworkflow").toString());
        assertEquals(0, status, out.toString());
        uses = new TreeMap<>();
        for (String line : out.toString().split("\\R")) {
            Matcher edge = EDGE.matcher(line);
            if (edge.find()) {
                uses.computeIfAbsent(edge.group(1), c -> new TreeSet<>()).add(edge.group(2));
            }
        }
        // a check over nothing passes whatever the rules: make sure jdeps saw the engine and both modules
        for (String known : List.of(APP + "block.control.BlockRegistry", APP + "eeg.blocks.EegModule",
                APP + "blocks.arithmetic.ArithmeticModule", APP + "job.control.JobService")) {
            assertTrue(uses.containsKey(known), "jdeps did not list " + known + ":\n" + out);
        }
    }

    @Test
    void builtInModulesUseNothingOfTheServerButTheSdk() {
        List<String> offending = new ArrayList<>();
        uses.forEach((from, targets) -> {
            String module = builtInModule(from);
            if (module != null) {
                for (String to : targets) {
                    if (to.startsWith(APP) && !within(to, SDK) && !within(to, module)) {
                        offending.add(from + " -> " + to);
                    }
                }
            }
        });
        assertTrue(offending.isEmpty(), "a built-in module may use only the SDK (org.eegworkflow.sdk) of the"
                + " server, as an uploaded one can:\n  " + String.join("\n  ", offending));
    }

    @Test
    void theEngineNamesNoBuiltInModuleClass() {
        List<String> offending = new ArrayList<>();
        uses.forEach((from, targets) -> {
            if (builtInModule(from) == null && !within(from, SDK)) {
                for (String to : targets) {
                    if (builtInModule(to) != null) {
                        offending.add(from + " -> " + to);
                    }
                }
            }
        });
        assertTrue(offending.isEmpty(), "the engine finds built-in modules through"
                + " META-INF/services/org.eegworkflow.sdk.BlockModule, as packaged ones; it must not name their"
                + " classes:\n  " + String.join("\n  ", offending));
    }

    @Test
    void noPackagesDependOnEachOther() {
        Map<String, Set<String>> packages = new TreeMap<>();
        uses.forEach((from, targets) -> {
            String source = packageOf(from);
            packages.computeIfAbsent(source, p -> new TreeSet<>());
            for (String to : targets) {
                if (to.startsWith(APP) && !packageOf(to).equals(source)) {
                    packages.get(source).add(packageOf(to));
                }
            }
        });
        List<String> cycles = new ArrayList<>();
        for (Set<String> component : stronglyConnected(packages)) {
            if (component.size() > 1) {
                // each package-to-package dependency of the cycle, with the classes that make it: the fewest are
                // usually the one to remove
                Map<String, List<String>> byPair = new TreeMap<>();
                uses.forEach((from, targets) -> targets.stream()
                        .filter(to -> to.startsWith(APP) && component.contains(packageOf(from))
                                && component.contains(packageOf(to)) && !packageOf(to).equals(packageOf(from)))
                        .forEach(to -> byPair.computeIfAbsent(packageOf(from) + " -> " + packageOf(to),
                                pair -> new ArrayList<>()).add(simple(from) + " -> " + simple(to))));
                StringBuilder why = new StringBuilder(String.join(", ", component)).append(" form a cycle:");
                byPair.forEach((pair, edges) -> why.append("\n    ").append(pair).append(" (").append(edges.size())
                        .append("): ").append(String.join(", ", edges.subList(0, Math.min(4, edges.size()))))
                        .append(edges.size() > 4 ? ", ..." : ""));
                cycles.add(why.toString());
            }
        }
        assertTrue(cycles.isEmpty(), "packages that depend on each other (a cycle; move the shared type to the"
                + " package both may see):\n  " + String.join("\n  ", cycles));
    }

    /** The built-in module a class belongs to ({@code org.eegworkflow.eeg} or {@code .blocks}), or null. */
    private static String builtInModule(String type) {
        return BUILT_IN.stream().filter(module -> within(type, module)).findFirst().orElse(null);
    }

    private static String simple(String type) {
        return type.substring(type.lastIndexOf('.') + 1);
    }

    private static boolean within(String type, String pkg) {
        return type.startsWith(pkg + ".");
    }

    private static String packageOf(String type) {
        String outer = type.contains("$") ? type.substring(0, type.indexOf('$')) : type;
        return outer.substring(0, outer.lastIndexOf('.'));
    }

    /** Tarjan's algorithm, iterative so a deep graph cannot overflow the stack. */
    private static List<Set<String>> stronglyConnected(Map<String, Set<String>> graph) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new TreeSet<>();
        List<Set<String>> components = new ArrayList<>();
        int[] next = {0};
        for (String start : graph.keySet()) {
            if (index.containsKey(start)) {
                continue;
            }
            Deque<Map.Entry<String, java.util.Iterator<String>>> work = new ArrayDeque<>();
            index.put(start, next[0]);
            low.put(start, next[0]++);
            stack.push(start);
            onStack.add(start);
            work.push(Map.entry(start, graph.getOrDefault(start, Set.of()).iterator()));
            while (!work.isEmpty()) {
                String node = work.peek().getKey();
                java.util.Iterator<String> successors = work.peek().getValue();
                if (successors.hasNext()) {
                    String successor = successors.next();
                    if (!index.containsKey(successor)) {
                        index.put(successor, next[0]);
                        low.put(successor, next[0]++);
                        stack.push(successor);
                        onStack.add(successor);
                        work.push(Map.entry(successor, graph.getOrDefault(successor, Set.of()).iterator()));
                    } else if (onStack.contains(successor)) {
                        low.put(node, Math.min(low.get(node), index.get(successor)));
                    }
                    continue;
                }
                work.pop();
                if (!work.isEmpty()) {
                    String parent = work.peek().getKey();
                    low.put(parent, Math.min(low.get(parent), low.get(node)));
                }
                if (low.get(node).equals(index.get(node))) {
                    Set<String> component = new TreeSet<>();
                    String member;
                    do {
                        member = stack.pop();
                        onStack.remove(member);
                        component.add(member);
                    } while (!member.equals(node));
                    components.add(component);
                }
            }
        }
        return components;
    }
}
