/**
 * Block types: reads SDK-annotated classes into block type descriptions, keeps the registry of modules a user may
 * use, and invokes a block through the SDK contract (properties and inputs in, outputs and display out).
 */
package org.eegworkflow.block;
