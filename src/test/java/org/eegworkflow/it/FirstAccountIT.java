package org.eegworkflow.it;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.json.JsonArray;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import org.eegworkflow.platform.Folders;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The first account of a new server becomes its admin. People who register on it at the same moment must not all
 * find "no account yet": eight registrations at once on a fresh server (started as the README starts it) make
 * exactly one admin.
 */
class FirstAccountIT {
    private static final String PASSWORD = "correct horse battery";
    private static final int PORT_OFFSET = 730;
    private static final int PEOPLE = 8;

    @Test
    void ofSimultaneousFirstRegistrationsExactlyOneBecomesTheAdmin() throws Exception {
        String server = Deployments.server();
        Path data = Path.of(System.getProperty("it.work.dir", "target/it")).resolve("first-account-" + server);
        Folders.deleteRecursively(data);
        try (ServerProcess fresh = ServerProcess.start(server, data, PORT_OFFSET, Map.of())) {
            ExecutorService pool = Executors.newFixedThreadPool(PEOPLE);
            CountDownLatch together = new CountDownLatch(PEOPLE);
            List<Future<ApiClient>> signUps = new ArrayList<>();
            for (int i = 0; i < PEOPLE; i++) {
                int person = i;
                signUps.add(pool.submit(() -> {
                    ApiClient client = fresh.client();
                    String email = "first-" + person + "-" + UUID.randomUUID() + "@example.org";
                    together.countDown();
                    together.await();
                    client.register(email, "Person " + person, PASSWORD);
                    client.login(email, PASSWORD);
                    return client;
                }));
            }
            List<ApiClient> clients = new ArrayList<>();
            for (Future<ApiClient> signUp : signUps) {
                clients.add(signUp.get(5, TimeUnit.MINUTES));
            }
            pool.shutdown();

            List<ApiClient> admins = clients.stream().filter(c -> c.get("api/admin/users").status() == 200).toList();
            assertEquals(1, admins.size(), "people who may use the admin endpoints\nserver log:\n" + fresh.tail());
            JsonArray users = admins.get(0).get("api/admin/users").jsonArray();
            assertEquals(PEOPLE, users.size(), users.toString());
            long withAdminRole = users.stream().map(JsonValue::asJsonObject)
                    .filter(u -> u.getJsonArray("roles").getValuesAs(JsonString.class).stream()
                            .anyMatch(role -> role.getString().equals("admin")))
                    .count();
            assertEquals(1, withAdminRole, users.toString());
        }
    }
}
