package org.eegworkflow.module.control;

import java.nio.file.Path;
import java.util.List;

/**
 * An uploaded archive that passed every check, unpacked into a folder.
 *
 * @param dir          the folder the archive was unpacked into
 * @param jars         the module's class path, in lookup order: every jar lies inside {@code dir}
 * @param blockClasses the binary names of the classes whose bytes mention {@code @BlockType}: candidates, which
 *                     {@link ModuleLoader#blocks} confirms by loading them
 * @param codecClasses the binary names of the classes whose bytes mention {@code ValueCodec}: candidates, which
 *                     {@link ModuleLoader#codecs} confirms by loading them
 */
public record UnpackedModule(Path dir, List<Path> jars, List<String> blockClasses, List<String> codecClasses) {

    public UnpackedModule {
        jars = List.copyOf(jars);
        blockClasses = List.copyOf(blockClasses);
        codecClasses = List.copyOf(codecClasses);
    }
}
