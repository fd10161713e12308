package org.eegworkflow.auth.control;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import org.eegworkflow.auth.entity.Session;
import org.eegworkflow.auth.entity.User;
import org.eegworkflow.platform.NotAuthenticatedException;
import org.eegworkflow.platform.Settings;

/** Issues, checks and revokes login tokens: 256 random bits each, stored only as their SHA-256. */
@ApplicationScoped
public class TokenService {
    private static final SecureRandom RANDOM = new SecureRandom();

    @PersistenceContext
    EntityManager em;

    @Inject
    Settings settings;

    /** A new token for the user, valid for the configured lifetime. */
    @Transactional
    public String issue(long userId) {
        return issue(userId, settings.tokenLifetime());
    }

    /** A new token for the user, valid for {@code lifetime}. */
    @Transactional
    public String issue(long userId, Duration lifetime) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = Instant.now();
        em.persist(new Session(hash(token), userId, now, now.plus(lifetime)));
        return token;
    }

    /**
     * The user the token belongs to; 401 when it is unknown, expired or revoked. One read: it runs for every
     * request.
     */
    @Transactional
    public AuthenticatedUser authenticate(String token) {
        List<Object[]> rows = em.createNamedQuery(Session.CALLER, Object[].class)
                .setParameter("hash", hash(token))
                .setParameter("now", System.currentTimeMillis())
                .getResultList();
        if (rows.isEmpty()) {
            throw new NotAuthenticatedException("token is unknown, expired or revoked: log in again");
        }
        Object[] row = rows.get(0);
        String email = (String) row[1];
        Set<String> roles = User.parseRoles((String) row[3]);
        if (settings.adminEmails().contains(email)) {
            roles.add(User.ADMIN);
        }
        return new AuthenticatedUser(((Number) row[0]).longValue(), email, (String) row[2], Set.copyOf(roles));
    }

    @Transactional
    public void revoke(String token) {
        Session session = em.find(Session.class, hash(token));
        if (session != null) {
            session.revoke(Instant.now());
        }
    }

    @Transactional
    public void revokeAll(long userId) {
        em.createNamedQuery(Session.REVOKE_ALL_OF_USER)
                .setParameter("now", System.currentTimeMillis())
                .setParameter("userId", userId)
                .executeUpdate();
    }

    static String hash(String token) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
