package org.eegworkflow.files.control;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Set;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.eegworkflow.auth.control.AuthenticatedUser;
import org.eegworkflow.platform.DomainException;
import org.eegworkflow.platform.InvalidInputException;
import org.eegworkflow.platform.NotFoundException;
import org.eegworkflow.platform.Settings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The old file browser's view of a data folder: hashes, confinement, and the commands, on a real folder. */
class ElFinderVolumeTest {
    private static final AuthenticatedUser USER = new AuthenticatedUser(7, "u@example.org", "u", Set.of());

    @TempDir
    Path data;

    private ElFinderVolume volume;
    private UserFiles files;
    private String previousDataDir;

    @BeforeEach
    void setUp() {
        previousDataDir = System.getProperty("eegwf.data.dir");
        System.setProperty("eegwf.data.dir", data.toString());
        files = new UserFiles();
        files.settings = new Settings();
        volume = new ElFinderVolume();
        volume.files = files;
    }

    @AfterEach
    void restore() {
        if (previousDataDir == null) {
            System.clearProperty("eegwf.data.dir");
        } else {
            System.setProperty("eegwf.data.dir", previousDataDir);
        }
    }

    private static String encoded(String text) {
        return ElFinderVolume.ROOT_HASH + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private void store(String folder, String name, String text) {
        try (UserFiles.Upload upload = files.upload(USER)) {
            upload.folder(folder);
            upload.add(name, new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
            upload.commit();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<String> names(JsonObject content) {
        return content.getJsonArray("cdc").stream().map(v -> v.asJsonObject().getString("name")).toList();
    }

    @Test
    void aHashStandsForItsPathAndBack() {
        for (String path : List.of("", "a.vhdr", "recordings/session 1/test.eeg", "Ünïcode/ß.vmrk")) {
            assertEquals(path, ElFinderVolume.relative(ElFinderVolume.hash(path), "target"));
        }
        assertEquals(ElFinderVolume.ROOT_HASH, ElFinderVolume.hash(""));
    }

    @Test
    void aHashThatIsNotOneOfOursIsABadRequest() {
        for (String hash : new String[] {null, "", "l1_Lw", "h_*not base64*"}) {
            InvalidInputException e = assertThrows(InvalidInputException.class,
                    () -> ElFinderVolume.relative(hash, "target"));
            assertTrue(e.getMessage().startsWith("target"), e.getMessage());
        }
    }

    @Test
    void aHashOfAPathOutsideTheFolderNeverLeavesIt() throws Exception {
        Path outside = Files.writeString(data.resolve("secret.txt"), "no");
        Files.createDirectories(files.root(USER.id()));
        for (String path : List.of("../secret.txt", "../../secret.txt", "/etc/passwd", "a/../../x", "./x", "a\\..\\b")) {
            String hash = encoded(path);
            DomainException e = assertThrows(DomainException.class,
                    () -> volume.content(USER, ElFinderVolume.relative(hash, "target"), false), path);
            assertTrue(e instanceof InvalidInputException || e instanceof NotFoundException, path + ": " + e);
            assertThrows(DomainException.class, () -> volume.file(USER, ElFinderVolume.relative(hash, "target")));
            assertThrows(DomainException.class, () -> volume.remove(USER, ElFinderVolume.relative(hash, "targets[]")));
        }
        assertTrue(Files.exists(outside));
    }

    @Test
    void aSymbolicLinkIsNeitherListedNorFollowed() throws Exception {
        Path root = Files.createDirectories(files.root(USER.id()));
        Path elsewhere = Files.createDirectories(data.resolve("elsewhere"));
        Files.writeString(elsewhere.resolve("x.txt"), "x");
        Files.createSymbolicLink(root.resolve("link"), elsewhere);
        assertEquals(List.of(), names(volume.content(USER, "", true).build()));
        assertThrows(DomainException.class, () -> volume.content(USER, "link", false));
        assertThrows(DomainException.class, () -> volume.file(USER, "link/x.txt"));
    }

    @Test
    void theRootIsHomeWithFoldersFirstAndATree() {
        store("recordings", "test.vhdr", "header");
        store("", "notes.txt", "n");
        store("", ".hidden", "h");
        JsonObject open = volume.content(USER, "", true).build();
        JsonObject cwd = open.getJsonObject("cwd");
        assertEquals("Home", cwd.getString("name"));
        assertEquals("Home", cwd.getString("rel"));
        assertEquals(ElFinderVolume.ROOT_HASH, cwd.getString("hash"));
        assertFalse(cwd.getBoolean("rm"));
        assertEquals(List.of("recordings", "notes.txt"), names(open));
        JsonObject folder = open.getJsonArray("cdc").getJsonObject(0);
        assertEquals("directory", folder.getString("mime"));
        assertEquals(ElFinderVolume.hash("recordings"), folder.getString("hash"));
        JsonObject tree = open.getJsonObject("tree");
        assertEquals("Home", tree.getString("name"));
        JsonArray dirs = tree.getJsonArray("dirs");
        assertEquals("recordings", dirs.getJsonObject(0).getString("name"));

        JsonObject inside = volume.content(USER, "recordings", false).build();
        assertEquals("Home/recordings", inside.getJsonObject("cwd").getString("rel"));
        JsonObject file = inside.getJsonArray("cdc").getJsonObject(0);
        assertEquals(6, file.getInt("size"));
        assertEquals(ElFinderVolume.hash("recordings/test.vhdr"), file.getString("hash"));
    }

    @Test
    void foldersAreMadeRenamedCopiedMovedAndRemoved() throws Exception {
        store("", "a.txt", "a");
        assertEquals("raw", volume.mkdir(USER, "", "raw"));
        assertEquals("raw/sub", volume.mkdir(USER, "raw", "sub"));
        assertThrows(InvalidInputException.class, () -> volume.mkdir(USER, "", "raw"));
        for (String bad : new String[] {"", "a/b", "..", ".x", "a\\b"}) {
            assertThrows(InvalidInputException.class, () -> volume.mkdir(USER, "", bad), bad);
        }
        assertEquals("b.txt", volume.rename(USER, "a.txt", "b.txt"));
        assertThrows(InvalidInputException.class, () -> volume.rename(USER, "b.txt", "../b.txt"));
        volume.paste(USER, List.of("b.txt"), "raw/sub", false);
        assertEquals("a", Files.readString(files.file(USER, "raw/sub/b.txt")));
        assertEquals("a", Files.readString(files.file(USER, "b.txt")));
        assertThrows(InvalidInputException.class,
                () -> volume.paste(USER, List.of("raw"), "raw/sub", false));
        assertThrows(InvalidInputException.class,
                () -> volume.paste(USER, List.of("b.txt"), "raw/sub", true));
        volume.mkdir(USER, "", "moved");
        volume.paste(USER, List.of("b.txt"), "moved", true);
        assertThrows(NotFoundException.class, () -> files.file(USER, "b.txt"));
        volume.remove(USER, "raw");
        assertEquals(List.of("moved"), names(volume.content(USER, "", false).build()));
        assertThrows(InvalidInputException.class, () -> volume.remove(USER, ""));
        assertEquals(List.of("moved/b.txt"), files.list(USER).stream().map(UserFiles.StoredFile::path).toList());
    }

    @Test
    void mimeTypesComeFromTheName() {
        assertEquals("text/plain", ElFinderVolume.mime("a.txt"));
        assertEquals("application/octet-stream", ElFinderVolume.mime("test.eeg"));
        JsonValue unused = JsonValue.NULL;
        assertEquals(JsonValue.NULL, unused);
    }
}
