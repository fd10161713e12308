package org.eegworkflow.payara;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The JAXB context factory Payara Micro is started with ({@code -Djakarta.xml.bind.JAXBContextFactory}): it builds
 * the context for the batch runtime's job XML model once and hands the same one out again; every other context it
 * leaves to the JAXB reference implementation, as built as before.
 *
 * <p>Why: Payara's JBatch ({@code JobModelResolverImpl.unmarshalJobXML}) calls
 * {@code JAXBContext.newInstance("com.ibm.jbatch.jsl.model")} for every job it starts, and building that context
 * (reflection over the model's classes) took a fifth of the server's CPU with 20 clients scheduling
 * (EngineBench, src/docs/benchmarks-engine.md). A JAXB context is immutable and thread-safe, so one per class
 * loader serves every start. No setting of Payara or JAXB caches it.
 *
 * <p>It is on the boot class path so that JAXB finds it from any thread's context class loader, and therefore uses
 * the JDK only: JAXB calls the static {@code createContext} methods by reflection (the contract of a JAXB
 * {@code ContextFactory} class), and this class calls the reference implementation's the same way, through the
 * class loader JAXB passes.
 */
public final class JobXmlContexts {
    static final String JOB_XML_MODEL = "com.ibm.jbatch.jsl.model";
    static final String REFERENCE_FACTORY = "org.glassfish.jaxb.runtime.v2.ContextFactory";

    /** The job XML model's context, by the class loader that defines the model (Payara's runtime: one entry). */
    private static final Map<ClassLoader, Object> JOB_XML_CONTEXTS = new ConcurrentHashMap<>();

    private JobXmlContexts() {
    }

    /** A context for the packages of {@code contextPath}: JAXB's entry point for a context path. */
    public static Object createContext(String contextPath, ClassLoader loader, Map<String, ?> properties)
            throws Exception {
        ClassLoader classLoader = loader != null ? loader : Thread.currentThread().getContextClassLoader();
        if (JOB_XML_MODEL.equals(contextPath) && (properties == null || properties.isEmpty())) {
            ClassLoader model = Class.forName(JOB_XML_MODEL + ".ObjectFactory", false, classLoader).getClassLoader();
            Object cached = JOB_XML_CONTEXTS.get(model);
            if (cached != null) {
                return cached;
            }
            // two starts at once may both build it; the first one stored wins and the other is dropped
            Object built = invoke(reference(classLoader, "createContext", String.class, ClassLoader.class, Map.class),
                    contextPath, model, properties);
            Object earlier = JOB_XML_CONTEXTS.putIfAbsent(model, built);
            return earlier != null ? earlier : built;
        }
        return invoke(reference(classLoader, "createContext", String.class, ClassLoader.class, Map.class),
                contextPath, classLoader, properties);
    }

    /** A context for {@code classes}: JAXB's entry point for a list of classes. Never cached. */
    public static Object createContext(Class<?>[] classes, Map<String, ?> properties) throws Exception {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader == null && classes.length > 0) {
            loader = classes[0].getClassLoader();
        }
        return invoke(reference(loader, "createContext", Class[].class, Map.class), classes, properties);
    }

    /**
     * The reference implementation's method, its class loaded as JAXB loaded the factory named before this one
     * (run.sh's history): through the class loader JAXB uses for the call.
     */
    private static Method reference(ClassLoader loader, String name, Class<?>... parameters) throws Exception {
        return Class.forName(REFERENCE_FACTORY, true, loader).getMethod(name, parameters);
    }

    /** Calls the reference implementation and lets its own exception (a JAXBException) through unwrapped. */
    private static Object invoke(Method method, Object... arguments) throws Exception {
        try {
            return method.invoke(null, arguments);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }
}
