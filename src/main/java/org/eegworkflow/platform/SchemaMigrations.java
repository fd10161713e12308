package org.eegworkflow.platform;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.logging.Logger;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings the database schema to the app's version before anything else touches it, with the versioned migrations in
 * {@code db/migration} ({@link MigrationScripts}, run by Flyway): a new database gets every migration, an existing one
 * the missing ones, with its data kept. Several servers starting together on one database migrate it once (Flyway
 * locks it). One set of scripts serves H2 and PostgreSQL: the one word they spell differently (CLOB, TEXT) is put in
 * by {@link MigrationScripts} as it reads a script, not by a Flyway placeholder, because Flyway checksums a versioned
 * script before replacing its placeholders, and the databases deployed when each vendor had its own folder must keep
 * validating against the checksums they recorded.
 */
@ApplicationScoped
public class SchemaMigrations {
    /** Where the server configuration binds the app's data source: WildFly's name first, then Payara's. */
    static final List<String> DATA_SOURCE_NAMES = List.of("java:/jdbc/eegwf", "jdbc/eegwf");
    private static final Logger LOG = Logger.getLogger(SchemaMigrations.class.getName());

    void migrate(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) @Initialized(ApplicationScoped.class)
                 Object application) {
        MigrateResult result = migrate(dataSource());
        LOG.info("database schema at version " + result.targetSchemaVersion + " (" + result.migrationsExecuted
                + " migration(s) applied now)");
    }

    /** Brings the database behind the data source to the newest schema version: what the app does at start. */
    static MigrateResult migrate(DataSource dataSource) {
        return configure(dataSource).load().migrate();
    }

    /** The app's Flyway configuration for the data source (the migration test sets a target on it). */
    static FluentConfiguration configure(DataSource dataSource) {
        return Flyway.configure(SchemaMigrations.class.getClassLoader())
                .dataSource(dataSource)
                .resourceProvider(new MigrationScripts(vendor(dataSource)))
                // a database that already holds the batch runtime's tables but none of ours starts from nothing
                .baselineOnMigrate(true)
                .baselineVersion("0");
    }

    /** The vendor of the database behind the data source, h2 or postgresql: which spelling the migrations get. */
    static String vendor(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
            if (product.contains("postgres")) {
                return "postgresql";
            }
            if (product.contains("h2")) {
                return "h2";
            }
            throw new IllegalStateException("database '" + product + "' is not supported: use H2 or PostgreSQL");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach the database: " + e.getMessage(), e);
        }
    }

    static DataSource dataSource() {
        String configured = Settings.raw("datasource");
        List<String> names = configured != null ? List.of(configured) : DATA_SOURCE_NAMES;
        NamingException last = null;
        for (String name : names) {
            try {
                return (DataSource) new InitialContext().lookup(name);
            } catch (NamingException e) {
                last = e;
            }
        }
        throw new IllegalStateException("no data source bound at " + names + ": apply server-config/ to the server",
                last);
    }
}
