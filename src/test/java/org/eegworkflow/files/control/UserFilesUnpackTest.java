package org.eegworkflow.files.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.eegworkflow.platform.ConflictException;
import org.eegworkflow.platform.DomainException;
import org.eegworkflow.platform.InvalidInputException;
import org.eegworkflow.platform.zip.ZipLimits;

/** Zips unpacked by an upload: the checks of module archives, data file names, clashes, all or nothing. */
class UserFilesUnpackTest {
    private static final ZipLimits LIMITS = new ZipLimits(100, 64L << 20, 100);

    @TempDir
    Path root;

    private List<UserFiles.StoredFile> upload(String folder, ZipLimits limits, Map<String, byte[]> parts)
            throws IOException {
        try (UserFiles.Upload upload = new UserFiles.Upload(root, 1L << 30, limits)) {
            for (Map.Entry<String, byte[]> part : parts.entrySet()) {
                upload.add(part.getKey(), new ByteArrayInputStream(part.getValue()));
            }
            // sent after the files, as a form may
            upload.folder(folder);
            upload.unpack("true");
            return upload.commit();
        }
    }

    private List<UserFiles.StoredFile> upload(String folder, byte[] zip) throws IOException {
        return upload(folder, LIMITS, Map.of("ds.zip", zip));
    }

    private static byte[] zip(Object... namesAndContents) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (int i = 0; i < namesAndContents.length; i += 2) {
                out.putNextEntry(new ZipEntry((String) namesAndContents[i]));
                Object content = namesAndContents[i + 1];
                out.write(content instanceof byte[] b ? b : ((String) content).getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private List<String> stored() throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).map(p -> root.relativize(p).toString()).sorted().toList();
        }
    }

    private String refused(Class<? extends DomainException> kind, String folder, byte[] zip) throws IOException {
        List<String> before = stored();
        DomainException e = assertThrows(kind, () -> upload(folder, zip));
        assertEquals(before, stored(), "nothing of a refused upload is kept, nor its staging folder");
        return e.getMessage();
    }

    @Test
    void unpacksIntoTheFolderSkippingJunk() throws IOException {
        List<UserFiles.StoredFile> stored = upload("studies/", zip("ds/", "", "ds/dataset_description.json", "{}",
                "ds/sub-01/eeg/sub-01_task-a_eeg.edf", "EDF", "__MACOSX/ds/._sub-01", "junk",
                "ds/.DS_Store", "junk", "ds/sub-01/._x", "junk"));
        assertEquals(List.of("studies/ds/dataset_description.json", "studies/ds/sub-01/eeg/sub-01_task-a_eeg.edf"),
                stored.stream().map(UserFiles.StoredFile::path).toList());
        assertEquals(List.of("studies/ds/dataset_description.json", "studies/ds/sub-01/eeg/sub-01_task-a_eeg.edf"),
                stored());
        assertEquals("EDF", Files.readString(root.resolve("studies/ds/sub-01/eeg/sub-01_task-a_eeg.edf")));
    }

    @Test
    void unpacksAtTheTopWithoutAFolder() throws IOException {
        upload("", zip("a.edf", "1", "b/c.edf", "2"));
        assertEquals(List.of("a.edf", "b/c.edf"), stored());
    }

    @Test
    void refusesZipSlip() throws IOException {
        String message = refused(InvalidInputException.class, "", zip("ok.txt", "1", "../evil.txt", "2"));
        assertTrue(message.startsWith("ds.zip: entry '../evil.txt' is not a plain relative path"), message);
        assertTrue(refused(InvalidInputException.class, "", zip("/etc/x", "1")).contains("'/etc/x' is not a plain"));
        assertTrue(refused(InvalidInputException.class, "", zip("a\\..\\b", "1")).contains("backslash"));
        assertFalse(Files.exists(root.getParent().resolve("evil.txt")));
    }

    @Test
    void refusesHostileNamesWithTheReason() throws IOException {
        String message = refused(InvalidInputException.class, "", zip("ok.txt", "1", "sub-01/a:b.edf", "2"));
        assertTrue(message.startsWith("ds.zip: entry 'sub-01/a:b.edf' cannot be stored: path 'sub-01/a:b.edf'"),
                message);
    }

    @Test
    void refusesABomb() throws IOException {
        String message = refused(InvalidInputException.class, "", zip("zeros.bin", new byte[20 << 20]));
        assertTrue(message.contains("entry 'zeros.bin' unpacks to more than 100 times its packed size"), message);
    }

    @Test
    void refusesTooManyEntriesAndTooMuchInAll() throws IOException {
        ZipLimits three = new ZipLimits(3, 64L << 20, 100);
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> upload("", three, Map.of("ds.zip", zip("1", "", "2", "", "3", "", "4", ""))));
        assertTrue(e.getMessage().startsWith("ds.zip has more than 3 entries, the limit: upload the dataset in"
                + " parts"), e.getMessage());
        ZipLimits small = new ZipLimits(100, 1000, 1000);
        e = assertThrows(InvalidInputException.class,
                () -> upload("", small, Map.of("ds.zip", zip("a", new byte[600], "b", new byte[600]))));
        assertTrue(e.getMessage().startsWith("ds.zip unpacks to more than 1000 bytes, the limit"), e.getMessage());
        assertEquals(List.of(), stored());
    }

    @Test
    void refusesWhatIsNoZip() throws IOException {
        String message = refused(InvalidInputException.class, "", "plain text".getBytes(StandardCharsets.UTF_8));
        assertTrue(message.startsWith("ds.zip is not a zip archive ("), message);
    }

    @Test
    void refusesAClashWithAStoredFileNamingIt() throws IOException {
        Files.createDirectories(root.resolve("ds"));
        Files.writeString(root.resolve("ds/b.edf"), "mine");
        Files.writeString(root.resolve("sub"), "a file where a folder would go");
        String message = refused(ConflictException.class, "", zip("ds/a.edf", "new", "ds/b.edf", "new"));
        assertEquals("ds.zip: entry 'ds/b.edf' would replace 'ds/b.edf', which is already stored: delete it first"
                + " or unpack into another folder (nothing of this upload was stored)", message);
        assertEquals("mine", Files.readString(root.resolve("ds/b.edf")));
        assertTrue(refused(ConflictException.class, "", zip("sub/x.edf", "1")).contains("needs the folder 'sub'"));
    }

    @Test
    void refusesEntriesClashingWithEachOther() throws IOException {
        String message = refused(InvalidInputException.class, "", zip("a", "file", "a/b", "under a file"));
        assertTrue(message.contains("clashes with another entry"), message);
    }

    @Test
    void allOrNothingOverSeveralZipsAndFiles() throws IOException {
        Map<String, byte[]> parts = new LinkedHashMap<>();
        parts.put("good.zip", zip("g/1.edf", "1", "g/2.edf", "2"));
        parts.put("notes.txt", "kept as a file".getBytes(StandardCharsets.UTF_8));
        parts.put("bad.zip", zip("b/1.edf", "1", "../b/2.edf", "2"));
        assertThrows(InvalidInputException.class, () -> upload("f", LIMITS, parts));
        assertEquals(List.of(), stored());

        parts.remove("bad.zip");
        List<UserFiles.StoredFile> stored = upload("f", LIMITS, parts);
        assertEquals(List.of("f/g/1.edf", "f/g/2.edf", "f/notes.txt"),
                stored.stream().map(UserFiles.StoredFile::path).sorted().toList());
    }

    @Test
    void unpackNeedsAZipAndAWord() throws IOException {
        try (UserFiles.Upload upload = new UserFiles.Upload(root, 1 << 20, LIMITS)) {
            assertThrows(InvalidInputException.class, () -> upload.unpack("maybe"));
            upload.add("a.txt", new ByteArrayInputStream(new byte[] {1}));
            upload.unpack("true");
            assertEquals("unpack=true, but no part named 'file' is a .zip",
                    assertThrows(InvalidInputException.class, upload::commit).getMessage());
        }
        try (UserFiles.Upload upload = new UserFiles.Upload(root, 1 << 20, LIMITS)) {
            upload.add("kept.zip", new ByteArrayInputStream(zip("x", "1")));
            upload.unpack("false");
            upload.commit();
        }
        assertEquals(List.of("kept.zip"), stored(), "without unpack a zip is a file like any other");
    }
}
