package org.eegworkflow.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Samples a JVM's heap use from outside with the JDK's {@code jstat -gc} (once a second), so that no endpoint has to
 * expose it: the peak of survivor, eden and old generation use, in kB. Peaks shorter than a second may be missed.
 */
public final class HeapSampler implements AutoCloseable {
    private static final List<String> USED = List.of("S0U", "S1U", "EU", "OU");

    private final Process jstat;
    private final Thread reader;
    private final AtomicLong peakKiB = new AtomicLong();
    private final AtomicLong samples = new AtomicLong();

    private HeapSampler(Process jstat) {
        this.jstat = jstat;
        this.reader = new Thread(this::read, "heap-sampler");
        reader.setDaemon(true);
        reader.start();
    }

    public static HeapSampler of(ProcessHandle jvm) {
        try {
            return new HeapSampler(new ProcessBuilder(ServerProcess.jdkTool("jstat"), "-gc", Long.toString(jvm.pid()), "1000")
                    .redirectErrorStream(true).start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(jstat.getInputStream(),
                StandardCharsets.UTF_8))) {
            int[] columns = null;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] fields = line.trim().split("\\s+");
                if (fields.length > 0 && fields[0].equals("S0C")) {
                    List<String> header = Arrays.asList(fields);
                    columns = USED.stream().mapToInt(header::indexOf).toArray();
                } else if (columns != null && fields.length > Arrays.stream(columns).max().orElse(0)) {
                    double used = 0;
                    for (int column : columns) {
                        used += Double.parseDouble(fields[column]);
                    }
                    long kib = (long) used;
                    peakKiB.accumulateAndGet(kib, Math::max);
                    samples.incrementAndGet();
                }
            }
        } catch (IOException | NumberFormatException e) {
            // the sampler is a figure, not a check: stop sampling
        }
    }

    /** The highest heap use seen so far, in kB (0 if jstat could not attach). */
    public long peakKiB() {
        return peakKiB.get();
    }

    public long samples() {
        return samples.get();
    }

    @Override
    public void close() {
        jstat.destroy();
        try {
            reader.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
