package org.eegworkflow.block.control;

import java.util.Optional;

import org.eegworkflow.sdk.StandardCodecs;
import org.eegworkflow.sdk.ValueCodec;

/** The block types one workflow may use: the built-in modules plus whatever modules its user can see. */
public interface BlockCatalog {

    boolean hasModule(String module);

    Optional<BlockSpec> find(String module, String type);

    /** The codec for values of a connector type: the SDK's own, or one a module in this catalog provides. */
    default Optional<ValueCodec> codec(String type) {
        return StandardCodecs.forType(type);
    }
}
