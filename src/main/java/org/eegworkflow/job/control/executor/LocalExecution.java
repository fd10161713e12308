package org.eegworkflow.job.control.executor;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.function.Supplier;

import org.eegworkflow.block.control.BlockInvoker;

/** The default executor: each block on a thread of the app server's own, through the SDK contract. */
public final class LocalExecution implements BlockExecution {
    public static final String KIND = "local";

    private final Supplier<ExecutorService> threads;

    /** @param threads the pool blocks run on (a thread each, so a block that hangs never holds a worker) */
    public LocalExecution(Supplier<ExecutorService> threads) {
        this.threads = threads;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public boolean timesBlocks() {
        return false;
    }

    @Override
    public List<Future<BlockInvoker.Outcome>> start(List<Invocation> invocations,
                                                    BlockingQueue<Future<BlockInvoker.Outcome>> done) {
        List<Future<BlockInvoker.Outcome>> started = new ArrayList<>();
        for (Invocation i : invocations) {
            // a FutureTask, so cancel(true) interrupts the block's thread (a CompletableFuture would not)
            FutureTask<BlockInvoker.Outcome> task = new FutureTask<>(() -> BlockInvoker.invoke(i.spec(), i.values(),
                    i.inputs(), i.context(), i.filesRoot())) {
                @Override
                protected void done() {
                    if (done != null) {
                        done.add(this);
                    }
                }
            };
            threads.get().execute(task);
            started.add(task);
        }
        return started;
    }
}
