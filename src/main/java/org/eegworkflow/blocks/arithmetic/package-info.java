/**
 * The built-in arithmetic module, {@code Arithmetic.zip:Arithmetic}: the old system's example blocks, written only
 * against the block SDK, exactly as an outside author would write them.
 */
package org.eegworkflow.blocks.arithmetic;
