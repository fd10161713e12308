package org.eegworkflow.module.control;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;

import org.eegworkflow.module.entity.Module;
import org.eegworkflow.module.entity.ModuleVersion;
import org.eegworkflow.platform.ConflictException;
import org.eegworkflow.platform.DatabaseFailures;

/** Modules and their versions in the database. */
@ApplicationScoped
@Transactional
public class ModuleStore {

    @PersistenceContext
    EntityManager em;

    public Optional<Module> byName(String name) {
        return em.createNamedQuery(Module.BY_NAME, Module.class).setParameter("name", name).getResultStream()
                .findFirst();
    }

    public List<Module> visibleTo(long userId) {
        return em.createNamedQuery(Module.VISIBLE_TO, Module.class).setParameter("userId", userId).getResultList();
    }

    public List<ModuleVersion> versions(long moduleId) {
        return em.createNamedQuery(ModuleVersion.OF_MODULE, ModuleVersion.class).setParameter("moduleId", moduleId)
                .getResultList();
    }

    public Optional<ModuleVersion> version(long moduleId, int version) {
        return em.createNamedQuery(ModuleVersion.BY_VERSION, ModuleVersion.class).setParameter("moduleId", moduleId)
                .setParameter("version", version).getResultStream().findFirst();
    }

    /** Adds a version to a module, creating the module on its first upload. */
    public ModuleVersion addVersion(String name, long ownerId, Boolean isPublic, String fileName, String folder,
                                    long sizeBytes, int blockCount) {
        try {
            Module module = byName(name).orElse(null);
            if (module == null) {
                module = new Module(name, ownerId, Boolean.TRUE.equals(isPublic), Instant.now());
                em.persist(module);
                em.flush();
            } else if (isPublic != null) {
                module.setPublic(isPublic);
            }
            int next = versions(module.getId()).stream().mapToInt(ModuleVersion::getVersion).max().orElse(0) + 1;
            ModuleVersion version = new ModuleVersion(module.getId(), next, fileName, folder, sizeBytes, blockCount,
                    Instant.now());
            em.persist(version);
            em.flush();
            return version;
        } catch (PersistenceException e) {
            if (!DatabaseFailures.isConstraintViolation(e)) {
                throw e;
            }
            // the unique name or version: an upload of the same module (on this or another node) committed meanwhile
            throw new ConflictException("module " + name + " was uploaded by another request at the same moment;"
                    + " upload it again");
        }
    }

    public void delete(Module module) {
        em.createQuery("delete from ModuleVersion v where v.moduleId = :id").setParameter("id", module.getId())
                .executeUpdate();
        em.createQuery("delete from Module m where m.id = :id").setParameter("id", module.getId()).executeUpdate();
    }
}
