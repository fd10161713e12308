package org.eegworkflow.job.control.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import jakarta.enterprise.concurrent.ManagedThreadFactory;

import org.eegworkflow.block.control.BlockRegistry;
import org.eegworkflow.blocks.arithmetic.ArithmeticModule;
import org.eegworkflow.job.control.events.JobEvents;
import org.eegworkflow.job.control.store.CacheEntries;
import org.eegworkflow.job.control.store.JobStore;
import org.eegworkflow.job.control.store.Stores;
import org.eegworkflow.job.entity.BlockRun;
import org.eegworkflow.job.entity.CachedResult;
import org.eegworkflow.job.entity.ElementRun;
import org.eegworkflow.platform.DatabaseRetry;
import org.eegworkflow.platform.Settings;
import org.eegworkflow.testblocks.TestBlocksModule;
import org.eegworkflow.workflow.control.WorkflowPlan;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The result cache with the executor wired by hand: the keys (same inputs, same key; a property, a FILE property's
 * content, a module's identity each change it; a file is hashed again only once touched), and reuse across jobs
 * (a second run reuses every block and element; a changed property re-runs that block and what depends on it; a
 * changed fingerprint re-runs only that element's chain and the gathering block; a tampered samples file is
 * recomputed; entries are per user; eviction and deletion keep or free a job's files).
 */
class ResultCacheTest {
    private static final String T = TestBlocksModule.NAME;
    private static final String A = ArithmeticModule.NAME;

    @TempDir
    Path data;

    /** Results by job row, then block. */
    private final Map<Long, Map<Integer, BlockRun>> results = new ConcurrentHashMap<>();
    private final Map<Long, List<ElementRun>> elements = new ConcurrentHashMap<>();
    private final MemoryEntries entries = new MemoryEntries();
    private long maxBytes = Long.MAX_VALUE;
    private BlockRegistry registry;
    private BlockExecutor executor;
    private ResultCache cache;
    private Map<String, WorkflowRun.ModuleIdentity> modules;

    @BeforeEach
    void setUp() throws Exception {
        Settings settings = new Settings() {
            @Override
            public Path dataDir() {
                return data;
            }

            @Override
            public long cacheMaxBytes() {
                return maxBytes;
            }
        };
        registry = new BlockRegistry();
        registry.registerBuiltIns();
        registry.register(new TestBlocksModule());
        executor = new BlockExecutor();
        executor.store = new JobStore() {
            @Override
            public void saveResult(BlockRun result) {
                results.computeIfAbsent(result.getJobId(), r -> new ConcurrentHashMap<>())
                        .put(result.getBlockId(), result);
            }

            @Override
            public void saveResults(java.util.Collection<BlockRun> list) {
                list.forEach(this::saveResult);
            }

            @Override
            public void saveElement(ElementRun result) {
                elements.computeIfAbsent(result.getJobId(), r -> new CopyOnWriteArrayList<>()).add(result);
            }
        };
        executor.folders = Stores.folders(settings);
        executor.events = new JobEvents() {
            @Override
            public void publish(long rowId, org.eegworkflow.job.control.events.JobEvent event) {
            }
        };
        executor.settings = settings;
        executor.retry = new DatabaseRetry() {
            @Override
            public <R> R call(String what, java.util.function.Supplier<R> action) {
                return call(what, Duration.ofSeconds(1), action);
            }
        };
        executor.threadFactory = new ThreadFactoryForTests();
        cache = new ResultCache();
        cache.entries = entries;
        cache.folders = executor.folders;
        cache.settings = settings;
        executor.cache = cache;
        modules = new java.util.HashMap<>(Map.of(T, new WorkflowRun.ModuleIdentity("build 1", "built-in"),
                A, new WorkflowRun.ModuleIdentity("build 1", "built-in")));
        Files.createDirectories(data.resolve("files"));
    }

    /**
     * Split (1) -> Scale x2 (2) -> Scale x{@code factor} (3) -> Total (4), and beside it Wave (5) -> Mean (6): a study
     * whose blocks 2 and 3 run once per element.
     */
    private WorkflowPlan study(String factor) {
        String json = """
            {"blocks": [
              {"id": 1, "type": "Split", "module": "%1$s", "values": {"elements": "a=1, b=2, c=3"}},
              {"id": 2, "type": "Scale", "module": "%1$s", "values": {"factor": "2"}},
              {"id": 3, "type": "Scale", "module": "%1$s", "values": {"factor": "%2$s"}},
              {"id": 4, "type": "Total", "module": "%1$s"},
              {"id": 5, "type": "Wave", "module": "%1$s", "values": {"level": "3"}},
              {"id": 6, "type": "Mean", "module": "%1$s"}],
             "edges": [
              {"id": 1, "block1": 1, "connector1": ["numbers", "output"], "block2": 2, "connector2": ["in", "input"]},
              {"id": 2, "block1": 2, "connector1": ["out", "output"], "block2": 3, "connector2": ["in", "input"]},
              {"id": 3, "block1": 3, "connector1": ["out", "output"], "block2": 4, "connector2": ["values", "input"]},
              {"id": 4, "block1": 5, "connector1": ["samples", "output"], "block2": 6, "connector2": ["samples", "input"]}
             ]}
            """.formatted(T, factor);
        return WorkflowPlan.compile(json, 100, registry);
    }

    private WorkflowRun open(long rowId, WorkflowPlan plan, long owner) throws Exception {
        WorkflowRun run = new WorkflowRun(rowId, plan, Map.of(), 1);
        run.checkpoints(Checkpoints.open(executor.folders.checkpoints(rowId), registry::codec));
        run.filesRoot(data.resolve("files"));
        run.cache(true, owner, 1000 + rowId, modules);
        return run;
    }

    private WorkflowRun runToTheEnd(long rowId, WorkflowPlan plan, long owner) throws Exception {
        WorkflowRun run = open(rowId, plan, owner);
        run.workers(2);
        executor.run(run);
        run.closeCheckpoints();
        assertTrue(run.isSettled(), "every block ended");
        assertFalse(run.hasFailures(), run.firstFailure());
        entries.jobs.add(rowId);
        return run;
    }

    /** The blocks of the job that ran (not reused), in order. */
    private List<Integer> ran(long rowId) {
        return results.get(rowId).values().stream().filter(r -> r.getReusedFromBlock() == null)
                .map(BlockRun::getBlockId).sorted().toList();
    }

    /** The elements of the job that ran, as "block key". */
    private List<String> elementsRan(long rowId) {
        return elements.getOrDefault(rowId, List.of()).stream().filter(e -> e.getReusedFromBlock() == null)
                .map(e -> e.getBlockId() + " " + e.getElementKey()).sorted().toList();
    }

    private BlockRun result(long rowId, int block) {
        return results.get(rowId).get(block);
    }

    @Test
    void theUnchangedWorkflowRunsNoBlockTheSecondTime() throws Exception {
        runToTheEnd(1, study("10"), 7);
        assertEquals(List.of(1, 2, 3, 4, 5, 6), ran(1));
        assertEquals("total of 3: 120.0", result(1, 4).getOutputValue(), "(1 + 2 + 3) x 2 x 10");
        assertEquals("not run before", result(1, 4).getRanBecause());

        runToTheEnd(2, study("10"), 7);
        assertEquals(List.of(), ran(2), "every block reused");
        assertEquals(List.of(), elementsRan(2), "every element reused");
        assertEquals(6, elements.get(2L).size());
        assertEquals("total of 3: 120.0", result(2, 4).getOutputValue());
        assertEquals("mean 3.0", result(2, 6).getOutputValue());
        assertEquals(1001L, result(2, 4).getReusedFromJob(), "the producing job's public id");
        assertEquals(4, result(2, 4).getReusedFromBlock());
        assertEquals(1001L, result(2, 3).getReusedFromJob(), "a mapped block whose elements were all reused");
        assertEquals("3 of 3 elements completed (3 reused from earlier jobs)", result(2, 3).getOutputValue());
        assertNull(result(2, 4).getRanBecause());

        runToTheEnd(3, study("10"), 8);
        assertEquals(List.of(1, 2, 3, 4, 5, 6), ran(3), "another user never gets these results");
    }

    @Test
    void aChangedPropertyRunsThatBlockAndWhatDependsOnIt() throws Exception {
        runToTheEnd(1, study("10"), 7);
        runToTheEnd(2, study("20"), 7);
        assertEquals(List.of(3, 4), ran(2));
        assertEquals(List.of("3 a", "3 b", "3 c"), elementsRan(2));
        assertEquals("total of 3: 240.0", result(2, 4).getOutputValue());
        ElementRun element = elements.get(2L).stream().filter(e -> e.getBlockId() == 3).findFirst().orElseThrow();
        assertEquals("property 'factor' changed: 10 -> 20", element.getRanBecause());
        assertEquals("input 'values' changed", result(2, 4).getRanBecause());
        assertEquals("3 of 3 elements ran; element a: property 'factor' changed: 10 -> 20",
                result(2, 3).getRanBecause());
    }

    @Test
    void aChangedSubjectFileRunsOnlyThatElementsChainAndTheGatheringBlock() throws Exception {
        Path study = Files.createDirectories(data.resolve("files/study"));
        Files.writeString(study.resolve("a.txt"), "1");
        Files.writeString(study.resolve("b.txt"), "2");
        Files.writeString(study.resolve("c.txt"), "3");
        String json = """
            {"blocks": [
              {"id": 1, "type": "Dataset", "module": "%1$s", "values": {"folder": "study"}},
              {"id": 2, "type": "Scale", "module": "%1$s", "values": {"factor": "2"}},
              {"id": 3, "type": "Scale", "module": "%1$s", "values": {"factor": "10"}},
              {"id": 4, "type": "Total", "module": "%1$s"}],
             "edges": [
              {"id": 1, "block1": 1, "connector1": ["numbers", "output"], "block2": 2, "connector2": ["in", "input"]},
              {"id": 2, "block1": 2, "connector1": ["out", "output"], "block2": 3, "connector2": ["in", "input"]},
              {"id": 3, "block1": 3, "connector1": ["out", "output"], "block2": 4, "connector2": ["values", "input"]}
             ]}
            """.formatted(T);
        WorkflowPlan plan = WorkflowPlan.compile(json, 100, registry);
        runToTheEnd(1, plan, 7);
        assertEquals("total of 3: 120.0", result(1, 4).getOutputValue());

        Path b = study.resolve("b.txt");
        Files.writeString(b, "5");
        Files.setLastModifiedTime(b, FileTime.fromMillis(Files.getLastModifiedTime(b).toMillis() + 5000));
        runToTheEnd(2, plan, 7);
        assertEquals(List.of(1, 2, 3, 4), ran(2), "the dataset is read again, blocks 2 and 3 in part, the total");
        assertEquals(List.of("2 b", "3 b"), elementsRan(2), "only element b's chain ran");
        assertEquals("the content of property 'folder' (study) changed", result(2, 1).getRanBecause());
        ElementRun element = elements.get(2L).stream().filter(e -> e.getBlockId() == 2
                && e.getElementKey().equals("b")).findFirst().orElseThrow();
        assertEquals("input 'in' changed", element.getRanBecause());
        assertEquals("total of 3: 180.0", result(2, 4).getOutputValue(), "(1 + 5 + 3) x 2 x 10");
        assertEquals("1 of 3 elements ran; element b: input 'in' changed", result(2, 2).getRanBecause());
    }

    @Test
    void aTamperedSamplesFileIsRecomputed() throws Exception {
        runToTheEnd(1, study("10"), 7);
        Path samples;
        try (Stream<Path> files = Files.list(executor.folders.values(1))) {
            samples = files.filter(f -> f.toString().endsWith(".f64")).findFirst().orElseThrow();
        }
        Files.setLastModifiedTime(samples, FileTime.fromMillis(Files.getLastModifiedTime(samples).toMillis()
                - 60_000));
        runToTheEnd(2, study("10"), 7);
        assertEquals(List.of(5), ran(2), "the Wave whose file changed ran; its Mean's key stayed the same");
        assertEquals(ResultCache.TAMPERED, result(2, 5).getRanBecause());
        assertEquals("mean 3.0", result(2, 6).getOutputValue());

        runToTheEnd(3, study("10"), 7);
        assertEquals(List.of(), ran(3), "the recomputed result is cached again");
    }

    @Test
    void keysChangeWithPropertiesFileContentAndModuleVersion() throws Exception {
        Path file = data.resolve("files/recording.edf");
        Files.writeString(file, "one");
        String json = """
            {"blocks": [{"id": 1, "type": "FileSize", "module": "%s", "values": {"file": "%s"}}], "edges": []}
            """;
        WorkflowPlan plan = WorkflowPlan.compile(json.formatted(T, "recording.edf"), 100, registry);
        String first = cache.keys().blockKey(open(1, plan, 7), 1);
        assertEquals(first, cache.keys().blockKey(open(2, plan, 7), 1), "the same inputs, the same key");
        long reads = cache.fileReads();
        assertEquals(first, cache.keys().blockKey(open(3, plan, 7), 1));
        assertEquals(reads, cache.fileReads(), "an unchanged file is not read again");

        String before = cache.keys().components(open(1, plan, 7), 1, null).toString();
        Files.writeString(file, "two");
        Files.setLastModifiedTime(file, FileTime.fromMillis(Files.getLastModifiedTime(file).toMillis() + 5000));
        String changed = cache.keys().blockKey(open(4, plan, 7), 1);
        assertNotEquals(first, changed, "the file's content changed");
        assertEquals(reads + 1, cache.fileReads(), "a touched file is hashed again");
        assertEquals("the content of property 'file' (recording.edf) changed", CacheKeys.whyItRuns(before,
                cache.keys().components(open(5, plan, 7), 1, null)));

        Files.writeString(data.resolve("files/other.edf"), "two");
        WorkflowPlan other = WorkflowPlan.compile(json.formatted(T, "other.edf"), 100, registry);
        assertNotEquals(changed, cache.keys().blockKey(open(6, other, 7), 1), "another property value");

        modules.put(T, new WorkflowRun.ModuleIdentity("hash 2", "4"));
        WorkflowRun upgraded = open(7, plan, 7);
        assertNotEquals(changed, cache.keys().blockKey(upgraded, 1), "another module version");
        modules.put(T, new WorkflowRun.ModuleIdentity("hash 1", "3"));
        assertEquals("module version 3 -> 4", CacheKeys.whyItRuns(
                cache.keys().components(open(8, plan, 7), 1, null).toString(),
                cache.keys().components(upgraded, 1, null)));
    }

    @Test
    void theLeastRecentlyUsedAreEvictedAndADeletedJobKeepsItsFilesWhileEntriesReferToThem() throws Exception {
        runToTheEnd(1, study("10"), 7);
        int all = entries.rows.size();
        assertEquals(10, all, "blocks 1, 4, 5, 6 and the three elements of blocks 2 and 3");
        entries.jobs.remove(1L);
        cache.jobDeleted(1);
        assertTrue(Files.isDirectory(executor.folders.values(1)), "the deleted job's values are kept");

        maxBytes = entries.totalSize() - 1;
        cache.evict();
        assertEquals(all - 1, entries.rows.size(), "the least recently used entry went");
        assertTrue(Files.isDirectory(executor.folders.root(1)));

        maxBytes = 0;
        cache.evict();
        assertEquals(0, entries.rows.size());
        assertFalse(Files.exists(executor.folders.root(1)), "its last entry took the deleted job's files along");
    }

    /** The cache's rows in memory. */
    private static final class MemoryEntries implements CacheEntries {
        final Map<Long, CachedResult> rows = new TreeMap<>();
        final Set<Long> jobs = new HashSet<>();
        private final AtomicLong ids = new AtomicLong();
        private final AtomicLong clock = new AtomicLong();

        @Override
        public synchronized CachedResult find(long ownerId, String key) {
            return rows.values().stream().filter(r -> r.getOwnerId() == ownerId && r.getCacheKey().equals(key))
                    .findFirst().orElse(null);
        }

        @Override
        public synchronized CachedResult latest(long ownerId, String blockType, int blockId, String elementKey) {
            CachedResult latest = null;
            for (CachedResult row : rows.values()) {
                if (row.getOwnerId() == ownerId && row.getBlockType().equals(blockType) && row.getBlockId() == blockId
                        && java.util.Objects.equals(row.getElementKey(), elementKey)) {
                    latest = row;
                }
            }
            return latest;
        }

        @Override
        public synchronized void save(CachedResult entry) {
            rows.values().removeIf(r -> r.getOwnerId() == entry.getOwnerId()
                    && r.getCacheKey().equals(entry.getCacheKey()));
            entry.setId(ids.incrementAndGet());
            entry.setLastUsed(clock.incrementAndGet());
            rows.put(entry.getId(), entry);
        }

        @Override
        public synchronized void touch(long id, long nowMillis) {
            CachedResult row = rows.get(id);
            if (row != null) {
                row.setLastUsed(clock.incrementAndGet());
            }
        }

        @Override
        public synchronized void remove(long id) {
            rows.remove(id);
        }

        @Override
        public synchronized long totalSize() {
            return rows.values().stream().mapToLong(CachedResult::getSizeBytes).sum();
        }

        @Override
        public synchronized List<CachedResult> leastRecentlyUsed(int max) {
            List<CachedResult> sorted = new ArrayList<>(rows.values());
            sorted.sort(java.util.Comparator.comparingLong(CachedResult::getLastUsed));
            return sorted.subList(0, Math.min(max, sorted.size()));
        }

        @Override
        public synchronized long countOfJob(long jobRowId) {
            return rows.values().stream().filter(r -> r.getJobId() == jobRowId).count();
        }

        @Override
        public synchronized boolean jobExists(long jobRowId) {
            return jobs.contains(jobRowId);
        }
    }

    /** A thread factory as the server's managed one, for the block threads. */
    private static final class ThreadFactoryForTests implements ManagedThreadFactory {
        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, "block");
            thread.setDaemon(true);
            return thread;
        }

        @Override
        public ForkJoinWorkerThread newThread(ForkJoinPool pool) {
            return ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
        }
    }
}
