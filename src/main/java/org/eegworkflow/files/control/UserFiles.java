package org.eegworkflow.files.control;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eegworkflow.auth.control.AuthenticatedUser;
import org.eegworkflow.platform.DomainException;
import org.eegworkflow.platform.Folders;
import org.eegworkflow.platform.InvalidInputException;
import org.eegworkflow.platform.NotFoundException;
import org.eegworkflow.platform.Settings;
import org.eegworkflow.platform.TooLargeException;
import org.eegworkflow.platform.zip.ZipLimits;
import org.eegworkflow.platform.zip.ZipWalk;

/**
 * A user's data folder, {@code <data>/files/<user id>}. Every path a client sends is checked segment by segment and
 * resolved inside that folder; symbolic links are never followed out of it.
 */
@ApplicationScoped
public class UserFiles {
    private static final Pattern SEGMENT = Pattern.compile("[^/\\\\:*?\"<>|\\p{Cntrl}]{1,255}");

    @Inject
    Settings settings;

    /** A stored file as the list shows it. */
    public record StoredFile(String path, long size, Instant modified) {
    }

    /** The folder of a user's data files; by the owner's id, as work done for a job on a batch thread has no caller. */
    public Path root(long ownerId) {
        return settings.dataDir().resolve("files").resolve(Long.toString(ownerId));
    }

    public List<StoredFile> list(AuthenticatedUser caller) {
        Path root = root(caller.id());
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> paths = Files.walk(root)) {
            List<StoredFile> files = new ArrayList<>();
            for (Path file : paths.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).sorted().toList()) {
                // an upload's temporary files and staging folders stay hidden until they are moved into place
                if (!root.relativize(file).getName(0).toString().startsWith(".upload-")
                        && !file.getFileName().toString().startsWith(".upload-")) {
                    files.add(new StoredFile(root.relativize(file).toString().replace('\\', '/'), Files.size(file),
                            Files.getLastModifiedTime(file).toInstant()));
                }
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the data files of user " + caller.id(), e);
        }
    }

    /**
     * An upload of one or more files into the user's folder, stored all or none: each file is streamed into a
     * temporary file of that folder as it arrives (refused as soon as it passes the limit), and only when the whole
     * request has arrived are they moved into place. Closing an upload that was not committed deletes what it
     * received.
     */
    public Upload upload(AuthenticatedUser caller) {
        return new Upload(root(caller.id()), maxBytes(), unpackLimits());
    }

    /**
     * Limits for zips unpacked by an upload ({@code unpack=true}): {@code files.unpack.max.entries} (100000),
     * {@code files.unpack.max.unpacked.mb} (65536, 64 GiB in all), {@code files.unpack.max.ratio} (100, the largest
     * compression ratio of one entry, which stops zip bombs). The zip itself is a data file: {@code files.max.mb}.
     */
    public ZipLimits unpackLimits() {
        return new ZipLimits((int) settings.value("files.unpack.max.entries", 100_000),
                (long) (settings.value("files.unpack.max.unpacked.mb", 65_536) * (1 << 20)),
                (int) settings.value("files.unpack.max.ratio", 100));
    }

    /** The largest data file one may upload ({@code files.max.mb}, default 2048). */
    public long maxBytes() {
        return (long) (settings.value("files.max.mb", 2048) * (1 << 20));
    }

    /** The files of one upload request, received one after the other. */
    public static final class Upload implements AutoCloseable {
        private final Path root;
        private final long maxBytes;
        private final ZipLimits unpackLimits;
        private String folder;
        private boolean unpack;
        private final List<Received> received = new ArrayList<>();

        private record Received(String name, Path temporary) {
        }

        Upload(Path root, long maxBytes, ZipLimits unpackLimits) {
            this.root = root;
            this.maxBytes = maxBytes;
            this.unpackLimits = unpackLimits;
        }

        /**
         * Whether the {@code .zip} files of this upload are unpacked into the folder instead of stored as they are
         * ({@code true}, {@code on} or {@code false}), whether sent before or after them.
         */
        public void unpack(String value) {
            String v = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
            if (!v.equals("true") && !v.equals("false") && !v.equals("on")) {
                throw new InvalidInputException("unpack: " + DomainException.quote(value)
                        + " is neither true nor false");
            }
            unpack = !v.equals("false");
        }

        /** The folder the files go into (relative to the user's folder), whether sent before or after them. */
        public void folder(String value) {
            folder = value;
            for (Received file : received) {
                resolve(root, join(folder, file.name()));
            }
        }

        /**
         * Receives one file: its name is checked first, then its bytes are copied as they arrive into a temporary
         * file beside the user's files (same file system, so that the final move is a rename).
         */
        public void add(String name, InputStream content) throws IOException {
            String relative = join(folder, name);
            resolve(root, relative);
            Files.createDirectories(root);
            Path temporary = Files.createTempFile(root, ".upload-", ".tmp");
            received.add(new Received(name, temporary));
            copyLimited(content, temporary, maxBytes, relative);
        }

        /**
         * Moves every received file into place, replacing files of the same path; undoes them all if one fails. With
         * {@code unpack}, each {@code .zip} is first unpacked into a staging folder beside the user's files, every
         * entry checked; its files are moved into place only once every zip passed, and never replace a stored file.
         */
        public List<StoredFile> commit() {
            if (received.isEmpty()) {
                throw new InvalidInputException("file: required, one or more parts named 'file' with their file names");
            }
            if (unpack && received.stream().noneMatch(Upload::isZip)) {
                throw new InvalidInputException("unpack=true, but no part named 'file' is a .zip");
            }
            List<Path> stored = new ArrayList<>();
            Path staging = null;
            try {
                List<String> unpacked = new ArrayList<>();
                if (unpack) {
                    staging = Files.createTempDirectory(root, ".upload-");
                    List<String> zips = received.stream().filter(Upload::isZip).map(Received::name).toList();
                    ZipWalk.Budget budget = new ZipWalk.Budget(zips.size() == 1 ? zips.get(0) : "the upload's zips");
                    String cleanFolder = cleanFolder(folder);
                    for (Received file : received) {
                        if (isZip(file)) {
                            unpacked.addAll(DatasetZip.unpack(file.temporary(), file.name(), root, cleanFolder,
                                    staging, unpackLimits, budget));
                        }
                    }
                }
                for (String relative : unpacked) {
                    Path target = resolve(root, relative);
                    Files.createDirectories(target.getParent());
                    // no REPLACE_EXISTING: a file stored meanwhile is not overwritten, and the whole upload undone
                    Files.move(staging.resolve(relative), target, StandardCopyOption.ATOMIC_MOVE);
                    stored.add(target);
                }
                for (Received file : received) {
                    if (unpack && isZip(file)) {
                        continue;
                    }
                    Path target = resolve(root, join(folder, file.name()));
                    Files.createDirectories(target.getParent());
                    Files.move(file.temporary(), target, StandardCopyOption.REPLACE_EXISTING,
                            StandardCopyOption.ATOMIC_MOVE);
                    stored.add(target);
                }
                List<StoredFile> result = new ArrayList<>();
                for (Path file : stored) {
                    result.add(describe(root, file));
                }
                return result;
            } catch (IOException | RuntimeException e) {
                stored.forEach(Folders::deleteRecursively);
                if (e instanceof IOException io) {
                    throw new UncheckedIOException("could not store the upload", io);
                }
                throw (RuntimeException) e;
            } finally {
                if (staging != null) {
                    Folders.deleteRecursively(staging);
                }
            }
        }

        private static boolean isZip(Received file) {
            return file.name().toLowerCase(Locale.ROOT).endsWith(".zip");
        }

        /** Deletes the temporary files of a refused or broken upload (after a commit there are none). */
        @Override
        public void close() {
            for (Received file : received) {
                try {
                    Files.deleteIfExists(file.temporary());
                } catch (IOException e) {
                    // a temporary file that cannot be deleted now stays hidden from the list (".upload-")
                }
            }
            received.clear();
        }
    }

    /** A stored file of the user; 404 for anything else, whatever the reason. */
    public Path file(AuthenticatedUser caller, String relative) {
        Path file = resolveExisting(caller.id(), relative);
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw notFound(relative);
        }
        return file;
    }

    /**
     * A folder of the user's files: {@code ""} or null for the top (which need not exist yet). A path that is not a
     * plain relative one is refused (400); a folder that does not exist, or another user's, is 404.
     */
    public Path folder(AuthenticatedUser caller, String relative) {
        Path root = root(caller.id());
        String clean = relative == null ? "" : relative.strip().replaceAll("/+$", "");
        if (clean.isEmpty()) {
            return root;
        }
        Path folder = resolve(root, clean);
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            throw new NotFoundException("no folder " + DomainException.quote(clean) + " in your data files");
        }
        return folder;
    }

    /** Deletes a file, or a folder with its contents. */
    public void delete(AuthenticatedUser caller, String relative) {
        Folders.deleteRecursively(resolveExisting(caller.id(), relative));
    }

    private Path resolveExisting(long userId, String relative) {
        Path file;
        try {
            file = resolve(root(userId), relative);
        } catch (InvalidInputException e) {
            throw notFound(relative);
        }
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS) || Files.isSymbolicLink(file)) {
            throw notFound(relative);
        }
        return file;
    }

    /**
     * A path inside {@code root}: segments of ordinary names only (no {@code ..}, no empty or absolute paths, no
     * backslashes or drive letters), and no symbolic link on the way.
     */
    static Path resolve(Path root, String relative) {
        if (relative == null || relative.isBlank() || relative.length() > 1024 || relative.startsWith("/")) {
            throw new InvalidInputException("path " + DomainException.quote(relative)
                    + " must be a relative path inside your data folder");
        }
        Path path = root;
        for (String segment : relative.split("/", -1)) {
            if (segment.equals(".") || segment.equals("..") || !SEGMENT.matcher(segment).matches()) {
                throw new InvalidInputException("path " + DomainException.quote(relative) + ": "
                        + DomainException.quote(segment)
                        + " is not allowed in a file or folder name");
            }
            path = path.resolve(segment);
            if (Files.isSymbolicLink(path)) {
                throw new InvalidInputException("path " + DomainException.quote(relative)
                        + " passes through a symbolic link");
            }
        }
        if (!path.normalize().startsWith(root)) {
            throw new InvalidInputException("path " + DomainException.quote(relative) + " leaves your data folder");
        }
        return path;
    }

    private static String join(String folder, String name) {
        if (name == null || name.isBlank()) {
            throw new InvalidInputException("file: every part named 'file' needs a file name");
        }
        String cleanFolder = cleanFolder(folder);
        return cleanFolder.isEmpty() ? name : cleanFolder + "/" + name;
    }

    /** The upload's folder without trailing slashes, {@code ""} for the top of the user's files. */
    private static String cleanFolder(String folder) {
        String trimmed = folder == null ? "" : folder.trim();
        if (trimmed.startsWith("/") || trimmed.startsWith("\\")) {
            // an absolute folder silently made relative would store the files somewhere the client did not ask for
            throw new InvalidInputException("folder: '" + trimmed + "' must be a relative path inside your data folder");
        }
        return trimmed.replaceAll("/+$", "");
    }

    private static void copyLimited(InputStream in, Path file, long max, String name) throws IOException {
        byte[] buffer = new byte[256 * 1024];
        long total = 0;
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                total += n;
                if (total > max) {
                    // 413 as soon as the limit is passed, before anything more of the file is written
                    throw new TooLargeException("file " + DomainException.quote(name) + " is larger than the limit of "
                            + (max >> 20)
                            + " MB (setting eegwf.files.max.mb)");
                }
                out.write(buffer, 0, n);
            }
        }
    }

    private static StoredFile describe(Path root, Path file) throws IOException {
        return new StoredFile(root.relativize(file).toString().replace('\\', '/'), Files.size(file),
                Files.getLastModifiedTime(file).toInstant());
    }

    private static NotFoundException notFound(String relative) {
        return new NotFoundException("no data file " + DomainException.quote(relative));
    }
}
