/**
 * This server as one node of several on one database: its heartbeat, the stops asked for on other nodes, the events
 * of jobs running elsewhere, and the nodes found dead, whose jobs are recovered.
 */
package org.eegworkflow.job.control.cluster;
