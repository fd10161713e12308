package org.eegworkflow.sdk;

import java.util.List;

/**
 * A library of block types packaged inside the server's WAR (a lab's own blocks, or test blocks), found with
 * {@link java.util.ServiceLoader}: list the implementing class in
 * {@code META-INF/services/org.eegworkflow.sdk.BlockModule} of its jar. Uploaded module archives need no such class.
 */
public interface BlockModule {

    /** The module as workflows refer to it, {@code "<archive>:<module>"}, for example {@code "Lab.jar:Lab"}. */
    String name();

    /** The module's block classes, each carrying {@link BlockType}. */
    List<Class<?>> blockTypes();

    /**
     * Optional, default none. Codecs for the module's own connector types, so the engine can checkpoint their values
     * (see {@link ValueCodec}); a type without one is recomputed after a restart.
     */
    default List<ValueCodec> codecs() {
        return List.of();
    }

    /**
     * Optional, default none. Readers that describe a folder of a user's data files as a dataset (which recordings,
     * subjects, sessions, channels, bad channels, events), for {@code GET /api/datasets/{folder}}; see
     * {@link DatasetReader}. Only modules packaged in the WAR are asked.
     */
    default List<DatasetReader> datasetReaders() {
        return List.of();
    }
}
