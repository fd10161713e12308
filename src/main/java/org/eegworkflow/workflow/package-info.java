/**
 * Workflows: the JSON the designer sends (blocks and edges), parsed into a model and validated as a whole before
 * anything is stored: known block types, connectors, types, cardinality, property values and an acyclic graph.
 */
package org.eegworkflow.workflow;
