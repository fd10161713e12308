package org.eegworkflow.job.control.run;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import org.eegworkflow.block.control.BlockInvoker;
import org.eegworkflow.block.control.BlockSpec;
import org.eegworkflow.block.control.PortSpec;
import org.eegworkflow.block.control.PropertySpec;
import org.eegworkflow.platform.Jsons;
import org.eegworkflow.workflow.entity.BlockNode;
import org.eegworkflow.workflow.entity.Edge;

/**
 * The result cache's keys, chained through the workflow: a block's key is the SHA-256 over its module's identity,
 * its block type, every property's effective value (a FILE property by its content) and, for every input edge, the
 * upstream block's key and output. An element of a mapped block takes its upstream elements' keys instead; an
 * element of a collection-making block is keyed by that block's key and its own key, or, when the block gave it a
 * fingerprint (of its files), by the block's key without its files' content, its own key and that fingerprint; a
 * mapped block as a whole by its elements' keys. Each key is worked out once per run (the run keeps them).
 */
final class CacheKeys {
    private final ContentHashes hashes;

    CacheKeys(ContentHashes hashes) {
        this.hashes = hashes;
    }

    /** The key of a block that does not run per element, or of a mapped block as a whole. */
    String blockKey(WorkflowRun run, int block) {
        String known = run.cacheKey(block, null);
        if (known != null) {
            return known;
        }
        String key;
        if (!run.spec(block).cacheable()) {
            // a block with side effects gives what depends on it a key no other run shares
            key = "uncacheable " + UUID.randomUUID();
        } else if (run.mapping().isMapped(block)) {
            StringBuilder elements = new StringBuilder("elements");
            for (String element : run.elementsFor(block).keySet()) {
                elements.append('\n').append(element).append('=').append(elementKey(run, block, element));
            }
            key = ContentHashes.sha256(elements.toString());
        } else {
            key = ContentHashes.sha256(components(run, block, null).toString());
        }
        return run.cacheKey(block, null, key);
    }

    /** The key of one element of a mapped block. */
    String elementKey(WorkflowRun run, int block, String element) {
        String known = run.cacheKey(block, element);
        if (known != null) {
            return known;
        }
        String key = run.spec(block).cacheable()
                ? ContentHashes.sha256(components(run, block, element).toString())
                : "uncacheable " + UUID.randomUUID();
        return run.cacheKey(block, element, key);
    }

    /** The key of a block's (or element's) result: the block's key or the element's. */
    String keyOf(WorkflowRun run, int block, String element) {
        return element == null ? blockKey(run, block) : elementKey(run, block, element);
    }

    /**
     * What a key is made of, as JSON (its text is what is hashed): module, identity, version, type, properties,
     * FILE properties' content hashes, and each input's upstream keys.
     */
    JsonObject components(WorkflowRun run, int block, String element) {
        BlockSpec spec = run.spec(block);
        BlockNode node = run.workflow().block(block);
        WorkflowRun.ModuleIdentity module = run.moduleIdentity(spec.module());
        Map<String, String> properties = new TreeMap<>();
        Map<String, String> files = new TreeMap<>();
        Map<String, String> values = node.values() == null ? Map.of() : node.values();
        for (PropertySpec property : spec.properties()) {
            String text = BlockInvoker.effectiveText(property, values);
            properties.put(property.name(), text);
            Path file = BlockInvoker.propertyFile(property, text, run.filesRoot());
            if (file != null) {
                try {
                    files.put(property.name(), hashes.of(file));
                } catch (IOException | RuntimeException e) {
                    // unreadable now: a key no run shares (the block will say what is wrong with the file)
                    files.put(property.name(), "unreadable " + UUID.randomUUID());
                }
            }
        }
        Map<String, List<String>> inputs = new LinkedHashMap<>();
        for (Edge edge : run.workflow().edges()) {
            if (edge.to() != block) {
                continue;
            }
            boolean gathers = spec.input(edge.input()).map(PortSpec::gathers).orElse(false);
            String upstream = element != null && !gathers && run.carriesCollection(edge)
                    ? upstreamElementKey(run, edge.from(), element) : blockKey(run, edge.from());
            inputs.computeIfAbsent(edge.input(), k -> new ArrayList<>()).add(upstream + "/" + edge.output());
        }
        JsonObjectBuilder json = Jsons.PROVIDER.createObjectBuilder()
                .add("module", spec.module())
                .add("identity", module.id())
                .add("version", module.label())
                .add("type", spec.name());
        JsonObjectBuilder props = Jsons.PROVIDER.createObjectBuilder();
        properties.forEach(props::add);
        JsonObjectBuilder fileHashes = Jsons.PROVIDER.createObjectBuilder();
        files.forEach(fileHashes::add);
        JsonObjectBuilder ins = Jsons.PROVIDER.createObjectBuilder();
        inputs.forEach((name, keys) -> {
            JsonArrayBuilder list = Jsons.PROVIDER.createArrayBuilder();
            keys.forEach(list::add);
            ins.add(name, list);
        });
        return json.add("properties", props).add("files", fileHashes).add("inputs", ins).build();
    }

    /** An element's key where it comes from: a mapped block's element, or an element of a collection it made. */
    private String upstreamElementKey(WorkflowRun run, int upstream, String element) {
        if (run.mapping().isMapped(upstream)) {
            return elementKey(run, upstream, element);
        }
        String fingerprint = run.fingerprint(upstream, element);
        if (fingerprint == null) {
            return ContentHashes.sha256(blockKey(run, upstream) + "\n" + element);
        }
        // the fingerprint stands for the element's files, so the content of the block's files (a whole dataset
        // folder) is left out: a change to one subject's files changes only that element's key
        return ContentHashes.sha256(configurationKey(run, upstream) + "\n" + element + "\nfingerprint "
                + fingerprint);
    }

    /** A block's key without its FILE properties' content: what it was asked to do, not what the files held. */
    private String configurationKey(WorkflowRun run, int block) {
        if (!run.spec(block).cacheable()) {
            return blockKey(run, block);
        }
        JsonObject components = components(run, block, null);
        return ContentHashes.sha256(Jsons.PROVIDER.createObjectBuilder(components).remove("files").build()
                .toString());
    }

    /**
     * The first difference between what an earlier result was made of and what this one is, as a person reads it.
     *
     * @param before the earlier entry's components (JSON), or null when there is none
     */
    static String whyItRuns(String before, JsonObject now) {
        if (before == null) {
            return "not run before";
        }
        JsonObject then;
        try {
            then = Jsons.PROVIDER.createReader(new java.io.StringReader(before)).readObject();
        } catch (RuntimeException e) {
            return "not run before";
        }
        if (!text(then, "identity").equals(text(now, "identity"))) {
            String from = text(then, "version");
            String to = text(now, "version");
            return from.equals(to) ? "module " + text(now, "module") + " changed (version " + to + ", other code)"
                    : "module version " + from + " -> " + to;
        }
        JsonObject propsThen = object(then, "properties");
        JsonObject propsNow = object(now, "properties");
        for (String name : new java.util.TreeSet<>(propsNow.keySet())) {
            String was = propsThen.containsKey(name) ? text(propsThen, name) : null;
            String is = text(propsNow, name);
            if (!is.equals(was)) {
                return "property '" + name + "' changed: " + (was == null ? "(none)" : was) + " -> " + is;
            }
        }
        JsonObject filesThen = object(then, "files");
        JsonObject filesNow = object(now, "files");
        for (String name : new java.util.TreeSet<>(filesNow.keySet())) {
            if (!filesNow.get(name).equals(filesThen.get(name))) {
                return "the content of property '" + name + "' (" + text(propsNow, name) + ") changed";
            }
        }
        JsonObject inputsThen = object(then, "inputs");
        JsonObject inputsNow = object(now, "inputs");
        for (String name : inputsNow.keySet()) {
            if (!inputsNow.get(name).equals(inputsThen.get(name))) {
                return "input '" + name + "' changed";
            }
        }
        for (String name : inputsThen.keySet()) {
            if (!inputsNow.containsKey(name)) {
                return "input '" + name + "' changed";
            }
        }
        return "its earlier result is no longer cached";
    }

    private static String text(JsonObject json, String name) {
        JsonValue value = json.get(name);
        return value instanceof JsonString string ? string.getString() : String.valueOf(value);
    }

    private static JsonObject object(JsonObject json, String name) {
        JsonValue value = json.get(name);
        return value instanceof JsonObject object ? object : JsonValue.EMPTY_JSON_OBJECT;
    }
}
