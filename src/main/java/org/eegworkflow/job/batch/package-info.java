/**
 * The artifacts of the {@code workflow} batch job (META-INF/batch-jobs/workflow.xml): one partitioned step whose
 * mapper opens the job's run, whose partitions drain it of ready blocks in parallel, and whose reducer turns a failed
 * block into a failed step; a listener keeps the job row's status in step with the batch execution.
 */
package org.eegworkflow.job.batch;
