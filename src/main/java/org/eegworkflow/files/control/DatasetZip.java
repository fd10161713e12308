package org.eegworkflow.files.control;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.eegworkflow.platform.ConflictException;
import org.eegworkflow.platform.DomainException;
import org.eegworkflow.platform.InvalidInputException;
import org.eegworkflow.platform.zip.ZipEntryNames;
import org.eegworkflow.platform.zip.ZipLimits;
import org.eegworkflow.platform.zip.ZipWalk;
import org.eegworkflow.platform.zip.ZipWording;

/**
 * One uploaded zip unpacked into a staging folder of the user's area, with the checks of module archives (zip slip,
 * bombs, entry count, total size, central directory) and those of data file names. Nothing reaches the user's files
 * here: {@link UserFiles.Upload#commit()} moves the staged files into place once every zip of the upload passed.
 */
final class DatasetZip {
    static final ZipWording WORDING = new ZipWording("a zip archive",
            "upload a .zip of the dataset's folder, or the files themselves without unpack=true",
            "upload the dataset in parts, each into its folder, or ask the administrator to raise"
                    + " eegwf.files.unpack.max.entries / eegwf.files.unpack.max.unpacked.mb", "",
            "the folder it is unpacked into", (message, cause) -> new InvalidInputException(message));

    /** Entries operating systems add to zips they make, which are not part of the dataset. */
    private static final Set<String> JUNK = Set.of("__MACOSX", ".DS_Store", "Thumbs.db");

    private DatasetZip() {
    }

    /**
     * Unpacks {@code zip} into {@code staging}, each entry at the path it will have among the user's files.
     *
     * @param root    the user's folder, to check names and clashes with what is stored already
     * @param folder  where in it the entries go ({@code ""} for the top)
     * @param budget  shared by the zips of one upload
     * @return the staged entries' paths, relative to {@code root}
     * @throws InvalidInputException the zip or an entry name is refused; nothing of it is kept
     * @throws ConflictException     an entry would replace a stored file
     */
    static List<String> unpack(Path zip, String zipName, Path root, String folder, Path staging, ZipLimits limits,
                               ZipWalk.Budget budget) {
        List<String> staged = new ArrayList<>();
        ZipWalk.open(zip, zipName, limits, WORDING, budget).stream((name, directory, data) -> {
            ZipEntryNames.check(WORDING, zipName, name);
            if (directory || isJunk(name)) {
                return;
            }
            String relative = folder.isEmpty() ? name : folder + "/" + name;
            Path target;
            try {
                target = UserFiles.resolve(root, relative);
            } catch (InvalidInputException e) {
                throw new InvalidInputException(zipName + ": entry " + DomainException.quote(name)
                        + " cannot be stored: " + e.getMessage());
            }
            refuseClash(root, target, zipName, name, relative);
            Path file = ZipEntryNames.resolve(WORDING, zipName, staging, relative);
            try {
                Files.createDirectories(file.getParent());
                Files.copy(data, file);
            } catch (FileAlreadyExistsException | NotDirectoryException e) {
                throw new InvalidInputException(zipName + ": entry " + DomainException.quote(name) + " clashes with"
                        + " another entry of this upload of the same path (a file where a folder is, or names"
                        + " differing only in case): rename one");
            }
            staged.add(relative);
        });
        return staged;
    }

    /** An entry may add files, never replace one: a stored file, or a file where the entry needs a folder. */
    private static void refuseClash(Path root, Path target, String zipName, String name, String relative) {
        for (Path p = target.getParent(); p != null && p.startsWith(root) && !p.equals(root); p = p.getParent()) {
            if (Files.exists(p, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                throw new ConflictException(zipName + ": entry " + DomainException.quote(name) + " needs the folder "
                        + DomainException.quote(root.relativize(p).toString().replace('\\', '/'))
                        + ", which is a stored file: delete it or unpack into another folder");
            }
        }
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new ConflictException(zipName + ": entry " + DomainException.quote(name) + " would replace "
                    + DomainException.quote(relative) + ", which is already stored: delete it first or unpack into"
                    + " another folder (nothing of this upload was stored)");
        }
    }

    private static boolean isJunk(String name) {
        for (String segment : name.split("/")) {
            if (JUNK.contains(segment) || segment.startsWith("._")) {
                return true;
            }
        }
        return false;
    }

    static UncheckedIOException failed(IOException e) {
        return new UncheckedIOException("could not unpack the upload", e);
    }
}
