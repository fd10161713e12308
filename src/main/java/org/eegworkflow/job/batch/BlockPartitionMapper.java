package org.eegworkflow.job.batch;

import java.util.Properties;

import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.partition.PartitionMapper;
import jakarta.batch.api.partition.PartitionPlan;
import jakarta.batch.api.partition.PartitionPlanImpl;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.eegworkflow.block.control.ErrorReasons;
import org.eegworkflow.job.control.lifecycle.JobDispatcher;
import org.eegworkflow.job.control.lifecycle.JobLauncher;
import org.eegworkflow.job.control.lifecycle.JobLifecycle;
import org.eegworkflow.job.control.run.CannotRunException;
import org.eegworkflow.job.control.run.WorkflowRun;
import org.eegworkflow.job.control.run.WorkflowRuns;
import org.eegworkflow.platform.DatabaseFailures;
import org.eegworkflow.platform.Settings;

/** Opens the job's run and gives it as many partitions (workers) as blocks may run at once. */
@Named
@Dependent
public class BlockPartitionMapper implements PartitionMapper {

    @Inject
    @BatchProperty(name = JobLauncher.JOB_ROW_ID)
    String jobRowId;

    @Inject
    WorkflowRuns runs;

    @Inject
    Settings settings;

    @Inject
    JobDispatcher dispatcher;

    @Inject
    JobContext jobContext;

    @Inject
    JobLifecycle lifecycle;

    @Override
    public PartitionPlan mapPartitions() {
        long id = Long.parseLong(jobRowId);
        if (!dispatcher.isAdmitted(id, jobContext.getExecutionId())) {
            // JBeret goes on to this step even when the admission step failed (its transition is "*")
            throw new IllegalStateException("execution " + jobContext.getExecutionId() + " of job row " + id
                    + " was not admitted");
        }
        WorkflowRun run;
        try {
            run = runs.open(id);
        } catch (CannotRunException e) {
            // its workflow or modules no longer compile: it fails saying why, and is not run again by itself
            lifecycle.cannotRun(id, e.getMessage());
            throw e;
        } catch (RuntimeException e) {
            if (!DatabaseFailures.isUnavailable(e)) {
                // the job itself cannot run (not the database): it fails, and is not run again by itself
                lifecycle.cannotRun(id, "");
            }
            throw e;
        } catch (Throwable t) {
            // an Error while the run was read (its checkpoints, its modules' classes): the job fails with the reason;
            // the batch runtime gets an exception it handles like any other failed step
            ErrorReasons.restoreInterrupt(t);
            ErrorReasons.rethrowIfThreadDeath(t);
            lifecycle.cannotRun(id, "the server could not open this job's run: "
                    + ErrorReasons.describe(t, "reading the workflow, its modules and checkpoints", 0));
            throw new IllegalStateException("job row " + id + ": its run could not be opened", t);
        }
        int blocks = run.workflow().blocks().size() - run.reused().size();
        int partitions = Math.max(1, Math.min(settings.parallelism(), blocks));
        Properties[] properties = new Properties[partitions];
        for (int i = 0; i < partitions; i++) {
            properties[i] = new Properties();
            properties[i].setProperty(JobLauncher.JOB_ROW_ID, jobRowId);
        }
        PartitionPlan plan = new PartitionPlanImpl();
        plan.setPartitions(partitions);
        plan.setThreads(partitions);
        plan.setPartitionProperties(properties);
        return plan;
    }
}
