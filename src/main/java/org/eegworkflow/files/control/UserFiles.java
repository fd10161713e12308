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

import org.eegworkflow.platform.ApiException;
import org.eegworkflow.platform.Folders;
import org.eegworkflow.platform.Settings;

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

    /** One file of an upload: where it goes (folder and name) and its bytes. */
    public record Incoming(String folder, String name, InputStream content) {
    }

    /** The folder of a user's data files. */
    public Path root(long userId) {
        return settings.dataDir().resolve("files").resolve(Long.toString(userId));
    }

    public List<StoredFile> list(long userId) {
        Path root = root(userId);
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
            throw new UncheckedIOException("cannot list the data files of user " + userId, e);
        }
    }

    /**
     * Stores every file of an upload, or none: a file over the size limit or with a bad name undoes the files of the
     * same upload stored before it.
     */
    public List<StoredFile> store(long userId, List<Incoming> incoming) {
        if (incoming.isEmpty()) {
            throw ApiException.badRequest("file: required, one or more parts named 'file' with their file names");
        }
        Path root = root(userId);
        long maxBytes = (long) (settings.value("files.max.mb", 2048) * (1 << 20));
        List<Path> stored = new ArrayList<>();
        try {
            for (Incoming file : incoming) {
                String relative = join(file.folder(), file.name());
                Path target = resolve(root, relative);
                Files.createDirectories(target.getParent());
                Path temporary = Files.createTempFile(target.getParent(), ".upload-", ".tmp");
                try {
                    copyLimited(file.content(), temporary, maxBytes, relative);
                    Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } finally {
                    Files.deleteIfExists(temporary);
                }
                stored.add(target);
            }
        } catch (IOException | RuntimeException e) {
            stored.forEach(Folders::deleteRecursively);
            if (e instanceof IOException io) {
                throw new UncheckedIOException("could not store the upload", io);
            }
            throw (RuntimeException) e;
        }
        List<StoredFile> result = new ArrayList<>();
        try {
            for (Path file : stored) {
                result.add(describe(root, file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read back the upload", e);
        }
        return result;
    }

    /** A stored file of the user; 404 for anything else, whatever the reason. */
    public Path file(long userId, String relative) {
        Path file = resolveExisting(userId, relative);
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw notFound(relative);
        }
        return file;
    }

    /** Deletes a file, or a folder with its contents. */
    public void delete(long userId, String relative) {
        Folders.deleteRecursively(resolveExisting(userId, relative));
    }

    private Path resolveExisting(long userId, String relative) {
        Path file;
        try {
            file = resolve(root(userId), relative);
        } catch (ApiException e) {
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
            throw ApiException.badRequest("path " + ApiException.quote(relative)
                    + " must be a relative path inside your data folder");
        }
        Path path = root;
        for (String segment : relative.split("/", -1)) {
            if (segment.equals(".") || segment.equals("..") || !SEGMENT.matcher(segment).matches()) {
                throw ApiException.badRequest("path " + ApiException.quote(relative) + ": "
                        + ApiException.quote(segment)
                        + " is not allowed in a file or folder name");
            }
            path = path.resolve(segment);
            if (Files.isSymbolicLink(path)) {
                throw ApiException.badRequest("path " + ApiException.quote(relative)
                        + " passes through a symbolic link");
            }
        }
        if (!path.normalize().startsWith(root)) {
            throw ApiException.badRequest("path " + ApiException.quote(relative) + " leaves your data folder");
        }
        return path;
    }

    private static String join(String folder, String name) {
        if (name == null || name.isBlank()) {
            throw ApiException.badRequest("file: every part named 'file' needs a file name");
        }
        String trimmed = folder == null ? "" : folder.trim();
        if (trimmed.startsWith("/") || trimmed.startsWith("\\")) {
            // an absolute folder silently made relative would store the files somewhere the client did not ask for
            throw ApiException.badRequest("folder: '" + trimmed + "' must be a relative path inside your data folder");
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
                    throw ApiException.badRequest("file " + ApiException.quote(name) + " is larger than the limit of "
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

    private static ApiException notFound(String relative) {
        return ApiException.notFound("no data file " + ApiException.quote(relative));
    }
}
