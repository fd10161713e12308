package org.eegworkflow.dataset.control;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eegworkflow.auth.control.AuthenticatedUser;
import org.eegworkflow.block.control.BlockRegistry;
import org.eegworkflow.files.control.UserFiles;
import org.eegworkflow.sdk.DatasetDescription;
import org.eegworkflow.sdk.DatasetReader;

/**
 * Describes a folder of the caller's data files: the folder is confined to the caller's files by {@link UserFiles},
 * then each dataset reader of the built-in and packaged modules is asked in turn, the first answer counting. A reader
 * that fails becomes a problem of the answer, never an error of the request.
 */
@ApplicationScoped
public class DatasetService {
    @Inject
    UserFiles files;

    @Inject
    BlockRegistry registry;

    /** A folder as a dataset, with the folder's name as the caller gave it. */
    public record Described(String folder, DatasetDescription description) {
    }

    public Described describe(AuthenticatedUser caller, String relative) {
        String folder = relative == null ? "" : relative.strip().replaceAll("/+$", "");
        Path dir = files.folder(caller, folder);
        if (!Files.isDirectory(dir)) {
            // the top of a user's files before the first upload: an empty folder
            return new Described(folder, new DatasetDescription("files", List.of(),
                    List.of("no recordings: your data files are empty")));
        }
        List<String> failures = new ArrayList<>();
        for (DatasetReader reader : registry.datasetReaders()) {
            try {
                DatasetDescription description = reader.describe(dir, folder);
                if (description != null) {
                    return new Described(folder, description);
                }
            } catch (RuntimeException | LinkageError e) {
                failures.add("the dataset reader " + reader.getClass().getName() + " failed (" + e + ")");
            }
        }
        failures.add(0, "no dataset reader described this folder");
        return new Described(folder, new DatasetDescription("files", List.of(), failures));
    }
}
