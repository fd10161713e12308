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
                if (!file.getFileName().toString().startsWith(".upload-")) {
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
        return new Upload(root(caller.id()), maxBytes());
    }

    /** The largest data file one may upload ({@code files.max.mb}, default 2048). */
    public long maxBytes() {
        return (long) (settings.value("files.max.mb", 2048) * (1 << 20));
    }

    /** The files of one upload request, received one after the other. */
    public static final class Upload implements AutoCloseable {
        private final Path root;
        private final long maxBytes;
        private String folder;
        private final List<Received> received = new ArrayList<>();

        private record Received(String name, Path temporary) {
        }

        private Upload(Path root, long maxBytes) {
            this.root = root;
            this.maxBytes = maxBytes;
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

        /** Moves every received file into place, replacing files of the same path; undoes them all if one fails. */
        public List<StoredFile> commit() {
            if (received.isEmpty()) {
                throw new InvalidInputException("file: required, one or more parts named 'file' with their file names");
            }
            List<Path> stored = new ArrayList<>();
            try {
                for (Received file : received) {
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
            }
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
        String trimmed = folder == null ? "" : folder.trim();
        if (trimmed.startsWith("/") || trimmed.startsWith("\\")) {
            // an absolute folder silently made relative would store the files somewhere the client did not ask for
            throw new InvalidInputException("folder: '" + trimmed + "' must be a relative path inside your data folder");
        }
        String cleanFolder = trimmed.replaceAll("/+$", "");
        return cleanFolder.isEmpty() ? name : cleanFolder + "/" + name;
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
