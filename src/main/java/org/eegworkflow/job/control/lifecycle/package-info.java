/**
 * A job's status and its place: {@code JobLifecycle} makes every status change (each a conditional update of the
 * row), {@code JobDispatcher} decides which jobs hold the places to run and which wait, {@code JobLauncher} starts
 * batch executions, {@code JobRecovery} puts right what a stopped server or node left behind.
 */
package org.eegworkflow.job.control.lifecycle;
