package org.eegworkflow.job.control.executor;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.eegworkflow.block.control.BlockSpec;
import org.eegworkflow.sdk.BlockContext;
import org.eegworkflow.sdk.ValueCodec;

/**
 * One run of a block, or of one element of a mapped block, as the engine hands it to an executor.
 *
 * @param rowId      the job's row id
 * @param jobId      the job's public id (what {@code BlockContext.jobId} gives)
 * @param elementKey the element's key; null for a block run once
 * @param context    what the block sees of the engine; a remote executor adds the worker's log lines to it
 * @param filesRoot  the owner's data folder for FILE properties, or null
 * @param workDir    the job's working folder
 * @param valuesDir  the job's checkpoint folder, where new samples go
 * @param filesDir   the job's files folder, where what the block shows is stored
 * @param codecs     the codecs of the job's connector types
 * @param limitMillis the block time limit, counted from the moment the block starts running
 * @param followers  blocks a remote executor runs after this one on the same element, or null (a local executor
 *                   runs none: its blocks start in no time)
 */
public record Invocation(long rowId, String jobId, int blockId, String elementKey, int attempt, BlockSpec spec,
                         Map<String, String> values, Map<String, List<Object>> inputs, BlockContext context,
                         Path filesRoot, Path workDir, Path valuesDir, Path filesDir,
                         Function<String, Optional<ValueCodec>> codecs, long limitMillis, Followers followers) {

    /** An invocation without followers. */
    public Invocation(long rowId, String jobId, int blockId, String elementKey, int attempt, BlockSpec spec,
                      Map<String, String> values, Map<String, List<Object>> inputs, BlockContext context,
                      Path filesRoot, Path workDir, Path valuesDir, Path filesDir,
                      Function<String, Optional<ValueCodec>> codecs, long limitMillis) {
        this(rowId, jobId, blockId, elementKey, attempt, spec, values, inputs, context, filesRoot, workDir, valuesDir,
                filesDir, codecs, limitMillis, null);
    }

    /** This invocation with blocks to run after it on the same element. */
    public Invocation withFollowers(Followers next) {
        return new Invocation(rowId, jobId, blockId, elementKey, attempt, spec, values, inputs, context, filesRoot,
                workDir, valuesDir, filesDir, codecs, limitMillis, next);
    }
}
