/**
 * A user's jobs as the resources ask for them ({@code JobService}: schedule, find, stop, restart, delete, files); the
 * engine underneath is in layers, each seeing only those below it: {@code store} (the job rows and folders),
 * {@code events} (what a job's listeners are told), {@code run} (a job's blocks running on this server),
 * {@code lifecycle} (the job's status, its place among running jobs, its start and its end) and {@code cluster}
 * (this server as one node of several).
 */
package org.eegworkflow.job.control;
