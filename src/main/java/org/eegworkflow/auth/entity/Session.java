package org.eegworkflow.auth.entity;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import org.eegworkflow.platform.Times;

/**
 * A login. Only the SHA-256 of the token is stored, so a copy of the database does not let anyone in; the token
 * itself exists only in the client's cookie.
 */
@Entity
@Table(name = "auth_session")
// The cookie check of every request: the session and its user in one read (two primary-key finds in a transaction
// were a tenth of the server's CPU under load; EngineBench, src/docs/benchmarks-engine.md).
@NamedQuery(name = Session.CALLER,
        query = "select u.id, u.email, u.username, u.roles from Session s, User u"
                + " where s.tokenHash = :hash and u.id = s.userId and s.revokedAt is null and s.expiresAt > :now")
@NamedQuery(name = Session.REVOKE_ALL_OF_USER,
        query = "update Session s set s.revokedAt = :now where s.userId = :userId and s.revokedAt is null")
public class Session {
    public static final String CALLER = "Session.caller";
    public static final String REVOKE_ALL_OF_USER = "Session.revokeAllOfUser";

    @Id
    @Column(name = "token_hash", length = 64)
    private String tokenHash;

    @Column(name = "user_id", nullable = false)
    private long userId;

    @Column(name = "created_at", nullable = false)
    private Long createdAt;

    @Column(name = "expires_at", nullable = false)
    private Long expiresAt;

    @Column(name = "revoked_at")
    private Long revokedAt;

    protected Session() {
    }

    public Session(String tokenHash, long userId, Instant createdAt, Instant expiresAt) {
        this.tokenHash = tokenHash;
        this.userId = userId;
        this.createdAt = Times.millis(createdAt);
        this.expiresAt = Times.millis(expiresAt);
    }

    public long getUserId() {
        return userId;
    }

    public boolean isValidAt(Instant now) {
        return revokedAt == null && now.toEpochMilli() < expiresAt;
    }

    public void revoke(Instant now) {
        if (revokedAt == null) {
            revokedAt = Times.millis(now);
        }
    }
}
