/**
 * The block worker: one block (or one element of a study) run in a plain JVM outside the app server, for example as a
 * Slurm job, with its inputs and outputs passed as value files in the shared data folder; plain Java, no container.
 */
package org.eegworkflow.worker;
