package org.eegworkflow.auth.control;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import org.eegworkflow.auth.entity.User;
import org.eegworkflow.platform.ConflictException;
import org.eegworkflow.platform.InvalidInputException;
import org.eegworkflow.platform.NotFoundException;
import org.eegworkflow.platform.NotPermittedException;

/** Roles: admins grant and revoke {@code author} (may upload modules) and {@code admin}. */
@ApplicationScoped
@Transactional
public class RoleService {
    static final Set<String> ROLES = Set.of(User.ADMIN, User.AUTHOR);

    @PersistenceContext
    EntityManager em;

    public List<User> users(AuthenticatedUser caller) {
        requireAdmin(caller);
        return em.createQuery("select u from User u order by u.id", User.class).getResultList();
    }

    public User grant(AuthenticatedUser caller, long userId, String role) {
        return change(caller, userId, role, true);
    }

    public User revoke(AuthenticatedUser caller, long userId, String role) {
        if (User.ADMIN.equals(role) && caller.id() == userId) {
            throw new ConflictException("an admin cannot revoke their own admin role; ask another admin");
        }
        return change(caller, userId, role, false);
    }

    private User change(AuthenticatedUser caller, long userId, String role, boolean grant) {
        requireAdmin(caller);
        if (!ROLES.contains(role)) {
            throw new InvalidInputException("role: '" + role + "' is not a role; roles are " + ROLES);
        }
        User user = em.find(User.class, userId);
        if (user == null) {
            throw new NotFoundException("user " + userId + " not found");
        }
        Set<String> roles = new LinkedHashSet<>(user.getRoles());
        if (grant) {
            roles.add(role);
        } else {
            roles.remove(role);
        }
        user.setRoles(roles);
        return user;
    }

    public static void requireAdmin(AuthenticatedUser caller) {
        if (!caller.roles().contains(User.ADMIN)) {
            throw new NotPermittedException("only an admin may do this");
        }
    }
}
