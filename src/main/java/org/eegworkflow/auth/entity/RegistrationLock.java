package org.eegworkflow.auth.entity;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The single row that registrations lock while there is no account yet, so that the first account, which becomes
 * the admin, is decided once even when two people register at the same moment.
 */
@Entity
@Table(name = "app_registration_lock")
public class RegistrationLock {
    /** The id of the one row. */
    public static final int THE_ROW = 1;

    @Id
    private Integer id;

    protected RegistrationLock() {
    }
}
