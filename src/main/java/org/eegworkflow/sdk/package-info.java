/**
 * The block SDK: the whole contract between the engine and a block author. A block is a plain class carrying
 * {@link org.eegworkflow.sdk.BlockType}; its fields carry {@link org.eegworkflow.sdk.BlockInput},
 * {@link org.eegworkflow.sdk.BlockOutput} and {@link org.eegworkflow.sdk.BlockProperty}, and one method carries
 * {@link org.eegworkflow.sdk.BlockExecute}. Values too big for the heap are {@link org.eegworkflow.sdk.Samples},
 * kept in files of the job. This package depends on nothing but the JDK.
 */
package org.eegworkflow.sdk;
