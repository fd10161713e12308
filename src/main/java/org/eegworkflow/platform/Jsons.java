package org.eegworkflow.platform;

import jakarta.json.spi.JsonProvider;

/**
 * The JSON-P provider, looked up once. Each {@code Json.createXxx} call looks the provider up again through the
 * ServiceLoader; on Payara that scans the class path under a jar lock, and 50 users polling their job lists kept
 * most request threads waiting on it (LoadSlowIT).
 */
public final class Jsons {
    public static final JsonProvider PROVIDER = JsonProvider.provider();

    private Jsons() {
    }
}
