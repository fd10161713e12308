package org.eegworkflow;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The REST API lives under {@code /api}; the web designer is served from the root. */
@ApplicationPath("api")
public class RestApplication extends Application {
}
