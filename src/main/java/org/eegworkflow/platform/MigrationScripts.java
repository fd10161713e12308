package org.eegworkflow.platform;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.resource.LoadableResource;

/**
 * The migration scripts in {@code db/migration}, one set for both databases, as one vendor's database gets them:
 * listed rather than found by scanning the class path (a WAR's class path looks different on every server, WildFly's
 * is a virtual file system; a list is the same everywhere). A new migration is a new file there and a new entry in
 * {@link #SCRIPTS}.
 * <p>
 * The vendors differ in one word, the type of unbounded text ({@code ${long_text}}: CLOB on H2, TEXT on
 * PostgreSQL), and this class puts it in as it reads a script, instead of leaving it to Flyway's placeholders. Flyway
 * takes a versioned migration's checksum from the script before it replaces its placeholders (only repeatable
 * migrations are checksummed after), so with a Flyway placeholder V1's checksum would be that of neither of the two
 * per-vendor scripts that databases deployed before the merge recorded in {@code flyway_schema_history}, and each of
 * them would fail validation at the next start. Read through this class, each vendor's script is, character for
 * character, the one it had in its own folder, so the checksums are unchanged (SchemaMigrationsTest proves it
 * against the released scripts on both databases). For the same reason no released script may change, not even
 * in a comment: a change is a new migration.
 */
final class MigrationScripts implements ResourceProvider {
    static final List<String> SCRIPTS = List.of("V1__initial_schema.sql", "V2__modules.sql", "V3__nodes.sql",
            "V4__login_throttle.sql", "V5__first_account.sql", "V6__element_runs.sql", "V7__result_cache.sql",
            "V8__remote_tasks.sql");
    static final String FOLDER = "db/migration/";
    /** The one word the vendors spell differently, as the scripts write it. */
    static final String LONG_TEXT = "${long_text}";
    private static final Map<String, String> LONG_TEXT_TYPE = Map.of("h2", "CLOB", "postgresql", "TEXT");

    private final String longText;

    MigrationScripts(String vendor) {
        this.longText = LONG_TEXT_TYPE.get(vendor);
        if (longText == null) {
            throw new IllegalArgumentException("no migrations for database vendor '" + vendor + "'");
        }
    }

    @Override
    public LoadableResource getResource(String name) {
        return SCRIPTS.contains(name) ? new Script(longText, name) : null;
    }

    @Override
    public Collection<LoadableResource> getResources(String prefix, String[] suffixes) {
        return SCRIPTS.stream().filter(s -> s.startsWith(prefix) && Arrays.stream(suffixes).anyMatch(s::endsWith))
                .<LoadableResource>map(s -> new Script(longText, s)).toList();
    }

    private static final class Script extends LoadableResource {
        private final String longText;
        private final String name;

        Script(String longText, String name) {
            this.longText = longText;
            this.name = name;
        }

        /** The script with the vendor's type in: what Flyway checksums and runs. */
        @Override
        public Reader read() {
            try (InputStream in = MigrationScripts.class.getClassLoader().getResourceAsStream(FOLDER + name)) {
                if (in == null) {
                    throw new IllegalStateException("migration " + FOLDER + name + " is missing from the WAR");
                }
                return new StringReader(new String(in.readAllBytes(), StandardCharsets.UTF_8)
                        .replace(LONG_TEXT, longText));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read migration " + FOLDER + name, e);
            }
        }

        @Override
        public String getAbsolutePath() {
            return FOLDER + name;
        }

        @Override
        public String getAbsolutePathOnDisk() {
            return FOLDER + name;
        }

        @Override
        public String getFilename() {
            return name;
        }

        @Override
        public String getRelativePath() {
            return name;
        }
    }
}
