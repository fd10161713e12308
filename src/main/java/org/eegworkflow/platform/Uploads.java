package org.eegworkflow.platform;

import java.io.IOException;
import java.io.InputStream;

/** What every upload endpoint does with the body of an upload it refuses. */
public final class Uploads {
    /** The most of a refused body that is read and thrown away; past it the connection is closed on the client. */
    static final long DISCARD_MAX = 4L << 30;

    private Uploads() {
    }

    /**
     * Reads the rest of a refused request's body without keeping any of it, so that the client, still sending,
     * receives the answer: a server that answers and closes with unread bytes resets the connection, and most
     * clients (browsers, java.net.http) then report a broken connection instead of the error. Nothing of it is
     * stored; beyond {@link #DISCARD_MAX} bytes the rest is left to the server, which closes the connection.
     */
    public static void discardRest(InputStream body) {
        byte[] buffer = new byte[64 * 1024];
        long discarded = 0;
        try {
            for (int n; discarded < DISCARD_MAX && (n = body.read(buffer)) >= 0; ) {
                discarded += n;
            }
        } catch (IOException e) {
            // the client gave up: nobody is left to read the answer
        }
    }
}
