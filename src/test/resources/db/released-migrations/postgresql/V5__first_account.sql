-- One row that a registration locks while the database holds no account yet: of simultaneous first registrations,
-- exactly one finds the table empty and becomes the admin.
CREATE TABLE app_registration_lock (
    id INTEGER PRIMARY KEY
);
INSERT INTO app_registration_lock (id) VALUES (1);
