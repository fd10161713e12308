package org.eegworkflow.eeg.blocks;

import java.util.List;

import org.eegworkflow.eeg.bids.BidsDatasetReader;
import org.eegworkflow.sdk.BlockModule;
import org.eegworkflow.sdk.DatasetReader;
import org.eegworkflow.sdk.ValueCodec;

/** The built-in EEG module, under the old system's name so its workflows load unchanged. */
public class EegModule implements BlockModule {

    @Override
    public String name() {
        return EegTypes.MODULE;
    }

    @Override
    public List<Class<?>> blockTypes() {
        return List.of(OfflineDataProvider.class, EdfDataProvider.class, EEGLABDataProvider.class,
                ChannelNames.class, AverageReference.class, ChannelSelection.class, EventAndIds.class, Filter.class, EpochExtraction.class,
                EpochAveraging.class, GrandAverage.class, GroupTable.class, GroupFeatures.class, DatasetProvider.class,
                WaveletTransform.class, FeatureLabeling.class,
                NeuralNetworkLayer.class, NeuralNetworkClassifier.class, LinearClassifier.class, SaveModel.class,
                Predict.class,
                EEGPlot.class, EpochPlot.class,
                Export.class, BIDSDerivatives.class,
                // issue 19: the analyses after band-pass
                Notch.class, PSD.class, BandPower.class, RejectEpochs.class, Contrast.class,
                Rereference.class, GroupStatistics.class);
    }

    @Override
    public List<ValueCodec> codecs() {
        return List.of(new EegDataCodec(), new EpochsCodec(), new FeatureVectorCodec(), new ModelCodec());
    }

    /** EEG-BIDS datasets and plain folders of recordings ({@link BidsDatasetReader}). */
    @Override
    public List<DatasetReader> datasetReaders() {
        return List.of(new BidsDatasetReader());
    }
}
