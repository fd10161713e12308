package org.eegworkflow.files.control;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import org.eegworkflow.auth.control.AuthenticatedUser;
import org.eegworkflow.platform.DomainException;
import org.eegworkflow.platform.InvalidInputException;
import org.eegworkflow.platform.Jsons;
import org.eegworkflow.platform.NotFoundException;

/**
 * A user's data folder as the old web client's file browser (elFinder, version 1 protocol) sees it: one volume whose
 * root is named {@code Home}, as the old connector named it, so a file the browser picks is {@code Home/<path>}, which
 * FILE properties read as {@code <path>} in the data folder. Every path goes through {@link UserFiles}' checks.
 *
 * <p>A hash is {@code h_} and the relative path in URL-safe Base64: opaque to the browser, decoded and checked like
 * any path a client sends, never trusted.
 */
@ApplicationScoped
public class ElFinderVolume {
    public static final String ROOT_NAME = "Home";
    public static final String ROOT_HASH = "h_";
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd MMM yyyy HH:mm", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    @Inject
    UserFiles files;

    /** The hash of a path relative to the data folder ({@code ""} is the root). */
    public static String hash(String relative) {
        return ROOT_HASH + Base64.getUrlEncoder().withoutPadding().encodeToString(
                relative.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The relative path a hash stands for, {@code ""} for the root; not yet checked: every use resolves it through
     * {@link UserFiles}, segment by segment, as any path a client sends.
     *
     * @param field the request field it came in, for the message
     */
    public static String relative(String hash, String field) {
        if (hash == null || hash.isBlank()) {
            throw new InvalidInputException(field + ": required");
        }
        if (!hash.startsWith(ROOT_HASH)) {
            throw new InvalidInputException(field + ": " + DomainException.quote(hash) + " is not a file of this connector");
        }
        String relative;
        try {
            relative = new String(Base64.getUrlDecoder().decode(hash.substring(ROOT_HASH.length())),
                    StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(field + ": " + DomainException.quote(hash) + " is not a file of this connector");
        }
        // checked by UserFiles.resolve when it is used, as every path a client sends
        return relative;
    }

    /** The folder's description ({@code cwd}), its contents ({@code cdc}) and, if asked, the tree of all folders. */
    public JsonObjectBuilder content(AuthenticatedUser caller, String folder, boolean withTree) {
        Path root = root(caller);
        Path dir = directory(root, folder);
        JsonObjectBuilder cwd = Jsons.PROVIDER.createObjectBuilder()
                .add("hash", hash(folder))
                .add("name", folder.isEmpty() ? ROOT_NAME : dir.getFileName().toString())
                .add("mime", "directory")
                .add("rel", folder.isEmpty() ? ROOT_NAME : ROOT_NAME + "/" + folder)
                .add("size", 0)
                .add("read", true)
                .add("write", true)
                .add("rm", !folder.isEmpty());
        addTimes(cwd, dir);
        JsonArrayBuilder cdc = Jsons.PROVIDER.createArrayBuilder();
        List<Path> dirs = new ArrayList<>();
        List<Path> plain = new ArrayList<>();
        for (Path entry : entries(dir)) {
            (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS) ? dirs : plain).add(entry);
        }
        for (Path entry : dirs) {
            cdc.add(info(root, entry));
        }
        for (Path entry : plain) {
            cdc.add(info(root, entry));
        }
        JsonObjectBuilder answer = Jsons.PROVIDER.createObjectBuilder().add("cwd", cwd).add("cdc", cdc);
        if (withTree) {
            answer.add("tree", tree(root, root));
        }
        return answer;
    }

    /** The tree of the user's folders, from the root. */
    public JsonObject tree(AuthenticatedUser caller) {
        Path root = root(caller);
        return tree(root, root).build();
    }

    /** A stored file; 404 for anything else. */
    public Path file(AuthenticatedUser caller, String relative) {
        return files.file(caller, relative);
    }

    /** Makes a folder inside {@code folder}; its relative path. */
    public String mkdir(AuthenticatedUser caller, String folder, String name) {
        Path root = root(caller);
        directory(root, folder);
        String relative = child(folder, name);
        Path dir = UserFiles.resolve(root, relative);
        if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            throw new InvalidInputException("name: " + DomainException.quote(name) + " already exists in this folder");
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("could not make folder " + relative, e);
        }
        return relative;
    }

    /** Renames a file or folder in place; its new relative path. */
    public String rename(AuthenticatedUser caller, String target, String name) {
        Path root = root(caller);
        Path from = existing(root, target, "target");
        String parent = target.contains("/") ? target.substring(0, target.lastIndexOf('/')) : "";
        String relative = child(parent, name);
        Path to = UserFiles.resolve(root, relative);
        if (Files.exists(to, LinkOption.NOFOLLOW_LINKS)) {
            throw new InvalidInputException("name: " + DomainException.quote(name) + " already exists in this folder");
        }
        try {
            Files.move(from, to);
        } catch (IOException e) {
            throw new UncheckedIOException("could not rename " + target, e);
        }
        return relative;
    }

    /** Deletes a file, or a folder with its contents; never the root. */
    public void remove(AuthenticatedUser caller, String target) {
        if (target.isEmpty()) {
            throw new InvalidInputException("targets[]: your data folder itself cannot be deleted");
        }
        files.delete(caller, target);
    }

    /** Copies (or, with {@code cut}, moves) files and folders into the folder {@code destination}. */
    public void paste(AuthenticatedUser caller, List<String> targets, String destination, boolean cut) {
        Path root = root(caller);
        Path into = directory(root, destination);
        for (String target : targets) {
            Path from = existing(root, target, "targets[]");
            if (target.isEmpty() || destination.equals(target) || destination.startsWith(target + "/")) {
                throw new InvalidInputException("targets[]: " + DomainException.quote(target.isEmpty() ? ROOT_NAME : target)
                        + " cannot be copied into itself");
            }
            Path to = into.resolve(from.getFileName().toString());
            if (to.equals(from)) {
                continue;
            }
            if (Files.exists(to, LinkOption.NOFOLLOW_LINKS)) {
                throw new InvalidInputException("targets[]: " + DomainException.quote(from.getFileName().toString())
                        + " already exists in " + DomainException.quote(destination.isEmpty() ? ROOT_NAME : destination));
            }
            try {
                if (cut) {
                    Files.move(from, to);
                } else {
                    copy(from, to);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("could not paste " + target, e);
            }
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path source : walk.toList()) {
                if (Files.isSymbolicLink(source)) {
                    continue; // a link is never followed out of the folder, nor copied as one
                }
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    private Path root(AuthenticatedUser caller) {
        Path root = files.root(caller.id());
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException("could not make the data folder of user " + caller.id(), e);
        }
        return root;
    }

    private static Path directory(Path root, String folder) {
        if (folder.isEmpty()) {
            return root;
        }
        Path dir = UserFiles.resolve(root, folder);
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            throw new NotFoundException("no folder " + DomainException.quote(folder) + " among your data files");
        }
        return dir;
    }

    private static Path existing(Path root, String relative, String field) {
        if (relative.isEmpty()) {
            throw new InvalidInputException(field + ": your data folder itself cannot be renamed, moved or copied");
        }
        Path path = UserFiles.resolve(root, relative);
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            throw new NotFoundException("no data file " + DomainException.quote(relative));
        }
        return path;
    }

    /** {@code folder/name}, where the name is one ordinary segment. */
    static String child(String folder, String name) {
        if (name == null || name.isBlank() || name.contains("/") || name.contains("\\") || name.startsWith(".")) {
            throw new InvalidInputException("name: " + DomainException.quote(name)
                    + " is not a file or folder name (no slashes, not starting with a dot)");
        }
        return folder.isEmpty() ? name : folder + "/" + name;
    }

    private static List<Path> entries(Path dir) {
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            for (Path entry : stream) {
                // dot files (an upload in progress among them) are not shown, as the old connector did not show them
                if (!entry.getFileName().toString().startsWith(".") && !Files.isSymbolicLink(entry)) {
                    entries.add(entry);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not list " + dir, e);
        }
        entries.sort(null);
        return entries;
    }

    private static JsonObjectBuilder info(Path root, Path entry) {
        boolean dir = Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS);
        String name = entry.getFileName().toString();
        long size = 0;
        if (!dir) {
            try {
                size = Files.size(entry);
            } catch (IOException e) {
                throw new UncheckedIOException("could not read " + entry, e);
            }
        }
        JsonObjectBuilder info = Jsons.PROVIDER.createObjectBuilder()
                .add("name", name)
                .add("hash", hash(relativeOf(root, entry)))
                .add("mime", dir ? "directory" : mime(name))
                .add("size", size)
                .add("read", true)
                .add("write", true)
                .add("rm", true);
        addTimes(info, entry);
        return info;
    }

    private static JsonObjectBuilder tree(Path root, Path dir) {
        JsonArrayBuilder dirs = Jsons.PROVIDER.createArrayBuilder();
        for (Path entry : entries(dir)) {
            if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                dirs.add(tree(root, entry));
            }
        }
        return Jsons.PROVIDER.createObjectBuilder()
                .add("hash", hash(relativeOf(root, dir)))
                .add("name", dir.equals(root) ? ROOT_NAME : dir.getFileName().toString())
                .add("read", true)
                .add("write", true)
                .add("dirs", dirs);
    }

    private static void addTimes(JsonObjectBuilder info, Path path) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            info.add("date", DATE.format(attributes.lastModifiedTime().toInstant()))
                    .add("ts", attributes.lastModifiedTime().toMillis() / 1000);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + path, e);
        }
    }

    static String relativeOf(Path root, Path path) {
        return root.relativize(path).toString().replace('\\', '/');
    }

    /** The content type by the file's name; EEG files are opaque bytes to a browser. */
    public static String mime(String name) {
        String guessed = URLConnection.guessContentTypeFromName(name);
        return guessed != null ? guessed : "application/octet-stream";
    }
}
