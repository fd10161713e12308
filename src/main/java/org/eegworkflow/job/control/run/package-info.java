/**
 * A job's run on this server: its workflow compiled once into a plan ({@code WorkflowPlans}), the run's shared state
 * that the run's workers drain of ready blocks ({@code WorkflowRun}, {@code WorkflowRuns}), the execution of one
 * block with its timeout, memory and result ({@code BlockExecutor}), and the checkpoints a restart reuses.
 */
package org.eegworkflow.job.control.run;
