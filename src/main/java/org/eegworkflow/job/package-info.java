/**
 * Jobs: a stored workflow run by Jakarta Batch. Scheduling stores the workflow and starts the {@code workflow} batch
 * job, whose workers take ready blocks from the workflow's graph, run them and store each result as it finishes;
 * the REST side lists jobs and reads their results back.
 */
package org.eegworkflow.job;
