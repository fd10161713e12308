package org.eegworkflow.auth.entity;

import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import org.eegworkflow.platform.Times;

/** A registered account. The password is kept only as a salted PBKDF2 hash. */
@Entity
@Table(name = "app_user")
@NamedQuery(name = User.BY_EMAIL, query = "select u from User u where u.email = :email")
@NamedQuery(name = User.COUNT, query = "select count(u) from User u")
public class User {
    public static final String BY_EMAIL = "User.byEmail";
    public static final String COUNT = "User.count";
    public static final String ADMIN = "admin";
    public static final String AUTHOR = "author";

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "app_user_seq")
    @SequenceGenerator(name = "app_user_seq", sequenceName = "app_user_seq", allocationSize = 1)
    private Long id;

    @Column(nullable = false, unique = true, length = 254)
    private String email;

    @Column(nullable = false, length = 100)
    private String username;

    @Column(name = "password_hash", nullable = false, length = 512)
    private String passwordHash;

    /** Comma-separated role names; a handful at most, so a join table would buy nothing. */
    @Column(nullable = false, length = 200)
    private String roles = "";

    @Column(name = "created_at", nullable = false)
    private Long createdAt;

    protected User() {
    }

    public User(String email, String username, String passwordHash, Instant createdAt) {
        this.email = email;
        this.username = username;
        this.passwordHash = passwordHash;
        this.createdAt = Times.millis(createdAt);
    }

    public Long getId() {
        return id;
    }

    public String getEmail() {
        return email;
    }

    public String getUsername() {
        return username;
    }

    public String getPasswordHash() {
        return passwordHash;
    }

    public void setPasswordHash(String passwordHash) {
        this.passwordHash = passwordHash;
    }

    public Set<String> getRoles() {
        return parseRoles(roles);
    }

    /** The role names of a stored roles column, as a set the caller may change. */
    public static Set<String> parseRoles(String stored) {
        Set<String> result = new LinkedHashSet<>();
        if (stored != null) {
            Arrays.stream(stored.split(",")).map(String::trim).filter(r -> !r.isEmpty()).forEach(result::add);
        }
        return result;
    }

    public void setRoles(Set<String> newRoles) {
        this.roles = String.join(",", newRoles);
    }

    public Instant getCreatedAt() {
        return Times.instant(createdAt);
    }
}
