package org.eegworkflow.job.control.store;

import java.util.List;

import org.eegworkflow.job.entity.CachedResult;

/** The rows of the result cache: each method one short transaction (or none, in a test's store in memory). */
public interface CacheEntries {

    /** The owner's entry under that key, or null. */
    CachedResult find(long ownerId, String key);

    /** The owner's newest entry for that block (type and id; element key, or null for a block), or null. */
    CachedResult latest(long ownerId, String blockType, int blockId, String elementKey);

    /** Stores an entry, replacing the owner's entry under the same key. */
    void save(CachedResult entry);

    /** The entry was used now. */
    void touch(long id, long nowMillis);

    void remove(long id);

    /** What every entry takes, in bytes. */
    long totalSize();

    /** The least recently used entries first, at most {@code max}. */
    List<CachedResult> leastRecentlyUsed(int max);

    /** How many entries refer to the files of that job row. */
    long countOfJob(long jobRowId);

    /** Whether the job row still exists (its files are kept for the cache after it is deleted). */
    boolean jobExists(long jobRowId);
}
