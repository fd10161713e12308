package org.eegworkflow.auth.boundary;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OldClientTest {

    @Test
    void theOldClientIsKnownByItsTwoHeadersWhateverTheirValues() {
        assertTrue(OldClient.sentBy("abc", "ada@example.org"));
        // its page reads both from cookies; a cookie it cannot read is sent as jQuery's "undefined"
        assertTrue(OldClient.sentBy("undefined", "undefined"));
        assertTrue(OldClient.sentBy("", ""));
    }

    @Test
    void anyOtherClientIsNotTheOldOne() {
        assertFalse(OldClient.sentBy(null, null));
        assertFalse(OldClient.sentBy("abc", null));
        assertFalse(OldClient.sentBy(null, "ada@example.org"));
    }

    @Test
    void theTokenHeaderIsATokenUnlessItIsWhatJqueryWritesForNone() {
        assertEquals("abc", OldClient.token("abc"));
        assertEquals("abc", OldClient.token(" abc "));
        assertNull(OldClient.token(null));
        assertNull(OldClient.token(""));
        assertNull(OldClient.token("  "));
        assertNull(OldClient.token("undefined"));
        assertNull(OldClient.token("null"));
    }
}
