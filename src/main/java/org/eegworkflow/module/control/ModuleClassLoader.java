package org.eegworkflow.module.control;

import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;

import org.eegworkflow.sdk.BlockType;

/**
 * The class loader of one module version: sees its own jars, the SDK ({@code org.eegworkflow.sdk.*}, delegated to
 * the loader that loaded the SDK) and the JDK (the platform class loader) only, never the server's internals or
 * another module. So two modules may carry different versions of one library, and a module cannot come to depend on
 * server classes that change without notice. This separates names, it is no sandbox: module code runs with the
 * server's rights. Close the loader when its module version is dropped, to release the jar files.
 */
public final class ModuleClassLoader extends URLClassLoader {
    private static final String SDK_PACKAGE = BlockType.class.getPackageName() + ".";
    private static final ClassLoader SDK = BlockType.class.getClassLoader();

    static {
        ClassLoader.registerAsParallelCapable();
    }

    private final String moduleName;

    /**
     * @param moduleName names the loader in stack traces, for example {@code "Filters.jar:Filters"}
     * @param jars       the module's class path, in lookup order ({@link UnpackedModule#jars()})
     */
    public ModuleClassLoader(String moduleName, List<Path> jars) {
        super(moduleName, urls(jars), ClassLoader.getPlatformClassLoader());
        this.moduleName = moduleName;
    }

    private static URL[] urls(List<Path> jars) {
        URL[] urls = new URL[jars.size()];
        for (int i = 0; i < urls.length; i++) {
            try {
                urls[i] = jars.get(i).toUri().toURL();
            } catch (MalformedURLException e) {
                throw new IllegalArgumentException("not a usable class path entry: " + jars.get(i), e);
            }
        }
        return urls;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (name.startsWith(SDK_PACKAGE)) {
            // the server's own SDK classes, so @BlockType and ValueCodec mean the same to the module as to the engine;
            // and a module cannot slip classes into the SDK's package
            return SDK.loadClass(name);
        }
        return super.loadClass(name, resolve);
    }

    @Override
    public String toString() {
        return "ModuleClassLoader[" + moduleName + "]";
    }
}
