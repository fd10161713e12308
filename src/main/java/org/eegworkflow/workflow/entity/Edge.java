package org.eegworkflow.workflow.entity;

/**
 * A connection, always stored output-first whichever way round the workflow wrote it.
 *
 * @param from the block whose output feeds the edge
 * @param to   the block whose input receives it
 */
public record Edge(int id, int from, String output, int to, String input) {
}
