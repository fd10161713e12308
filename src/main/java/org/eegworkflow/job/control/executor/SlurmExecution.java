package org.eegworkflow.job.control.executor;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eegworkflow.block.control.BlockInvoker;
import org.eegworkflow.block.control.BlockSpec;
import org.eegworkflow.job.control.store.RemoteTasks;
import org.eegworkflow.platform.Settings;

/**
 * The Slurm executor in the container: a {@link SlurmRunner} wired to the settings, the database and a managed
 * thread, and the choice of which blocks it takes ({@link #takes}).
 */
@ApplicationScoped
public class SlurmExecution implements BlockExecution {

    @Inject
    Settings settings;

    @Inject
    RemoteTasks tasks;

    @Inject
    WorkerClasspath classpath;

    @Resource
    ManagedThreadFactory threads;

    private SlurmRunner runner;

    private synchronized SlurmRunner runner() {
        if (runner == null) {
            String bin = settings.text("slurm.bin", null);
            runner = new SlurmRunner(new SlurmCommands(bin == null ? null : Path.of(bin)), tasks, classpath::get,
                    this::config, threads);
        }
        return runner;
    }

    /**
     * Whether a block goes to Slurm: with {@code executor=slurm}, every block but those of the modules listed in
     * {@code slurm.local.modules} (default the arithmetic blocks: a Slurm job's start-up would dwarf them).
     */
    public boolean takes(BlockSpec spec) {
        if (!settings.executor().equals(SlurmRunner.KIND)) {
            return false;
        }
        Set<String> local = Arrays.stream(settings.text("slurm.local.modules", "Arithmetic.zip:Arithmetic")
                .split(",")).map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
        return !local.contains(spec.module());
    }

    SlurmRunner.Config config() {
        List<String> options = new ArrayList<>();
        for (String option : List.of("partition", "account", "qos")) {
            String value = settings.text("slurm." + option, null);
            if (value != null) {
                options.add("--" + option + "=" + value);
            }
        }
        return new SlurmRunner.Config(settings.dataDir().resolve("slurm"),
                settings.text("slurm.java", Path.of(System.getProperty("java.home"), "bin", "java").toString()),
                options, (int) settings.value("slurm.array.limit", 100),
                (long) settings.value("slurm.poll.ms", 1000), (long) settings.value("slurm.jvm.overhead.mb", 384),
                settings.defaultBlockMemoryMb(), (long) settings.value("slurm.heap.min.mb", 256),
                (long) settings.value("slurm.result.grace.ms", 3000),
                Boolean.parseBoolean(settings.text("slurm.requeue", "false")));
    }

    @Override
    public String kind() {
        return SlurmRunner.KIND;
    }

    @Override
    public boolean timesBlocks() {
        return true;
    }

    @Override
    public List<Future<BlockInvoker.Outcome>> start(List<Invocation> invocations,
                                                    BlockingQueue<Future<BlockInvoker.Outcome>> done) {
        return runner().start(invocations, done);
    }

    @PreDestroy
    synchronized void close() {
        if (runner != null) {
            runner.close();
        }
    }
}
