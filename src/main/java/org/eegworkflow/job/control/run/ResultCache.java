package org.eegworkflow.job.control.run;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;

import org.eegworkflow.block.control.BlockSpec;
import org.eegworkflow.block.control.ErrorReasons;
import org.eegworkflow.job.control.events.Artefacts;
import org.eegworkflow.job.control.store.CacheEntries;
import org.eegworkflow.job.control.store.JobFolders;
import org.eegworkflow.job.entity.CachedResult;
import org.eegworkflow.platform.Settings;
import org.eegworkflow.worker.ValueRecords;
import org.eegworkflow.sdk.StandardCodecs;

/**
 * The result cache across jobs: a block (or element) whose key ({@link CacheKeys}) matches a stored result of the
 * same user is not run; its values are read back, its file linked into the job's folder. An entry holds its values'
 * codec encoding in {@code <data>/cache/<owner>/<key>.bin} with the files that encoding refers to (size and
 * modification time each): an entry whose files changed or went is dropped and the block runs. Only completed
 * results whose outputs all have codecs are stored; past {@code eegwf.cache.max.mb} the least recently used go.
 * Whatever goes wrong in here (a disk, the database), the block simply runs: the cache never fails a job.
 */
@ApplicationScoped
public class ResultCache {
    private static final Logger LOG = Logger.getLogger(ResultCache.class.getName());
    private static final int MAGIC = 0x45574331; // "EWC1"
    static final String TAMPERED = "its cached result's files were changed or deleted";

    @Inject
    CacheEntries entries;

    @Inject
    JobFolders folders;

    @Inject
    Settings settings;

    private final ContentHashes hashes = new ContentHashes();
    private final CacheKeys keys = new CacheKeys(hashes);

    /**
     * What the cache has for a block (element null) or one element of a mapped block.
     *
     * @return null when the cache is off for the run or the block is not cacheable; else a hit, or a miss saying
     *         why the block runs
     */
    public Lookup lookup(WorkflowRun run, int block, String element) {
        BlockSpec spec = run.spec(block);
        if (!run.cacheOn() || !spec.cacheable() || run.codecs() == null) {
            return null;
        }
        try {
            String key = keys.keyOf(run, block, element);
            CachedResult entry = entries.find(run.ownerId(), key);
            if (entry != null) {
                Lookup hit = reuse(run, block, element, entry);
                if (hit != null) {
                    entries.touch(entry.getId(), System.currentTimeMillis());
                    return hit;
                }
                drop(entry);
                return Lookup.miss(TAMPERED);
            }
            JsonObject now = keys.components(run, block, element);
            CachedResult latest = entries.latest(run.ownerId(), typeOf(spec), block, element);
            return Lookup.miss(CacheKeys.whyItRuns(latest == null ? null : latest.getComponents(), now));
        } catch (Throwable t) {
            ErrorReasons.restoreInterrupt(t);
            LOG.log(Level.WARNING, "block " + block + " of job row " + run.rowId() + ": the result cache could not"
                    + " be read, the block runs", t);
            ErrorReasons.rethrowIfThreadDeath(t);
            return Lookup.miss(null);
        }
    }

    /** The entry's values and file, if every file it refers to is as it was; null when not. */
    private Lookup reuse(WorkflowRun run, int block, String element, CachedResult entry) throws IOException {
        Path bin = binOf(entry.getOwnerId(), entry.getCacheKey());
        if (!Files.isRegularFile(bin)) {
            return null;
        }
        Map<String, Object> outputs;
        try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(bin)))) {
            if (in.readInt() != MAGIC) {
                return null;
            }
            int count = in.readInt();
            for (int i = 0; i < count; i++) {
                Path file = Path.of(StandardCodecs.readString(in));
                long size = in.readLong();
                long modified = in.readLong();
                if (!Files.isRegularFile(file) || Files.size(file) != size
                        || Files.getLastModifiedTime(file).toMillis() != modified) {
                    return null;
                }
            }
            outputs = ValueRecords.readOutputs(in, run.spec(block).outputs(), run.codecs());
        } catch (IOException | RuntimeException unreadable) {
            return null;
        }
        if (outputs == null) {
            return null;
        }
        Artefacts.Shown shown = entry.getOutputType() == null ? null
                : new Artefacts.Shown(entry.getOutputType(), entry.getOutputValue());
        if (entry.getArtefact() != null) {
            Path from = folders.files(entry.getJobId()).resolve(entry.getArtefact());
            String oldPrefix = prefix(entry.getBlockId(), entry.getElementKey());
            String name = prefix(block, element) + (entry.getArtefact().startsWith(oldPrefix)
                    ? entry.getArtefact().substring(oldPrefix.length()) : entry.getArtefact());
            Path to = folders.files(run.rowId()).resolve(name);
            if (!from.equals(to)) {
                Files.createDirectories(to.getParent());
                Files.deleteIfExists(to);
                try {
                    Files.createLink(to, from);
                } catch (IOException | UnsupportedOperationException e) {
                    Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            shown = new Artefacts.Shown(entry.getOutputType(), name);
        }
        return new Lookup(outputs, shown, entry.getJobPublicId(), entry.getBlockId(), null);
    }

    /** The start of the names Artefacts gives a block's (or element's) files. */
    private static String prefix(int block, String element) {
        return block + (element == null ? "" : "-" + element.replaceAll("[^A-Za-z0-9._-]", "_")) + "-";
    }

    /**
     * Stores a completed result (element null: a block's), unless the cache is off, the block is not cacheable or an
     * output has no codec; then evicts what is over the limit. Never throws.
     */
    public void store(WorkflowRun run, int block, String element, Map<String, Object> outputs,
                      Artefacts.Shown shown) {
        BlockSpec spec = run.spec(block);
        if (!run.cacheOn() || !spec.cacheable() || run.codecs() == null
                || !Checkpoints.encodable(spec, run.codecs())) {
            return;
        }
        try {
            String key = keys.keyOf(run, block, element);
            JsonObject components = keys.components(run, block, element);
            Set<Path> files = new LinkedHashSet<>();
            ByteArrayOutputStream values = new ByteArrayOutputStream();
            try (StandardCodecs.FileRecording recording = StandardCodecs.recordFiles(files::add)) {
                ValueRecords.writeOutputs(new DataOutputStream(values), spec.outputs(), outputs, run.codecs());
            }
            String artefact = null;
            if (shown != null && !Artefacts.STRING.equals(shown.type())) {
                artefact = shown.value();
                files.add(folders.files(run.rowId()).resolve(artefact).toAbsolutePath());
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeInt(MAGIC);
            out.writeInt(files.size());
            long size = 0;
            for (Path file : files) {
                long length = Files.size(file);
                size += length;
                StandardCodecs.writeString(out, file.toString());
                out.writeLong(length);
                out.writeLong(Files.getLastModifiedTime(file).toMillis());
            }
            values.writeTo(out);
            out.flush();
            Path bin = binOf(run.ownerId(), key);
            Files.createDirectories(bin.getParent());
            Path partial = Files.createTempFile(bin.getParent(), key, ".part");
            Files.write(partial, bytes.toByteArray());
            Files.move(partial, bin, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            entries.save(new CachedResult(run.ownerId(), key, run.rowId(), run.publicId(), block, element,
                    typeOf(spec), shown == null ? null : shown.type(), shown == null ? null : shown.value(), artefact,
                    components.toString(), size + bytes.size(), Instant.now()));
            evict();
        } catch (Throwable t) {
            ErrorReasons.restoreInterrupt(t);
            LOG.log(Level.WARNING, "block " + block + " of job row " + run.rowId() + ": its result could not be"
                    + " cached", t);
            ErrorReasons.rethrowIfThreadDeath(t);
        }
    }

    /** Drops the least recently used entries while the cache holds more than {@code eegwf.cache.max.mb}. */
    void evict() {
        long limit = settings.cacheMaxBytes();
        long total = entries.totalSize();
        while (total > limit) {
            List<CachedResult> oldest = entries.leastRecentlyUsed(50);
            if (oldest.isEmpty()) {
                return;
            }
            for (CachedResult entry : oldest) {
                if (total <= limit) {
                    return;
                }
                drop(entry);
                total -= entry.getSizeBytes();
            }
        }
    }

    /** Removes an entry and its encoding; the last entry of a deleted job takes that job's kept files with it. */
    private void drop(CachedResult entry) {
        entries.remove(entry.getId());
        try {
            Files.deleteIfExists(binOf(entry.getOwnerId(), entry.getCacheKey()));
        } catch (IOException e) {
            LOG.log(Level.FINE, "cannot delete a cache entry's file", e);
        }
        if (entries.countOfJob(entry.getJobId()) == 0 && !entries.jobExists(entry.getJobId())) {
            folders.delete(entry.getJobId());
        }
    }

    /**
     * A job is being deleted: its row and results go, and its folder too unless cache entries refer to its files
     * (its checkpointed values and shown files): then only its scratch space goes, the rest once the last such
     * entry is evicted.
     */
    public void jobDeleted(long rowId) {
        if (entries.countOfJob(rowId) > 0) {
            folders.deleteWork(rowId);
        } else {
            folders.delete(rowId);
        }
    }

    private Path binOf(long owner, String key) {
        return folders.cache(owner).resolve(key + ".bin");
    }

    private static String typeOf(BlockSpec spec) {
        return spec.module() + ":" + spec.name();
    }

    /** For tests: how many files were read to hash them. */
    long fileReads() {
        return hashes.reads();
    }

    /** For tests: the keys. */
    CacheKeys keys() {
        return keys;
    }

    /**
     * What the cache had.
     *
     * @param outputs    the reused values, or null on a miss
     * @param shown      what the reused result shows (its file in this job's folder)
     * @param fromJob    the producing job's public id
     * @param fromBlock  the producing block
     * @param ranBecause on a miss, why the block runs (null when not known)
     */
    public record Lookup(Map<String, Object> outputs, Artefacts.Shown shown, Long fromJob, int fromBlock,
                         String ranBecause) {
        static Lookup miss(String reason) {
            return new Lookup(null, null, null, 0, reason);
        }

        public boolean hit() {
            return outputs != null;
        }
    }
}
