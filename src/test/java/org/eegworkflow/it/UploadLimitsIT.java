package org.eegworkflow.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.eegworkflow.platform.Folders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Uploads over the data file and module limits, on a server started as the README starts it with low limits
 * ({@code EEGWF_FILES_MAX_MB=1}, {@code EEGWF_MODULES_MAX_MB=1}): refused with the limit named, nothing stored, and
 * the server healthy afterwards. (The Arquillian server keeps the default limits, which other tests rely on.)
 */
class UploadLimitsIT {
    private static final String PASSWORD = "correct horse battery";
    private static final int PORT_OFFSET = 400;

    @TempDir
    Path dir;

    @Test
    void oversizedUploadsAreRefusedWithTheLimitNamed() throws IOException {
        String server = Deployments.server();
        Path data = Path.of(System.getProperty("it.work.dir", "target/it")).resolve("upload-limits-" + server);
        Folders.deleteRecursively(data);
        byte[] big = new byte[3 << 20];
        new Random(5).nextBytes(big);
        Path bigFile = Files.write(dir.resolve("big.eeg"), big);
        try (ServerProcess limited = ServerProcess.start(server, data, PORT_OFFSET,
                Map.of("EEGWF_FILES_MAX_MB", "1", "EEGWF_MODULES_MAX_MB", "1"))) {
            // the first account of a fresh server is its admin, who may upload modules
            String adminEmail = "admin-" + UUID.randomUUID() + "@example.org";
            ApiClient admin = limited.client();
            admin.register(adminEmail, "Admin", PASSWORD);
            admin.login(adminEmail, PASSWORD);
            ApiClient owner = ApiClient.newUser(limited.client());
            List<String> failures = new ArrayList<>();

            check(failures, "a 3 MB data file",
                    owner.uploadFiles("api/files", Map.of("big.eeg", bigFile), Map.of()), "1 MB");
            Path small = Files.writeString(dir.resolve("small.txt"), "x");
            check(failures, "a small and a 3 MB data file in one upload", owner.uploadFiles("api/files",
                    new java.util.LinkedHashMap<>(Map.of("a-small.txt", small, "b-big.eeg", bigFile)), Map.of()),
                    "1 MB");
            check(failures, "a 3 MB module", admin.upload(Files.write(dir.resolve("Big.jar"),
                    zip(Map.of("big.bin", big))), "Big.jar", null), "1 MB");
            ByteArrayOutputStream endless = new ByteArrayOutputStream();
            endless.writeBytes(("--x\r\nContent-Disposition: form-data; name=\"file\"; filename=\"endless.eeg\"\r\n"
                    + "\r\n").getBytes(StandardCharsets.UTF_8));
            endless.writeBytes(big);
            endless.writeBytes(big);
            check(failures, "6 MB of a data file without its closing boundary",
                    owner.raw("POST", "api/files", "multipart/form-data; boundary=x", endless.toByteArray()), null);

            // a form of fields is no upload: RESTEasy's copy of it is bounded (dev.resteasy.entity.file.threshold);
            // Jersey reads the field itself, and the login refuses the address
            ByteArrayOutputStream hugeForm = new ByteArrayOutputStream();
            hugeForm.writeBytes(("--x\r\nContent-Disposition: form-data; name=\"email\"\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            byte[] letters = new byte[1 << 20];
            java.util.Arrays.fill(letters, (byte) 'a');
            for (int i = 0; i < 70; i++) {
                hugeForm.writeBytes(letters);
            }
            hugeForm.writeBytes("\r\n--x--\r\n".getBytes(StandardCharsets.UTF_8));
            check(failures, "a 70 MB login form", admin.raw("POST", "api/users/login",
                    "multipart/form-data; boundary=x", hugeForm.toByteArray()), server.equals("wildfly") ? "64 MB" : null);

            ApiClient.Reply list = owner.get("api/files");
            if (!list.jsonArray().isEmpty()) {
                failures.add("the refused uploads stored " + list.body());
            }
            ApiClient.Reply health = admin.get("api/health");
            if (health.status() != 200) {
                failures.add("afterwards /api/health answered " + health.status() + " " + health.body());
            }
            assertTrue(failures.isEmpty(), String.join("\n", failures) + "\nserver log:\n" + limited.tail());
        }
    }

    private static void check(List<String> failures, String label, ApiClient.Reply reply, String mention) {
        String problem = BadInputIT.problem(reply, 0);
        System.out.printf("UploadLimitsIT on %s: %s: %d %s%n", Deployments.server(), label, reply.status(),
                BadInputIT.abbreviate(reply.body()));
        if (problem != null) {
            failures.add(label + ": " + problem);
        } else if (mention != null && !reply.error().contains(mention)) {
            failures.add(label + ": the error does not mention " + mention + ": " + reply.error());
        }
    }

    private static byte[] zip(Map<String, byte[]> entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            out.setLevel(java.util.zip.Deflater.NO_COMPRESSION);
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(entry.getKey()));
                out.write(entry.getValue());
                out.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
