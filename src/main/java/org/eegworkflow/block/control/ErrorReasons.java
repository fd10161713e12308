package org.eegworkflow.block.control;

import java.io.InterruptedIOException;
import java.nio.channels.ClosedByInterruptException;
import java.util.Locale;

/**
 * Turns a {@link Throwable} that ended a block (or the engine's work on it) into a sentence for the person who runs
 * the job: what went wrong, what the server allows, what to do. Errors ({@link OutOfMemoryError},
 * {@link StackOverflowError}, {@link LinkageError}, ...) get their own sentence, as their messages alone ("Java heap
 * space", a class name) tell a researcher nothing; the JVM's own words follow in brackets for whoever debugs it.
 */
public final class ErrorReasons {

    private ErrorReasons() {
    }

    /**
     * @param what       what was being done, for example "this block" or "saving this block's outputs"
     * @param declaredMb the heap the block declares it needs (its {@code @BlockType(memoryMb)}), 0 when unknown
     */
    public static String describe(Throwable failure, String what, long declaredMb) {
        String jvm = failure.getClass().getName() + (failure.getMessage() == null || failure.getMessage().isBlank()
                ? "" : ": " + failure.getMessage());
        if (failure instanceof OutOfMemoryError) {
            return outOfMemory(failure, what, declaredMb) + " (" + jvm + ")";
        }
        if (failure instanceof StackOverflowError) {
            return what + " ran out of stack: it calls itself (or nests) too deeply, which usually means endless"
                    + " recursion in its code or a value nested too deep; the block's author must fix it (" + jvm + ")";
        }
        if (failure instanceof ExceptionInInitializerError) {
            Throwable cause = failure.getCause() == null ? failure : failure.getCause();
            return what + " could not start: a class it uses failed to initialise (" + cause + ")";
        }
        if (failure instanceof LinkageError) {
            return what + " could not load a class it needs: its module was built against a library (or a version"
                    + " of it) the server does not have; package the module's dependencies inside its archive (or"
                    + " under lib/) and upload it again (" + jvm + ")";
        }
        if (failure instanceof AssertionError) {
            return what + " failed an internal check (an assertion) of its code (" + jvm + ")";
        }
        if (failure instanceof Error) {
            return what + " hit a fault of the Java runtime (" + jvm + ")";
        }
        return what + " failed (" + jvm + ")";
    }

    private static String outOfMemory(Throwable failure, String what, long declaredMb) {
        long heapMb = Runtime.getRuntime().maxMemory() / (1024 * 1024);
        String message = failure.getMessage() == null ? "" : failure.getMessage();
        if (message.contains("native thread")) {
            return what + " could not start a thread: the operating system refused the server another thread"
                    + " (too many threads or processes); try again when fewer jobs run";
        }
        if (message.contains("array size exceeds")) {
            return what + " needs more memory than this server allows: it asked for one array larger than Java"
                    + " allows (over 2^31 elements), whatever the heap (the Java heap is " + heapMb + " MB)"
                    + declared(declaredMb);
        }
        return what + " needs more memory than this server allows: the Java heap is " + heapMb + " MB (-Xmx)"
                + declared(declaredMb) + "; give the server a larger heap (-Xmx in EEGWF_JAVA_OPTS) or run it on"
                + " less data";
    }

    private static String declared(long declaredMb) {
        return declaredMb > 0 ? "; the block declares it needs about " + size(declaredMb)
                + " (@BlockType memoryMb)" : "";
    }

    /** Megabytes as a person reads them: "300 MB", "1.2 GB". */
    public static String size(long megabytes) {
        return megabytes < 1000 ? megabytes + " MB" : String.format(Locale.ROOT, "%.1f GB", megabytes / 1024.0);
    }

    /**
     * What a catch-all must give back after handling: an interruption that arrived as the failure sets the thread's
     * interrupted status again, so the code above still sees that it was asked to stop.
     */
    public static void restoreInterrupt(Throwable failure) {
        if (failure instanceof InterruptedException || failure instanceof InterruptedIOException
                || failure instanceof ClosedByInterruptException) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * {@link ThreadDeath} is a thread being killed, not a failure: after the cleanup it is thrown on so the thread ends
     * as asked.
     */
    @SuppressWarnings("removal")
    public static void rethrowIfThreadDeath(Throwable failure) {
        if (failure instanceof ThreadDeath death) {
            throw death;
        }
    }
}
