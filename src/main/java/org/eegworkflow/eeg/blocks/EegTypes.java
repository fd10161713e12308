package org.eegworkflow.eeg.blocks;

/** The connector types of the EEG module, as the old system named them. */
public final class EegTypes {
    /** A continuous recording, {@link org.eegworkflow.eeg.data.EegData}. */
    public static final String EEG_DATA = "EEGData";
    /** Epochs or their average, {@link org.eegworkflow.eeg.data.Epochs}. */
    public static final String EPOCHS = "Epochs";
    /** Labelled feature vectors, {@link org.eegworkflow.eeg.data.FeatureVectors}. */
    public static final String FEATURE_VECTOR = "FeatureVector";
    /** A classifier: a network to train, or a trained model. */
    public static final String MODEL = "Model";
    /** The module as workflows name it, the same as in the old system. */
    public static final String MODULE = "EEG_Basil.zip:EEG_Basil";

    private EegTypes() {
    }
}
