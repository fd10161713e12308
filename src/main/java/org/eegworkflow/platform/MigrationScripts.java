package org.eegworkflow.platform;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.resource.LoadableResource;

/**
 * The migration scripts of one database vendor, listed rather than found by scanning the class path: a WAR's class
 * path looks different on every server (WildFly's is a virtual file system), a list is the same everywhere. A new
 * migration is a new file in {@code db/migration/h2} and {@code db/migration/postgresql} and a new entry in
 * {@link #SCRIPTS}.
 */
final class MigrationScripts implements ResourceProvider {
    static final List<String> SCRIPTS = List.of("V1__initial_schema.sql", "V2__modules.sql", "V3__nodes.sql",
            "V4__login_throttle.sql", "V5__first_account.sql");

    private final String folder;

    MigrationScripts(String vendor) {
        this.folder = "db/migration/" + vendor + "/";
    }

    @Override
    public LoadableResource getResource(String name) {
        return SCRIPTS.contains(name) ? new Script(folder, name) : null;
    }

    @Override
    public Collection<LoadableResource> getResources(String prefix, String[] suffixes) {
        return SCRIPTS.stream().filter(s -> s.startsWith(prefix) && Arrays.stream(suffixes).anyMatch(s::endsWith))
                .<LoadableResource>map(s -> new Script(folder, s)).toList();
    }

    private static final class Script extends LoadableResource {
        private final String folder;
        private final String name;

        Script(String folder, String name) {
            this.folder = folder;
            this.name = name;
        }

        @Override
        public Reader read() {
            InputStream in = MigrationScripts.class.getClassLoader().getResourceAsStream(folder + name);
            if (in == null) {
                throw new IllegalStateException("migration " + folder + name + " is missing from the WAR");
            }
            return new InputStreamReader(in, StandardCharsets.UTF_8);
        }

        @Override
        public String getAbsolutePath() {
            return folder + name;
        }

        @Override
        public String getAbsolutePathOnDisk() {
            return folder + name;
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
