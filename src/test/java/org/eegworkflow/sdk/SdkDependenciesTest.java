package org.eegworkflow.sdk;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.spi.ToolProvider;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The SDK is what block authors compile against: it may depend on the JDK and nothing else. */
class SdkDependenciesTest {

    @Test
    void theSdkDependsOnTheJdkOnly() throws Exception {
        Path sdk = Path.of(BlockType.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve("org/eegworkflow/sdk");
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow();
        StringWriter out = new StringWriter();
        int status = jdeps.run(new PrintWriter(out), new PrintWriter(out), "-verbose:class", "-filter:none",
                sdk.toString());
        assertEquals(0, status, out.toString());
        List<String> foreign = Arrays.stream(out.toString().split("\\R"))
                .filter(line -> line.contains("->"))
                .map(line -> line.substring(line.indexOf("->") + 2).trim().split("\\s+")[0])
                .filter(target -> !target.startsWith("java.") && !target.startsWith("javax.")
                        && !target.startsWith("org.eegworkflow.sdk."))
                .distinct().toList();
        assertTrue(foreign.isEmpty(), "the SDK uses " + foreign + "\n" + out);
        assertTrue(out.toString().contains("org.eegworkflow.sdk.BlockType"), out.toString());
    }
}
