package org.eegworkflow.block.control;

/** A block class that breaks the SDK contract; the message names the class, the member and the fix. */
public class BlockDefinitionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BlockDefinitionException(String message) {
        super(message);
    }
}
