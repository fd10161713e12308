package org.eegworkflow.auth.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * The failed logins of one account since its last successful one, kept in the database so that every server of a
 * cluster counts and locks alike. Keyed by a hash of the normalised email, known or not.
 */
@Entity
@Table(name = "auth_login_failure")
@NamedQuery(name = LoginFailure.FORGET_BEFORE, query = "delete from LoginFailure f where f.lastFailure < :before")
public class LoginFailure {
    public static final String FORGET_BEFORE = "LoginFailure.forgetBefore";

    @Id
    @Column(name = "account_key", length = 64)
    private String accountKey;

    @Column(name = "failures", nullable = false)
    private int failures;

    @Column(name = "last_failure", nullable = false)
    private long lastFailure;

    @Column(name = "locked_until", nullable = false)
    private long lockedUntil;

    protected LoginFailure() {
    }

    public LoginFailure(String accountKey) {
        this.accountKey = accountKey;
    }

    public int getFailures() {
        return failures;
    }

    public long getLastFailure() {
        return lastFailure;
    }

    public long getLockedUntil() {
        return lockedUntil;
    }

    public void record(int failures, long at, long lockedUntil) {
        this.failures = failures;
        this.lastFailure = at;
        this.lockedUntil = lockedUntil;
    }
}
