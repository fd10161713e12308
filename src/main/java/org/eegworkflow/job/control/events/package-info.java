/**
 * What the listeners of a job are told: typed events ({@code JobEvent}), their one wire form ({@code JobEventJson},
 * the live stream and the job details alike), who follows which job ({@code JobEvents}), and how a block's output is
 * shown (a string, or a stored file).
 */
package org.eegworkflow.job.control.events;
