package org.eegworkflow.auth.control;

import java.time.Instant;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import org.eegworkflow.auth.entity.LoginFailure;
import org.eegworkflow.platform.Settings;
import org.eegworkflow.platform.TooManyAttemptsException;

/**
 * Slows password guessing: consecutive failed logins of one account lock it for a while ({@link LoginBackoff}), and
 * a locked account answers 429 with Retry-After, even to the right password, without checking it. The counts live in
 * the database, so all servers of a cluster share them. Counted per account, not per client address: a lab behind
 * one NAT address or proxy would otherwise be locked out as a whole by one member's typos or one attacker.
 */
@ApplicationScoped
public class LoginThrottle {
    @PersistenceContext
    EntityManager em;

    @Inject
    Settings settings;

    /** Refuses with 429 while the account is locked. */
    public void checkNotLocked(String normalisedEmail) {
        LoginFailure failure = em.find(LoginFailure.class, key(normalisedEmail));
        if (failure == null) {
            return;
        }
        long seconds = LoginBackoff.secondsLeft(Instant.ofEpochMilli(failure.getLockedUntil()), Instant.now());
        if (seconds > 0) {
            throw new TooManyAttemptsException("too many failed logins for this account: try again in " + seconds
                    + " s", seconds);
        }
    }

    /**
     * Counts a failed login, in a transaction of its own so that the refusal that follows does not roll it back. Two
     * servers inserting the first failure of an account at once collide on its key: the caller tries again once.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void recordFailure(String normalisedEmail) {
        LoginBackoff backoff = new LoginBackoff(settings.loginMaxFailures(), settings.loginLockout(),
                settings.loginMaxLockout());
        Instant now = Instant.now();
        String key = key(normalisedEmail);
        LoginFailure failure = em.find(LoginFailure.class, key, LockModeType.PESSIMISTIC_WRITE);
        if (failure == null) {
            failure = new LoginFailure(key);
            em.persist(failure);
        }
        int count = backoff.nextFailureCount(failure.getFailures(),
                failure.getLastFailure() == 0 ? null : Instant.ofEpochMilli(failure.getLastFailure()), now);
        failure.record(count, now.toEpochMilli(), now.plus(backoff.lockoutAfter(count)).toEpochMilli());
        em.flush();
        // streaks nobody has continued for a long time, among them those of random emails an attacker tried
        em.createNamedQuery(LoginFailure.FORGET_BEFORE)
                .setParameter("before", now.minus(backoff.forgetAfter()).toEpochMilli()).executeUpdate();
    }

    /** A successful login ends the account's streak. */
    @Transactional
    public void succeeded(String normalisedEmail) {
        LoginFailure failure = em.find(LoginFailure.class, key(normalisedEmail));
        if (failure != null) {
            em.remove(failure);
        }
    }

    private static String key(String normalisedEmail) {
        return TokenService.hash(normalisedEmail);
    }
}
