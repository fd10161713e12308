package org.eegworkflow.eeg.blocks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import org.eegworkflow.eeg.classify.ClassifierModel;
import org.eegworkflow.eeg.classify.ModelFormat;
import org.eegworkflow.sdk.BlockContext;
import org.eegworkflow.sdk.BlockExecute;
import org.eegworkflow.sdk.BlockInput;
import org.eegworkflow.sdk.BlockOutput;
import org.eegworkflow.sdk.BlockProperty;
import org.eegworkflow.sdk.BlockType;
import org.eegworkflow.sdk.FileOutput;
import org.eegworkflow.sdk.Types;

/**
 * Offers a trained model for download, in the {@link ModelFormat}; uploaded to one's data files, it can be used
 * again by Predict's {@code Model File}.
 */
@BlockType(name = "SaveModel", family = "Classification", memoryMb = 64,
        description = "Saves a trained model as a file to download; upload it to your data files to use it in"
                + " Predict. Passes the model on.")
public class SaveModel {

    @BlockInput(name = "Model", type = ModelCodec.TYPE,
            description = "A trained model, from NeuralNetworkClassifier or LinearClassifier.")
    Object model;

    @BlockProperty(name = "File name", type = Types.STRING, defaultValue = "model.bin",
            description = "The name of the file: letters, digits, '.', '-' and '_'.")
    String fileName;

    @BlockOutput(name = "Model", type = ModelCodec.TYPE, description = "The same model, unchanged.")
    Object output;

    @BlockExecute
    public FileOutput execute(BlockContext context) {
        ClassifierModel trained = ClassifierBlocks.trained(model, "input 'Model'");
        String name = fileName == null ? "" : fileName.trim();
        if (name.isEmpty() || name.contains("/") || name.contains("\\")) {
            throw new IllegalArgumentException("property 'File name' is '" + fileName + "': give a plain file name"
                    + " such as model.bin");
        }
        Path file = context.workingDirectory().resolve(name);
        FileOutput result;
        try {
            result = FileOutput.of(file);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("property 'File name': " + e.getMessage(), e);
        }
        try {
            trained.save(file);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the model to " + name + ": " + e.getMessage(), e);
        }
        context.log("saved " + trained.describe() + " as " + name);
        output = model;
        return result;
    }
}
