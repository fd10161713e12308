package org.eegworkflow.platform;

import jakarta.batch.operations.JobOperator;
import jakarta.batch.runtime.BatchRuntime;

/**
 * The batch runtime's job operator, looked up once. {@code BatchRuntime.getJobOperator()} goes through the
 * ServiceLoader on every call; on Payara that scans the web app's jars under a lock, and a profile of 20 clients
 * scheduling found it on every schedule, stop and health check. The operator is the deployment's: this class is loaded
 * by the deployment's class loader, so a redeployment looks it up anew.
 */
public final class BatchOperator {
    private static volatile JobOperator operator;

    private BatchOperator() {
    }

    public static JobOperator get() {
        JobOperator found = operator;
        if (found == null) {
            // two threads may both look it up at first: the runtime gives the same operator, either is fine
            found = BatchRuntime.getJobOperator();
            operator = found;
        }
        return found;
    }
}
