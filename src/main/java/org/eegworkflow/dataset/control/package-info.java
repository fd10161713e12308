/** Describing a folder of the caller's files by asking each module's dataset reader. */
package org.eegworkflow.dataset.control;
