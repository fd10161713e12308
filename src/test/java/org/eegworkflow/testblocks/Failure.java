package org.eegworkflow.testblocks;

/**
 * The throwables the error tests force, by name: real ones where they are cheap and safe (an array larger than the
 * heap fails at once without filling it; recursion overflows the stack of its own thread), thrown ones otherwise.
 */
public enum Failure {
    /** A real OutOfMemoryError "Java heap space": one array larger than the whole heap (never allocated). */
    OOM_HEAP,
    /** A real OutOfMemoryError "Requested array size exceeds VM limit": no heap is touched. */
    OOM_ARRAY_LIMIT,
    /** An OutOfMemoryError thrown, as from deep inside a library. */
    OOM_THROWN,
    /** A real StackOverflowError: endless recursion. */
    STACK_OVERFLOW,
    /** A NoClassDefFoundError, as a module built against a library it does not carry gets. */
    LINKAGE,
    /** An AssertionError, as from a failed internal check. */
    ASSERTION,
    /** Another Error: an InternalError of the runtime. */
    INTERNAL,
    /** A Throwable that is neither an Exception nor an Error. */
    THROWABLE;

    /** What the failed block's stderr (and the job's error) says for this kind: the engine's sentence for it. */
    public String sentence() {
        return switch (this) {
            case OOM_HEAP, OOM_THROWN -> "needs more memory than this server allows: the Java heap is ";
            case OOM_ARRAY_LIMIT -> "it asked for one array larger than Java allows";
            case STACK_OVERFLOW -> "ran out of stack";
            case LINKAGE -> "could not load a class it needs";
            case ASSERTION -> "failed an internal check (an assertion)";
            case INTERNAL -> "hit a fault of the Java runtime";
            case THROWABLE -> "failed (org.eegworkflow.testblocks.Failure$Odd";
        };
    }

    /** Throws this failure (sneakily, for the checked Throwable). */
    public void raise() {
        switch (this) {
            case OOM_HEAP -> keep(new long[(int) Math.min(Integer.MAX_VALUE - 8,
                    Runtime.getRuntime().maxMemory() / Long.BYTES + 1024)]);
            case OOM_ARRAY_LIMIT -> keep(new long[Integer.MAX_VALUE]);
            case OOM_THROWN -> throw new OutOfMemoryError("Java heap space");
            case STACK_OVERFLOW -> keep(new long[]{recurse(0)});
            case LINKAGE -> throw new NoClassDefFoundError("org/example/lab/MissingLibraryClass");
            case ASSERTION -> throw new AssertionError("a check of the block failed on purpose");
            case INTERNAL -> throw new InternalError("a fault of the runtime, on purpose");
            case THROWABLE -> Failure.<RuntimeException>sneaky(new Odd());
            default -> throw new IllegalStateException(name());
        }
    }

    private static volatile Object kept;

    private static void keep(Object value) {
        kept = value;
        kept = null;
    }

    private static long recurse(long depth) {
        return recurse(depth + 1) + 1;
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> void sneaky(Throwable t) throws T {
        throw (T) t;
    }

    /** A Throwable of its own kind. */
    public static final class Odd extends Throwable {
        private static final long serialVersionUID = 1L;

        Odd() {
            super("neither an Exception nor an Error, on purpose");
        }
    }
}
