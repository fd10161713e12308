/**
 * Not part of the app: a class that {@code server-config/payara/run.sh} puts on Payara Micro's boot class path
 * ({@code target/eeg-workflow-payara-boot.jar}, JDK only), for what the app cannot change from inside the server.
 */
package org.eegworkflow.payara;
