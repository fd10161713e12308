/**
 * The artifacts of the {@code workflow} batch job (META-INF/batch-jobs/workflow.xml): an admission step, then one
 * partitioned step whose mapper opens the job's run, whose partitions drain it of ready blocks in parallel, and whose
 * reducer reports the blocks done; a listener reports each execution's end. They decide nothing about the job's
 * status: they tell {@code JobLifecycle} what happened.
 */
package org.eegworkflow.job.batch;
