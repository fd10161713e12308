package org.eegworkflow.job.control.run;

/**
 * A stored job cannot run for a reason of its own (its workflow or its modules no longer compile), not the
 * database's: the job ends FAILED with this message and is not run again by itself.
 */
public class CannotRunException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CannotRunException(String message, Throwable cause) {
        super(message, cause);
    }
}
