package org.eegworkflow.platform;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The API's time format: ISO-8601 UTC, and {@code ""} for a time that has not happened yet. Entities keep times as
 * epoch milliseconds: a plain BIGINT means the same on H2 and PostgreSQL under Hibernate and EclipseLink alike
 * (EclipseLink 4 stores an {@code Instant} attribute on H2 as serialized bytes).
 */
public final class Times {
    private Times() {
    }

    public static String format(Instant instant) {
        return instant == null ? "" : instant.truncatedTo(ChronoUnit.MILLIS).toString();
    }

    public static Long millis(Instant instant) {
        return instant == null ? null : instant.toEpochMilli();
    }

    public static Instant instant(Long millis) {
        return millis == null ? null : Instant.ofEpochMilli(millis);
    }
}
