package org.eegworkflow.auth.control;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import jakarta.transaction.Transactional;

import org.eegworkflow.auth.entity.RegistrationLock;
import org.eegworkflow.auth.entity.User;
import org.eegworkflow.platform.DatabaseFailures;
import org.eegworkflow.platform.InvalidInputException;
import org.eegworkflow.platform.NotFoundException;
import org.eegworkflow.platform.NotPermittedException;
import org.eegworkflow.platform.Settings;

/** Registration, login and password changes. */
@ApplicationScoped
public class AccountService {
    private static final Logger LOG = Logger.getLogger(AccountService.class.getName());
    public static final int MIN_PASSWORD_LENGTH = 8;
    private static final int MAX_PASSWORD_LENGTH = 1024;
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s.]{2,}$");
    /**
     * What no name or address holds: control characters (NUL among them, which PostgreSQL cannot store), halves of
     * surrogate pairs, the replacement character that stands for bytes that were not UTF-8, and the bidirectional
     * overrides that make text read differently from what it is.
     */
    private static final Pattern UNPRINTABLE = Pattern.compile("[\\p{Cc}\\p{Cs}\\uFFFD\\u202A-\\u202E\\u2066-\\u2069]");
    private static final String WRONG_LOGIN = "wrong email or password";

    @PersistenceContext
    EntityManager em;

    @Inject
    Pbkdf2PasswordHash passwordHash;

    @Inject
    TokenService tokens;

    @Inject
    Settings settings;

    @Inject
    LoginThrottle throttle;

    /** A password hash that costs an attacker as much as a real one, for unknown emails. */
    private String decoyHash;

    @PostConstruct
    void init() {
        passwordHash.initialize(Map.of(
                "Pbkdf2PasswordHash.Algorithm", "PBKDF2WithHmacSHA512",
                "Pbkdf2PasswordHash.Iterations", Integer.toString(settings.passwordIterations()),
                "Pbkdf2PasswordHash.SaltSizeBytes", "32",
                "Pbkdf2PasswordHash.KeySizeBytes", "64"));
        decoyHash = passwordHash.generate("decoy-password".toCharArray());
    }

    /** Registers an account; the very first account becomes an admin. */
    @Transactional
    public User register(String email, String username, String password) {
        String normalisedEmail = validEmail(email);
        String name = required("username", username).trim();
        if (name.length() > 100) {
            throw new InvalidInputException("username: at most 100 characters");
        }
        if (UNPRINTABLE.matcher(name).find()) {
            throw new InvalidInputException("username: control characters, bidirectional overrides and text that was"
                    + " not UTF-8 are not allowed in a name");
        }
        validPassword("password", password);
        if (findByEmail(normalisedEmail) != null) {
            throw new NotPermittedException("email already registered");
        }
        // hashed first: the lock below is held only for the count and the insert
        String hash = passwordHash.generate(password.toCharArray());
        boolean first = em.createNamedQuery(User.COUNT, Long.class).getSingleResult() == 0;
        if (first) {
            // two people registering on a new server at once would both count none; the second to get this lock
            // counts again after the first committed, and becomes an ordinary user
            em.find(RegistrationLock.class, RegistrationLock.THE_ROW, LockModeType.PESSIMISTIC_WRITE);
            first = em.createNamedQuery(User.COUNT, Long.class).getSingleResult() == 0;
        }
        User user = new User(normalisedEmail, name, hash, Instant.now());
        if (first) {
            user.setRoles(Set.of(User.ADMIN));
        }
        try {
            em.persist(user);
            em.flush();
        } catch (PersistenceException e) {
            if (!DatabaseFailures.isConstraintViolation(e)) {
                throw e;
            }
            // the email's unique index: another registration of the same email committed since the check above
            throw new NotPermittedException("email already registered");
        }
        return user;
    }

    /**
     * Checks the credentials and issues a token. One message for a wrong email and a wrong password; an account with
     * too many failures in a row is locked for a while (429), known or not.
     */
    @Transactional
    public Login login(String email, String password) {
        required("email", email);
        required("password", password);
        String normalisedEmail = email.trim().toLowerCase(Locale.ROOT);
        throttle.checkNotLocked(normalisedEmail);
        if (password.length() > MAX_PASSWORD_LENGTH || email.length() > 254) {
            countFailure(normalisedEmail);
            throw new NotPermittedException(WRONG_LOGIN);
        }
        User user = findByEmail(normalisedEmail);
        boolean matches = passwordHash.verify(password.toCharArray(), user == null ? decoyHash : user.getPasswordHash());
        if (user == null || !matches) {
            countFailure(normalisedEmail);
            throw new NotPermittedException(WRONG_LOGIN);
        }
        throttle.succeeded(normalisedEmail);
        return new Login(user, tokens.issue(user.getId()));
    }

    private void countFailure(String normalisedEmail) {
        try {
            throttle.recordFailure(normalisedEmail);
        } catch (RuntimeException first) {
            try {
                throttle.recordFailure(normalisedEmail);
            } catch (RuntimeException second) {
                // the login is refused anyway; a lost count only brings the lockout one failure later
                LOG.log(Level.WARNING, "could not count a failed login", second);
            }
        }
    }

    /**
     * Changes the password and revokes every token of the account, including the caller's. Wrong current passwords
     * count towards the account's lockout as failed logins do.
     */
    @Transactional
    public void changePassword(AuthenticatedUser caller, String currentPassword, String newPassword) {
        required("currentPassword", currentPassword);
        validPassword("newPassword", newPassword);
        User user = em.find(User.class, caller.id());
        if (user == null) {
            throw new NotPermittedException("current password is wrong");
        }
        // a stolen cookie must not become an unthrottled way to guess the password
        throttle.checkNotLocked(user.getEmail());
        if (!passwordHash.verify(currentPassword.toCharArray(), user.getPasswordHash())) {
            countFailure(user.getEmail());
            throw new NotPermittedException("current password is wrong");
        }
        throttle.succeeded(user.getEmail());
        user.setPasswordHash(passwordHash.generate(newPassword.toCharArray()));
        tokens.revokeAll(caller.id());
    }

    public User find(long userId) {
        User user = em.find(User.class, userId);
        if (user == null) {
            throw new NotFoundException("no such user");
        }
        return user;
    }

    private User findByEmail(String email) {
        return em.createNamedQuery(User.BY_EMAIL, User.class).setParameter("email", email)
                .getResultStream().findFirst().orElse(null);
    }

    private static String validEmail(String email) {
        String value = required("email", email).trim().toLowerCase(Locale.ROOT);
        if (value.length() > 254 || !EMAIL.matcher(value).matches() || UNPRINTABLE.matcher(value).find()) {
            throw new InvalidInputException("email: '" + abbreviate(email) + "' is not a valid email address");
        }
        return value;
    }

    private static void validPassword(String field, String password) {
        required(field, password);
        if (password.length() < MIN_PASSWORD_LENGTH) {
            throw new InvalidInputException(field + ": at least " + MIN_PASSWORD_LENGTH + " characters");
        }
        if (password.length() > MAX_PASSWORD_LENGTH) {
            throw new InvalidInputException(field + ": at most " + MAX_PASSWORD_LENGTH + " characters");
        }
    }

    private static String required(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(field + ": required");
        }
        return value;
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 60) + "...";
    }

    /** A successful login: the account and its new token. */
    public record Login(User user, String token) {
    }
}
