package org.eegworkflow.sdk;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A collection: one value per element of a study (a recording of a dataset, say), each under a key unique in the
 * collection ({@code "sub-01_ses-1_task-faces_run-1"}) with the entities it was named by ({@code subject=01}, ...).
 * A block makes one by declaring an output {@code @BlockOutput(collection = true)} on a field of this type; the
 * connector's type is the elements' type, so a block that takes one such value is run once per element (a mapped
 * block) and its outputs are collections with the same keys. A block that wants a whole collection declares an
 * array input ({@code "Epochs[]"}): a {@code List} field receives the elements' values in the collection's order,
 * a field of this type the collection itself, keys and entities included.
 *
 * @param <T> the elements' value type
 */
public final class Elements<T> implements Iterable<Elements.Element<T>> {

    /**
     * One element: its key, the entities that name it (may be empty), its value, and optionally a fingerprint of
     * where it came from (the path, size and modification time of a recording and its sidecars, say): the result
     * cache reuses what was made of this element downstream only while its fingerprint stays the same, so changing
     * one subject's files re-runs only that subject's chain. Null when the producer gives none.
     */
    public record Element<T>(String key, Map<String, String> entities, T value, String fingerprint) {
        public Element {
            Objects.requireNonNull(key, "key");
            if (key.isBlank()) {
                throw new IllegalArgumentException("an element's key must not be blank");
            }
            entities = Collections.unmodifiableMap(new LinkedHashMap<>(entities == null ? Map.of() : entities));
        }

        /** An element without a fingerprint. */
        public Element(String key, Map<String, String> entities, T value) {
            this(key, entities, value, null);
        }
    }

    /** An element that could not be made (a recording that cannot be read): its key, entities and why. */
    public record Failure(String key, Map<String, String> entities, String reason) {
        public Failure {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(reason, "reason");
            entities = Collections.unmodifiableMap(new LinkedHashMap<>(entities == null ? Map.of() : entities));
        }
    }

    private final List<Element<T>> elements;
    private final Map<String, Element<T>> byKey;
    private final List<Failure> failures;

    private Elements(List<Element<T>> elements) {
        this(elements, List.of());
    }

    private Elements(List<Element<T>> elements, List<Failure> failures) {
        this.failures = List.copyOf(failures);
        this.elements = List.copyOf(elements);
        Map<String, Element<T>> keys = new LinkedHashMap<>();
        for (Element<T> element : this.elements) {
            if (keys.put(element.key(), element) != null) {
                throw new IllegalArgumentException("two elements have the key '" + element.key() + "'");
            }
        }
        this.byKey = Collections.unmodifiableMap(keys);
        for (Failure failure : this.failures) {
            if (keys.containsKey(failure.key())) {
                throw new IllegalArgumentException("two elements have the key '" + failure.key() + "'");
            }
        }
    }

    /**
     * The elements that could not be made, each with the reason: the engine fails them (and the same element
     * downstream) while the others go on, and the job ends FAILED saying which and why.
     */
    public List<Failure> failures() {
        return failures;
    }

    /** A collection of these elements, in this order. */
    public static <T> Elements<T> of(List<Element<T>> elements) {
        return new Elements<>(elements);
    }

    /** Builds a collection element by element, in the order added. */
    public static <T> Builder<T> builder() {
        return new Builder<>();
    }

    public List<Element<T>> list() {
        return elements;
    }

    public int size() {
        return elements.size();
    }

    public boolean isEmpty() {
        return elements.isEmpty();
    }

    /** The keys, in the collection's order. */
    public List<String> keys() {
        return List.copyOf(byKey.keySet());
    }

    /** The element under this key, or null. */
    public Element<T> get(String key) {
        return byKey.get(key);
    }

    /** The elements' values, in the collection's order. */
    public List<T> values() {
        List<T> values = new ArrayList<>(elements.size());
        elements.forEach(element -> values.add(element.value()));
        return values;
    }

    @Override
    public Iterator<Element<T>> iterator() {
        return elements.iterator();
    }

    @Override
    public String toString() {
        return elements.size() + " element" + (elements.size() == 1 ? "" : "s")
                + (failures.isEmpty() ? "" : ", " + failures.size() + " failed");
    }

    /** Adds elements in order; a key used twice is refused when it is added. */
    public static final class Builder<T> {
        private final List<Element<T>> elements = new ArrayList<>();
        private final List<Failure> failures = new ArrayList<>();
        private final Set<String> keys = new HashSet<>();

        private Builder() {
        }

        public Builder<T> add(String key, Map<String, String> entities, T value) {
            return add(key, entities, value, null);
        }

        /** Adds an element with a fingerprint of its sources ({@link Element#fingerprint()}). */
        public Builder<T> add(String key, Map<String, String> entities, T value, String fingerprint) {
            Element<T> element = new Element<>(key, entities, value, fingerprint);
            if (!keys.add(key)) {
                throw new IllegalArgumentException("two elements have the key '" + key + "'");
            }
            elements.add(element);
            return this;
        }

        /** An element that could not be made, with the reason a person can act on. */
        public Builder<T> fail(String key, Map<String, String> entities, String reason) {
            Failure failure = new Failure(key, entities, reason);
            if (!keys.add(key)) {
                throw new IllegalArgumentException("two elements have the key '" + key + "'");
            }
            failures.add(failure);
            return this;
        }

        public Elements<T> build() {
            return new Elements<>(elements, failures);
        }
    }
}
