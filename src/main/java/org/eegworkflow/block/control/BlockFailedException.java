package org.eegworkflow.block.control;

/** A block that did not complete; the message is what its stderr shows. */
public class BlockFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BlockFailedException(String message) {
        super(message);
    }

    public BlockFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
