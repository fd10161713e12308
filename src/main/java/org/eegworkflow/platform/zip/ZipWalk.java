package org.eegworkflow.platform.zip;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;

/**
 * One archive (an upload, or an archive inside it) read entry by entry under the {@link ZipLimits}. Sizes are counted
 * as bytes actually inflate, never taken from the headers, and the entries read must be exactly those the central
 * directory lists: a class loader goes by the directory, so an archive whose two views differ could show the checks
 * one thing and the loader another.
 */
public final class ZipWalk {
    /** Entries smaller than this are exempt from the ratio check: a short, repetitive file compresses very well. */
    public static final long RATIO_GRACE_BYTES = 64 * 1024;

    /** What to do with each entry; the walk reads whatever the handler leaves, so every byte is counted. */
    public interface Handler {
        void entry(String name, boolean directory, InputStream data) throws IOException;
    }

    /** The bytes inflated so far while checking one upload, shared by the walks over it and the jars inside it. */
    public static final class Budget {
        private final String upload;
        private long used;

        /** @param upload the uploaded archive's name, which the message names whichever jar inside it overflows */
        public Budget(String upload) {
            this.upload = upload;
        }
    }

    private final Path zip;
    private final String label;
    private final ZipLimits limits;
    private final ZipWording wording;
    private final Budget budget;
    private final Map<String, Long> directory;
    private final int directoryCount;

    private ZipWalk(Path zip, String label, ZipLimits limits, ZipWording wording, Budget budget,
                    Map<String, Long> directory, int directoryCount) {
        this.zip = zip;
        this.label = label;
        this.limits = limits;
        this.wording = wording;
        this.budget = budget;
        this.directory = directory;
        this.directoryCount = directoryCount;
    }

    /**
     * Reads the archive's central directory and checks its entry count; nothing is inflated yet.
     *
     * @param label how messages name the archive, for example {@code "Filters.zip!/lib/dep.jar"}
     */
    public static ZipWalk open(Path zip, String label, ZipLimits limits, ZipWording wording, Budget budget) {
        Map<String, Long> sizes = new LinkedHashMap<>();
        try (ZipFile file = new ZipFile(zip.toFile())) {
            int count = file.size();
            if (count > limits.maxEntries()) {
                throw tooManyEntries(label, limits, wording);
            }
            for (Enumeration<? extends ZipEntry> entries = file.entries(); entries.hasMoreElements(); ) {
                ZipEntry entry = entries.nextElement();
                sizes.put(entry.getName(), entry.getSize());
            }
            return new ZipWalk(zip, label, limits, wording, budget, sizes, count);
        } catch (ZipException | IllegalArgumentException e) {
            throw wording.refuse(label + " is not " + wording.archiveKind() + " (" + e.getMessage() + "): "
                    + wording.notAnArchive(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + zip, e);
        }
    }

    /** The entry names the central directory lists. */
    public Set<String> names() {
        return Collections.unmodifiableSet(directory.keySet());
    }

    /** Streams every entry through the handler, enforcing the limits as the bytes inflate. */
    public void stream(Handler handler) {
        Map<String, Long> seen = new HashMap<>();
        try (Counting packed = new Counting(new BufferedInputStream(Files.newInputStream(zip)));
             ZipInputStream in = new ZipInputStream(packed)) {
            for (ZipEntry entry; (entry = next(in)) != null; ) {
                String name = entry.getName();
                if (seen.size() == limits.maxEntries()) {
                    throw tooManyEntries(label, limits, wording);
                }
                ZipEntryNames.check(wording, label, name);
                if (seen.containsKey(name)) {
                    throw wording.refuse(label + ": entry '" + name + "' appears twice: re-create the"
                            + " archive so that every path appears once");
                }
                EntryData data = new EntryData(in, packed, name);
                handler.entry(name, entry.isDirectory(), data);
                data.drain();
                seen.put(name, data.unpacked);
            }
        } catch (ZipException | EOFException e) {
            throw damaged(e);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + zip, e);
        }
        if (seen.size() != directoryCount || !seen.equals(directory)) {
            throw wording.refuse(label + ": the entries it holds differ from those its central directory"
                    + " lists (a damaged or doctored archive): re-create it with 'jar' or a zip tool");
        }
    }

    private ZipEntry next(ZipInputStream in) throws IOException {
        try {
            return in.getNextEntry();
        } catch (IllegalArgumentException e) {
            // ZipInputStream's way of saying an entry name is not valid UTF-8
            throw damaged(e);
        }
    }

    private RuntimeException damaged(Exception e) {
        return wording.refuse(label + " is damaged (" + e.getMessage() + "): re-create the archive", e);
    }

    private static RuntimeException tooManyEntries(String label, ZipLimits limits, ZipWording wording) {
        return wording.refuse(label + " has more than " + limits.maxEntries() + " entries, the limit: "
                + wording.trim());
    }

    /** A byte count as messages give it: whole MiB, else bytes. */
    public static String bytes(long count) {
        long mib = 1024L * 1024;
        return count % mib == 0 ? count / mib + " MiB" : count + " bytes";
    }

    /** One entry's bytes, counted against the limits as they are read. */
    private final class EntryData extends InputStream {
        private final ZipInputStream in;
        private final Counting packed;
        private final long packedAtStart;
        private final String name;
        private long unpacked;

        EntryData(ZipInputStream in, Counting packed, String name) {
            this.in = in;
            this.packed = packed;
            this.packedAtStart = packed.count;
            this.name = name;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) == 1 ? one[0] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) {
            unpacked += n;
            budget.used += n;
            if (budget.used > limits.maxUnpackedBytes()) {
                throw wording.refuse(budget.upload + " unpacks to more than " + bytes(limits.maxUnpackedBytes())
                        + wording.unpackedScope() + ", the limit: " + wording.trim());
            }
            // the reader runs a buffer ahead of the inflater, so this is off by at most a few hundred bytes
            long packedBytes = Math.max(1, packed.count - packedAtStart);
            if (unpacked > RATIO_GRACE_BYTES && unpacked > packedBytes * limits.maxCompressionRatio()) {
                throw wording.refuse(label + ": entry '" + name + "' unpacks to more than "
                        + limits.maxCompressionRatio() + " times its packed size, the limit, as a zip bomb does:"
                        + " leave it out, or store it compressed less");
            }
        }

        void drain() throws IOException {
            byte[] buffer = new byte[8192];
            while (read(buffer, 0, buffer.length) >= 0) {
                // only counting
            }
        }

        @Override
        public void close() {
            // the entry ends where the archive's next begins: closing is the walk's business
        }
    }

    /** Counts the packed bytes the zip reader takes from the file. */
    private static final class Counting extends FilterInputStream {
        private long count;

        Counting(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count += skipped;
            return skipped;
        }
    }
}
