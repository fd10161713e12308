/**
 * Where a ready block runs: on the app server's own threads ({@code local}, the default) or as a job of a cluster's
 * scheduler ({@code slurm}), chosen by the setting {@code eegwf.executor}; the engine waits on a future either way.
 */
package org.eegworkflow.job.control.executor;
