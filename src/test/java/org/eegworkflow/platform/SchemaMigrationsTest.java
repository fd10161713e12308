package org.eegworkflow.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.eegworkflow.testsupport.TestPostgres;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.MigrateResult;
import org.flywaydb.core.api.output.ValidateResult;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The versioned migrations on H2 (the version WildFly bundles, as a file database like the embedded default) and on
 * PostgreSQL (started by the test with the machine's initdb/pg_ctl; skipped when there is none): a database created by
 * the first migration is upgraded to the newest by the app's own code path ({@link SchemaMigrations#migrate}) with
 * every row intact, migrating twice changes nothing, and a fresh database reaches the same schema as an upgraded one.
 */
class SchemaMigrationsTest {
    /** The tables of V1, each with its key: the rows the upgrade must keep. */
    private static final Map<String, String> V1_TABLES = linked(
            "app_user", "id", "auth_session", "token_hash", "wf_job", "id", "wf_block_run", "id");
    private static final Pattern VERSION = Pattern.compile("V(\\d+(?:[._]\\d+)*)__.*\\.sql");
    /** Flyway's table, named in lower case (quoted) on both databases. */
    private static final String HISTORY = "\"flyway_schema_history\"";
    private static final AtomicInteger DATABASES = new AtomicInteger();

    @TempDir
    static Path h2Folder;

    private static TestPostgres postgres;

    @AfterAll
    static void stopPostgres() {
        if (postgres != null) {
            postgres.close();
            postgres = null;
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void upgradeFromTheFirstMigrationKeepsEveryRow(String vendor) throws Exception {
        DataSource db = newDatabase(vendor);
        MigrateResult first = SchemaMigrations.configure(db).target("1").load().migrate();
        assertEquals("1", first.targetSchemaVersion);
        assertEquals(1, first.migrationsExecuted);
        assertEquals(vendor, SchemaMigrations.vendor(db));

        V1Data data = insertV1Rows(db, vendor);
        Map<String, List<Map<String, Object>>> before = rows(db);
        assertEquals(3, before.get("app_user").size());
        assertEquals(4, before.get("auth_session").size());
        assertEquals(4, before.get("wf_job").size());
        assertEquals(6, before.get("wf_block_run").size());

        MigrateResult upgrade = SchemaMigrations.migrate(db);
        assertEquals(newestVersion(), upgrade.targetSchemaVersion);
        assertEquals(MigrationScripts.SCRIPTS.size() - 1, upgrade.migrationsExecuted);
        assertFullyMigrated(db);

        Map<String, List<Map<String, Object>>> after = rows(db);
        for (String table : V1_TABLES.keySet()) {
            List<Map<String, Object>> kept = after.get(table).stream()
                    .map(row -> only(row, before.get(table).get(0).keySet())).toList();
            assertEquals(before.get(table), kept, table + ": rows changed by the upgrade");
        }
        // the values as written, not only as read back after V1: text survives byte for byte, NULLs stay NULL
        Map<String, Object> job = after.get("wf_job").get(0);
        assertEquals(data.workflow, job.get("workflow"));
        assertEquals("RUNNING", after.get("wf_job").get(3).get("status"));
        assertNull(after.get("wf_job").get(3).get("execution_id"));
        assertEquals(data.stdout, after.get("wf_block_run").get(0).get("stdout"));
        assertEquals("Fz: ungültiger Kanal (µV)", after.get("wf_job").get(1).get("error"));
        // columns added after V1 are empty on old rows
        after.get("wf_job").forEach(row -> assertNull(row.get("module_versions"), "wf_job.module_versions"));
        after.get("wf_job").forEach(row -> assertNull(row.get("node"), "wf_job.node"));

        // the sequences go on where they were: no id is handed out twice after an upgrade
        assertEquals(data.nextUserId, nextValue(db, vendor, "app_user_seq"));
        assertEquals(data.nextJobBlock, nextValue(db, vendor, "wf_job_seq"));
        assertEquals(data.nextBlockRunBlock, nextValue(db, vendor, "wf_block_run_seq"));

        // the upgraded database takes the newer tables' rows, as the app writes them
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO wf_module (id, name, owner_id, is_public, created_at)"
                    + " VALUES (1, 'Filters', 1, TRUE, 1764300000000)");
            s.executeUpdate("INSERT INTO wf_module_version (id, module_id, version, file_name, folder, size_bytes,"
                    + " block_count, created_at) VALUES (1, 1, 1, 'Filters.jar', '/data/modules/1/1', 20480, 3,"
                    + " 1764300000001)");
            s.executeUpdate("UPDATE wf_job SET module_versions = '{\"Filters.jar:Filters\": 1}' WHERE id = 1");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void migratingTwiceChangesNothing(String vendor) throws Exception {
        DataSource db = newDatabase(vendor);
        MigrateResult first = SchemaMigrations.migrate(db);
        assertEquals(MigrationScripts.SCRIPTS.size(), first.migrationsExecuted);
        assertEquals(newestVersion(), first.targetSchemaVersion);
        insertV1Rows(db, vendor);
        Schema schema = schema(db);
        Map<String, List<Map<String, Object>>> rows = rows(db);
        int history = count(db, HISTORY);

        MigrateResult second = SchemaMigrations.migrate(db);
        assertEquals(0, second.migrationsExecuted);
        assertFullyMigrated(db);
        assertEquals(schema, schema(db));
        assertEquals(rows, rows(db));
        assertEquals(history, count(db, HISTORY));
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void aFreshDatabaseHasTheSameSchemaAsAnUpgradedOne(String vendor) throws Exception {
        DataSource fresh = newDatabase(vendor);
        SchemaMigrations.migrate(fresh);

        DataSource upgraded = newDatabase(vendor);
        SchemaMigrations.configure(upgraded).target("1").load().migrate();
        insertV1Rows(upgraded, vendor);
        SchemaMigrations.migrate(upgraded);

        Schema expected = schema(fresh);
        assertTrue(expected.columns.size() > 20, "columns read: " + expected.columns);
        assertTrue(expected.columns.stream().anyMatch(c -> c.startsWith("wf_job.module_versions ")), "V2 applied");
        assertEquals(expected, schema(upgraded));
    }

    /**
     * The one set of scripts, as each vendor reads it, is the set each vendor had in its own folder before they were
     * merged (kept in the test resources, db/released-migrations), character for character: Flyway's checksum is a
     * function of that text, so every database deployed before the merge keeps validating.
     */
    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void eachVendorReadsTheScriptsItWasReleasedWith(String vendor) throws Exception {
        MigrationScripts scripts = new MigrationScripts(vendor);
        // every script released before the merge is still one of the set (later ones, V6 on, were never per vendor)
        assertTrue(MigrationScripts.SCRIPTS.containsAll(released(vendor).keySet()), released(vendor).keySet()
                + " not all in " + MigrationScripts.SCRIPTS);
        assertEquals(5, released(vendor).size(), "V1 to V5 were released per vendor");
        for (String name : released(vendor).keySet()) {
            String read;
            try (Reader reader = scripts.getResource(name).read()) {
                read = readAll(reader);
            }
            assertEquals(released(vendor).get(name), read, vendor + " " + name);
            assertFalse(read.contains("${"), vendor + " " + name + ": a placeholder left for Flyway");
        }
    }

    /**
     * A database made by the released per-vendor scripts (all of them, or the first three as an older release left
     * it) validates against the merged set and is migrated by it: nothing run twice, the missing ones run.
     */
    @ParameterizedTest
    @CsvSource({"h2,5", "h2,3", "postgresql,5", "postgresql,3"})
    void aDatabaseMadeByTheReleasedScriptsValidatesAndMigrates(String vendor, String releasedUpTo) throws Exception {
        DataSource db = newDatabase(vendor);
        MigrateResult old = releasedFlyway(db, vendor).target(releasedUpTo).load().migrate();
        assertEquals(Integer.parseInt(releasedUpTo), old.migrationsExecuted);
        insertV1Rows(db, vendor);
        Map<String, List<Map<String, Object>>> before = rows(db);

        if (releasedUpTo.equals(newestVersion())) {
            ValidateResult validation = SchemaMigrations.configure(db).load().validateWithResult();
            assertTrue(validation.validationSuccessful, () -> "validation failed: " + validation.getAllErrorMessages());
        }
        MigrateResult upgrade = SchemaMigrations.migrate(db);
        assertEquals(MigrationScripts.SCRIPTS.size() - Integer.parseInt(releasedUpTo), upgrade.migrationsExecuted);
        assertFullyMigrated(db);
        assertEquals(before.get("wf_job"), rows(db).get("wf_job").stream()
                .map(row -> only(row, before.get("wf_job").get(0).keySet())).toList());
        ValidateResult validation = SchemaMigrations.configure(db).load().validateWithResult();
        assertTrue(validation.validationSuccessful, () -> "validation failed: " + validation.getAllErrorMessages());
    }

    /**
     * Why the vendor's word is put in by MigrationScripts and not by a Flyway placeholder: Flyway checksums a
     * versioned script before it replaces placeholders, so the merged V1 with a Flyway placeholder fails validation on
     * a database made by the released script. Should a Flyway release change that, this test fails and the merged set
     * may use Flyway's placeholders instead.
     */
    @Test
    void withFlywaysOwnPlaceholderAReleasedDatabaseWouldFailValidation() throws Exception {
        DataSource db = newDatabase("h2");
        releasedFlyway(db, "h2").load().migrate();
        ValidateResult validation = Flyway.configure(SchemaMigrationsTest.class.getClassLoader()).dataSource(db)
                .locations("classpath:" + MigrationScripts.FOLDER).placeholders(Map.of("long_text", "CLOB"))
                .load().validateWithResult();
        assertFalse(validation.validationSuccessful, "Flyway now checksums versioned scripts after placeholders");
        assertTrue(validation.getAllErrorMessages().contains("checksum mismatch for migration version 1"),
                validation.getAllErrorMessages());
    }

    /** Flyway as the app ran it before the merge: the vendor's own folder, now kept in the test resources. */
    private static FluentConfiguration releasedFlyway(DataSource db, String vendor) {
        return Flyway.configure(SchemaMigrationsTest.class.getClassLoader()).dataSource(db)
                .locations("classpath:db/released-migrations/" + vendor)
                .baselineOnMigrate(true).baselineVersion("0");
    }

    private static Map<String, String> released(String vendor) throws Exception {
        Map<String, String> scripts = new TreeMap<>();
        Path folder = Path.of(SchemaMigrationsTest.class.getClassLoader()
                .getResource("db/released-migrations/" + vendor).toURI());
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.toList()) {
                scripts.put(file.getFileName().toString(), Files.readString(file));
            }
        }
        return scripts;
    }

    private static String readAll(Reader reader) throws IOException {
        StringBuilder text = new StringBuilder();
        char[] buffer = new char[8192];
        for (int n; (n = reader.read(buffer)) > 0; ) {
            text.append(buffer, 0, n);
        }
        return text.toString();
    }

    /** The two vendors' scripts describe one schema: the same tables, columns, nullability, lengths and sequences. */
    @Test
    void h2AndPostgresqlGetTheSameSchema() throws Exception {
        DataSource h2 = newDatabase("h2");
        SchemaMigrations.migrate(h2);
        DataSource pg = newDatabase("postgresql");
        SchemaMigrations.migrate(pg);
        assertEquals(portable(schema(h2)), portable(schema(pg)));
    }

    /** The app's part of a schema with the vendors' spellings of one type made one, Flyway's own table left out. */
    private static Schema portable(Schema schema) {
        Function<TreeSet<String>, TreeSet<String>> ours = set -> set.stream()
                .filter(e -> !e.startsWith("flyway_schema_history"))
                .map(e -> e.toLowerCase(Locale.ROOT).replaceAll("character large object\\(\\d+\\)", "text(null)")
                        .replace("text(null)", "text"))
                .collect(Collectors.toCollection(TreeSet::new));
        return new Schema(ours.apply(schema.tables), ours.apply(schema.columns), ours.apply(schema.sequences),
                ours.apply(schema.indexes));
    }

    /** The batch runtime may have created its tables in the schema first: the app's migrations all run after them. */
    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void aSchemaHoldingOnlyTheBatchRuntimesTablesGetsEveryMigration(String vendor) throws Exception {
        DataSource db = newDatabase(vendor);
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE job_instance (jobinstanceid BIGINT PRIMARY KEY, jobname VARCHAR(512))");
            s.executeUpdate("INSERT INTO job_instance VALUES (1, 'workflow')");
        }
        MigrateResult result = SchemaMigrations.migrate(db);
        assertEquals(MigrationScripts.SCRIPTS.size(), result.migrationsExecuted);
        assertFullyMigrated(db);
        assertEquals(1, count(db, "job_instance"));
        Schema withBatch = schema(db);

        DataSource plain = newDatabase(vendor);
        SchemaMigrations.migrate(plain);
        Schema ours = schema(plain);
        assertTrue(withBatch.columns.containsAll(ours.columns), "the app's columns in a schema shared with JBeret");
    }

    // --- data ---------------------------------------------------------------------------------------------------

    private record V1Data(String workflow, String stdout, long nextUserId, long nextJobBlock, long nextBlockRunBlock) {
    }

    /** Users, their sessions, jobs in every state and block runs, written with the ids the sequences hand out. */
    private static V1Data insertV1Rows(DataSource db, String vendor) throws SQLException {
        String workflow = workflow();
        String stdout = "epoch 1/40\n".repeat(800) + "Überprüfung fertig: 64 Kanäle, 160 Hz, ±200 µV\n";
        long t = 1_764_300_000_000L;
        try (Connection c = db.getConnection()) {
            long admin = nextValue(c, vendor, "app_user_seq");
            long author = nextValue(c, vendor, "app_user_seq");
            long reader = nextValue(c, vendor, "app_user_seq");
            insert(c, "INSERT INTO app_user (id, email, username, password_hash, roles, created_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?)",
                    admin, "admin@lab.example", "Admin", hash("a"), "admin,author", t,
                    author, "jana.novakova@lab.example", "Jana Nováková", hash("b"), "author", t + 1000,
                    reader, "o'brien@lab.example", "Seán O'Brien", hash("c"), "", t + 2000);

            insert(c, "INSERT INTO auth_session (token_hash, user_id, created_at, expires_at, revoked_at)"
                    + " VALUES (?, ?, ?, ?, ?)",
                    "a".repeat(64), admin, t, t + 86_400_000L, null,
                    "b".repeat(64), author, t + 10, t + 86_400_010L, t + 500,
                    "0123456789abcdef".repeat(4), author, t + 20, t + 86_400_020L, null,
                    "f".repeat(64), reader, t - 90_000_000L, t - 3_600_000L, null);

            // JPA's pooled ids: a value of the job sequence is the top of a block of 20
            long jobTop = nextValue(c, vendor, "wf_job_seq");
            long runTop = nextValue(c, vendor, "wf_block_run_seq");
            long j1 = jobTop - 19;
            long j2 = jobTop - 18;
            long j3 = jobTop - 17;
            long j4 = jobTop - 16;
            insert(c, "INSERT INTO wf_job (id, execution_id, last_execution_id, owner_id, workflow, status, created_at,"
                    + " start_time, end_time, error, attempts) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    j1, 1L, 3L, author, workflow, "COMPLETED", t + 5000, t + 5100, t + 9000, null, 2,
                    j2, 2L, 2L, author, "{\"blocks\":[],\"edges\":[]}", "FAILED", t + 6000, t + 6100, t + 6200,
                    "Fz: ungültiger Kanal (µV)", 1,
                    j3, 4L, 4L, admin, workflow, "STOPPED", t + 7000, t + 7100, t + 7300, null, 1,
                    j4, null, null, reader, workflow, "RUNNING", t + 8000, null, null, null, 0);

            insert(c, "INSERT INTO wf_block_run (id, job_id, block_id, status, output_type, output_value, stdout,"
                    + " stderr, start_time, end_time, attempt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    runTop - 49, j1, 1, "COMPLETED", "FILE", "jobs/1/1/epochs.fif", stdout, "", t + 5100, t + 7000, 1,
                    runTop - 48, j1, 2, "COMPLETED", "GRAPH", "{\"png\":\"jobs/1/2/psd.png\"}", null, null,
                    t + 7000, t + 8000, 2,
                    runTop - 47, j1, 3, "COMPLETED", "STRING", "accuracy 0.8125", "ok", null, t + 8000, t + 9000, 2,
                    runTop - 46, j2, 1, "FAILED", null, null, "", "java.lang.IllegalArgumentException: Fz\n\tat "
                            + "org.eegworkflow.eeg.Pick.run(Pick.java:42)\n".repeat(30), t + 6100, t + 6200, 1,
                    runTop - 45, j3, 1, "STOPPED", null, null, null, null, t + 7100, t + 7300, 1,
                    runTop - 44, j3, 2, "WAITING", null, null, null, null, null, null, 1);
        }
        return new V1Data(workflow, stdout, 4, 40, 100);
    }

    /** A designer workflow of some size (longer than any VARCHAR the schema has), with text outside ASCII. */
    private static String workflow() {
        StringBuilder blocks = new StringBuilder();
        StringBuilder edges = new StringBuilder();
        for (int i = 1; i <= 60; i++) {
            blocks.append(i > 1 ? "," : "").append("{\"id\":").append(i).append(",\"x\":").append(i * 10.0)
                    .append(",\"y\":0,\"type\":\"Bandpass\",\"module\":\"EEG.jar:EEG\",\"values\":{\"low\":\"1.0\","
                            + "\"high\":\"40.0\",\"label\":\"Fp1–Fp2 α-band µV\"}}");
            if (i > 1) {
                edges.append(i > 2 ? "," : "").append("{\"id\":").append(i - 1).append(",\"block1\":").append(i - 1)
                        .append(",\"connector1\":[\"signal\",\"output\"],\"block2\":").append(i)
                        .append(",\"connector2\":[\"signal\",\"input\"]}");
            }
        }
        return "{\"blocks\":[" + blocks + "],\"edges\":[" + edges + "]}";
    }

    private static String hash(String seed) {
        return "PBKDF2WithHmacSHA512:210000:" + seed.repeat(24) + ":" + seed.toUpperCase(Locale.ROOT).repeat(88);
    }

    private static void insert(Connection c, String sql, Object... values) throws SQLException {
        int columns = (int) sql.chars().filter(ch -> ch == '?').count();
        try (PreparedStatement p = c.prepareStatement(sql)) {
            for (int row = 0; row < values.length / columns; row++) {
                for (int i = 0; i < columns; i++) {
                    p.setObject(i + 1, values[row * columns + i]);
                }
                p.addBatch();
            }
            p.executeBatch();
        }
    }

    private static long nextValue(DataSource db, String vendor, String sequence) throws SQLException {
        try (Connection c = db.getConnection()) {
            return nextValue(c, vendor, sequence);
        }
    }

    private static long nextValue(Connection c, String vendor, String sequence) throws SQLException {
        String sql = vendor.equals("postgresql") ? "SELECT nextval('" + sequence + "')"
                : "SELECT NEXT VALUE FOR " + sequence;
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    // --- reading back -------------------------------------------------------------------------------------------

    /** Every row of V1's tables, ordered by key, column names in lower case, large text read as strings. */
    private static Map<String, List<Map<String, Object>>> rows(DataSource db) throws SQLException {
        Map<String, List<Map<String, Object>>> result = new LinkedHashMap<>();
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            for (Map.Entry<String, String> table : V1_TABLES.entrySet()) {
                List<Map<String, Object>> rows = new ArrayList<>();
                try (ResultSet r = s.executeQuery("SELECT * FROM " + table.getKey() + " ORDER BY " + table.getValue())) {
                    ResultSetMetaData meta = r.getMetaData();
                    while (r.next()) {
                        Map<String, Object> row = new TreeMap<>();
                        for (int i = 1; i <= meta.getColumnCount(); i++) {
                            Object value = r.getObject(i);
                            if (value instanceof Clob clob) {
                                value = clob.getSubString(1, (int) clob.length());
                            }
                            row.put(meta.getColumnLabel(i).toLowerCase(Locale.ROOT), value);
                        }
                        rows.add(row);
                    }
                }
                result.put(table.getKey(), rows);
            }
        }
        return result;
    }

    private static Map<String, Object> only(Map<String, Object> row, Set<String> columns) {
        Map<String, Object> result = new TreeMap<>(row);
        result.keySet().retainAll(columns);
        return result;
    }

    private static int count(DataSource db, String table) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            r.next();
            return r.getInt(1);
        }
    }

    /** The schema as INFORMATION_SCHEMA and the driver's metadata describe it, names in lower case. */
    private record Schema(TreeSet<String> tables, TreeSet<String> columns, TreeSet<String> sequences,
                          TreeSet<String> indexes) {
    }

    private static Schema schema(DataSource db) throws SQLException {
        TreeSet<String> tables = new TreeSet<>();
        TreeSet<String> columns = new TreeSet<>();
        TreeSet<String> sequences = new TreeSet<>();
        TreeSet<String> indexes = new TreeSet<>();
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            try (ResultSet r = s.executeQuery("SELECT table_name, table_type FROM information_schema.tables"
                    + " WHERE table_schema = CURRENT_SCHEMA")) {
                while (r.next()) {
                    tables.add(lower(r.getString(1)) + " " + r.getString(2));
                }
            }
            try (ResultSet r = s.executeQuery("SELECT table_name, column_name, data_type, character_maximum_length,"
                    + " is_nullable, column_default, ordinal_position FROM information_schema.columns"
                    + " WHERE table_schema = CURRENT_SCHEMA")) {
                while (r.next()) {
                    columns.add(lower(r.getString(1)) + "." + lower(r.getString(2)) + " " + r.getString(3) + "("
                            + r.getString(4) + ") nullable=" + r.getString(5) + " default=" + r.getString(6)
                            + " #" + r.getInt(7));
                }
            }
            try (ResultSet r = s.executeQuery("SELECT sequence_name, start_value, increment"
                    + " FROM information_schema.sequences WHERE sequence_schema = CURRENT_SCHEMA")) {
                while (r.next()) {
                    sequences.add(lower(r.getString(1)) + " start " + r.getString(2) + " by " + r.getString(3));
                }
            }
            // indexes by table, columns and uniqueness: the names the databases make up for constraints may differ
            DatabaseMetaData meta = c.getMetaData();
            for (String table : tables) {
                String name = table.substring(0, table.indexOf(' '));
                Map<String, List<String>> byIndex = new TreeMap<>();
                Map<String, Boolean> unique = new TreeMap<>();
                for (String spelled : List.of(name, name.toUpperCase(Locale.ROOT))) {
                    try (ResultSet r = meta.getIndexInfo(null, c.getSchema(), spelled, false, false)) {
                        while (r.next()) {
                            if (r.getString("INDEX_NAME") == null) {
                                continue;
                            }
                            byIndex.computeIfAbsent(r.getString("INDEX_NAME"), k -> new ArrayList<>())
                                    .add(lower(r.getString("COLUMN_NAME")));
                            unique.put(r.getString("INDEX_NAME"), !r.getBoolean("NON_UNIQUE"));
                        }
                    }
                }
                byIndex.forEach((index, cols) -> indexes.add(name + cols + (unique.get(index) ? " unique" : "")));
            }
        }
        return new Schema(tables, columns, sequences, indexes);
    }

    private static String lower(String name) {
        return name == null ? null : name.toLowerCase(Locale.ROOT);
    }

    private static void assertFullyMigrated(DataSource db) {
        MigrationInfoService info = SchemaMigrations.configure(db).load().info();
        assertEquals(newestVersion(), info.current().getVersion().getVersion());
        assertEquals(0, info.pending().length, "pending migrations");
        for (MigrationInfo applied : info.applied()) {
            assertTrue(applied.getState().isApplied() && !applied.getState().isFailed(),
                    applied.getVersion() + " " + applied.getState());
        }
        assertFalse(Arrays.stream(info.all()).anyMatch(m -> m.getState().isFailed()), "failed migrations");
    }

    /** The newest version in the app's list of migrations. */
    private static String newestVersion() {
        return MigrationScripts.SCRIPTS.stream().map(VERSION::matcher).filter(Matcher::matches)
                .map(m -> m.group(1).replace('_', '.'))
                .max(Comparator.comparing(v -> Arrays.stream(v.split("\\.")).mapToLong(Long::parseLong).toArray(),
                        Arrays::compare))
                .orElseThrow();
    }

    // --- databases ----------------------------------------------------------------------------------------------

    private static DataSource newDatabase(String vendor) throws Exception {
        String name = "eegwf" + DATABASES.incrementAndGet();
        if (vendor.equals("h2")) {
            JdbcDataSource h2 = new JdbcDataSource();
            // as the embedded default configures it (server-config/)
            h2.setURL("jdbc:h2:file:" + h2Folder.resolve(name).toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0");
            h2.setUser("sa");
            h2.setPassword("sa");
            return h2;
        }
        if (postgres == null) {
            assumeTrue(TestPostgres.available(), () -> TestPostgres.unavailableReason() + ": test skipped");
            postgres = TestPostgres.startInTempFolder();
        }
        return postgres.newDatabase(name);
    }

    private static Map<String, String> linked(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }
}
