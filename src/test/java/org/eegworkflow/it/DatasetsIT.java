package org.eegworkflow.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import jakarta.json.JsonObject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.eegworkflow.eeg.bids.BidsFixtures;

/** Datasets in: a zip unpacked by POST /api/files, and GET /api/datasets describing BIDS and plain folders. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DatasetsIT {

    @ArquillianResource
    URL base;

    @TempDir
    Path dir;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.warWithTestBlocks();
    }

    /** A small eeg_matchingpennies-shaped dataset, one subject's data file left out, zipped as macOS zips it. */
    private Path bidsZip() throws IOException {
        Path ds = dir.resolve("mp");
        BidsFixtures.write(ds.resolve("dataset_description.json"), "{\"Name\": \"MP\", \"BIDSVersion\": \"1.9.0\"}");
        BidsFixtures.write(ds.resolve("task-mp_eeg.json"), "{\"SamplingFrequency\": 500}");
        for (String sub : List.of("05", "06")) {
            Path eeg = ds.resolve("sub-" + sub + "/eeg");
            BidsFixtures.brainVision(eeg, "sub-" + sub + "_task-mp_eeg", List.of("Fz", "Cz", "Pz"), 500, 1500,
                    List.of(new BidsFixtures.Marker("Stimulus", "S  1", 100)));
            BidsFixtures.tsv(eeg.resolve("sub-" + sub + "_task-mp_channels.tsv"), "name|type|units|status",
                    "Fz|EEG|µV|good", "Cz|EEG|µV|bad", "Pz|EEG|µV|good");
            BidsFixtures.tsv(eeg.resolve("sub-" + sub + "_task-mp_events.tsv"), "onset|duration|trial_type",
                    "0.2|0|left", "0.6|0|right", "1.0|0|left");
        }
        Files.delete(ds.resolve("sub-06/eeg/sub-06_task-mp_eeg.eeg"));
        BidsFixtures.write(ds.resolve(".DS_Store"), "junk");
        return zip(ds, dir.resolve("mp.zip"), "__MACOSX/mp/._task-mp_eeg.json");
    }

    private static Path zip(Path folder, Path zip, String... extra) throws IOException {
        try (OutputStream file = Files.newOutputStream(zip); ZipOutputStream out = new ZipOutputStream(file);
             Stream<Path> paths = Files.walk(folder)) {
            for (Path p : paths.filter(Files::isRegularFile).sorted().toList()) {
                out.putNextEntry(new ZipEntry(folder.getParent().relativize(p).toString().replace('\\', '/')));
                Files.copy(p, out);
                out.closeEntry();
            }
            for (String name : extra) {
                out.putNextEntry(new ZipEntry(name));
                out.write("junk".getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return zip;
    }

    private Path zipOf(String... namesAndContents) throws IOException {
        Path zip = Files.createTempFile(dir, "bad", ".zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (int i = 0; i < namesAndContents.length; i += 2) {
                out.putNextEntry(new ZipEntry(namesAndContents[i]));
                out.write(namesAndContents[i + 1].getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return zip;
    }

    @Test
    void aBidsZipIsUnpackedAndDescribed() throws IOException {
        ApiClient client = ApiClient.newUser(base);
        ApiClient.Reply upload = client.uploadFiles("api/files", Map.of("mp.zip", bidsZip()),
                Map.of("folder", "studies", "unpack", "true"));
        assertEquals(201, upload.status(), upload.body());
        List<String> stored = upload.jsonArray().stream().map(v -> v.asJsonObject().getString("path")).toList();
        assertTrue(stored.contains("studies/mp/sub-05/eeg/sub-05_task-mp_eeg.eeg"), stored.toString());
        assertTrue(stored.stream().noneMatch(p -> p.contains("__MACOSX") || p.contains(".DS_Store")), stored::toString);

        ApiClient.Reply reply = client.get("api/datasets/studies/mp");
        assertEquals(200, reply.status(), reply.body());
        JsonObject ds = reply.json();
        assertEquals("studies/mp", ds.getString("folder"));
        assertEquals("BIDS", ds.getString("format"));
        assertEquals(2, ds.getJsonArray("recordings").size(), reply.body());
        JsonObject five = ds.getJsonArray("recordings").getJsonObject(0);
        assertEquals("studies/mp/sub-05/eeg/sub-05_task-mp_eeg.vhdr", five.getString("path"));
        assertEquals("05", five.getString("subject"));
        assertTrue(five.isNull("session"));
        assertEquals("mp", five.getString("task"));
        assertEquals("BrainVision", five.getString("format"));
        assertEquals(3, five.getInt("channels"));
        assertEquals(500.0, five.getJsonNumber("samplingRate").doubleValue());
        assertEquals(3.0, five.getJsonNumber("durationSeconds").doubleValue());
        assertEquals(List.of("Cz"), five.getJsonArray("badChannels").getValuesAs(jakarta.json.JsonString.class)
                .stream().map(jakarta.json.JsonString::getString).toList());
        assertEquals(2, five.getJsonObject("events").getInt("left"));
        assertEquals(1, five.getJsonObject("events").getInt("right"));
        JsonObject six = ds.getJsonArray("recordings").getJsonObject(1);
        assertTrue(six.isNull("channels"), "the missing data file leaves what it would tell unknown");
        String problems = ds.getJsonArray("problems").toString();
        assertTrue(problems.contains("studies/mp/sub-06/eeg/sub-06_task-mp_eeg.vhdr: the data file"
                + " 'sub-06_task-mp_eeg.eeg' named by DataFile is missing"), problems);

        // the same zip again clashes with what it stored, and is refused naming the file
        ApiClient.Reply again = client.uploadFiles("api/files", Map.of("mp.zip", dir.resolve("mp.zip")),
                Map.of("folder", "studies", "unpack", "true"));
        assertEquals(409, again.status(), again.body());
        assertTrue(again.error().contains("which is already stored"), again.body());

        assertEquals(404, ApiClient.newUser(base).get("api/datasets/studies/mp").status(),
                "another user's folder does not exist for them");
        ApiClient.Reply missing = client.get("api/datasets/studies/nothing");
        assertEquals(404, missing.status(), missing.body());
        assertTrue(missing.error().contains("no folder 'studies/nothing'"), missing.body());
        ApiClient.Reply file = client.get("api/datasets/studies/mp/dataset_description.json");
        assertEquals(404, file.status(), "a file is no folder: " + file.body());
        ApiClient.Reply up = client.sendRaw("GET", "api/datasets/studies/%2E%2E/%2E%2E");
        assertTrue(up.status() == 400 || up.status() == 404, up.status() + " " + up.body());
    }

    @Test
    void aPlainFolderAndTheTopAreDescribed() throws IOException {
        ApiClient client = ApiClient.newUser(base);
        assertEquals(List.of(), client.get("api/datasets").json().getJsonArray("recordings"),
                "before any upload the top is an empty folder");
        Path plain = dir.resolve("plain");
        BidsFixtures.edf(plain.resolve("alice.edf"), false, List.of("C3", "C4"), 100, 4,
                List.of(new BidsFixtures.Annotation(1, 0, "T1"), new BidsFixtures.Annotation(2, 0, "T1")));
        BidsFixtures.edf(plain.resolve("bob.bdf"), true, List.of("C3"), 64, 2, List.of());
        ApiClient.Reply upload = client.uploadFiles("api/files", Map.of("plain.zip", zip(plain, dir.resolve(
                "plain.zip"))), Map.of("unpack", "true"));
        assertEquals(201, upload.status(), upload.body());

        JsonObject ds = client.get("api/datasets/plain").json();
        assertEquals("files", ds.getString("format"));
        assertEquals(List.of(), ds.getJsonArray("problems"));
        JsonObject alice = ds.getJsonArray("recordings").getJsonObject(0);
        assertEquals("plain/alice.edf", alice.getString("path"));
        assertEquals("alice", alice.getString("subject"));
        assertEquals("EDF", alice.getString("format"));
        assertEquals(4.0, alice.getJsonNumber("durationSeconds").doubleValue());
        assertEquals(2, alice.getJsonObject("events").getInt("T1"));
        assertEquals("BDF", ds.getJsonArray("recordings").getJsonObject(1).getString("format"));

        JsonObject top = client.get("api/datasets").json();
        assertEquals("", top.getString("folder"));
        assertEquals(2, top.getJsonArray("recordings").size(), top.toString());
    }

    @Test
    void badZipsAreRefusedWithTheReasonAndStoreNothing() throws IOException {
        ApiClient client = ApiClient.newUser(base);
        Map<String, String> unpack = Map.of("unpack", "true");
        ApiClient.Reply slip = client.uploadFiles("api/files", Map.of("slip.zip", zipOf("ok.txt", "1",
                "../../evil.txt", "2")), unpack);
        assertEquals(400, slip.status(), slip.body());
        assertTrue(slip.error().contains("'../../evil.txt' is not a plain relative path"), slip.body());

        ApiClient.Reply hostile = client.uploadFiles("api/files", Map.of("h.zip", zipOf("ok.txt", "1",
                "sub-01/a:b.edf", "2")), unpack);
        assertEquals(400, hostile.status(), hostile.body());
        assertTrue(hostile.error().contains("entry 'sub-01/a:b.edf' cannot be stored"), hostile.body());

        Path bomb = dir.resolve("bomb.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(bomb))) {
            out.putNextEntry(new ZipEntry("zeros.bin"));
            out.write(new byte[30 << 20]);
            out.closeEntry();
        }
        ApiClient.Reply bombed = client.uploadFiles("api/files", Map.of("bomb.zip", bomb), unpack);
        assertEquals(400, bombed.status(), bombed.body());
        assertTrue(bombed.error().contains("as a zip bomb does"), bombed.body());

        Path text = Files.writeString(dir.resolve("fake.zip"), "no zip at all");
        ApiClient.Reply notZip = client.uploadFiles("api/files", Map.of("fake.zip", text), unpack);
        assertEquals(400, notZip.status(), notZip.body());
        assertTrue(notZip.error().startsWith("fake.zip is not a zip archive"), notZip.body());

        ApiClient.Reply word = client.uploadFiles("api/files", Map.of("fake.zip", text), Map.of("unpack", "yes"));
        assertEquals(400, word.status(), word.body());
        assertTrue(client.get("api/files").jsonArray().isEmpty(), "nothing of the refused uploads is stored");
        assertEquals(400, client.get("api/datasets/a%5Cb").status(), "a backslash is no folder name");
    }
}
