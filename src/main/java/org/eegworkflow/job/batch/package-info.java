/**
 * The artifacts of the {@code workflow} batch job (META-INF/batch-jobs/workflow.xml): an admission step, then one
 * step that opens the job's run, has the executor's workers drain it of ready blocks (in parallel where the graph
 * allows) and reports the blocks done; a listener reports each execution's end. They decide nothing about the job's
 * status: they tell {@code JobLifecycle} what happened.
 */
package org.eegworkflow.job.batch;
