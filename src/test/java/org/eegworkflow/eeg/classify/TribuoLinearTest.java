package org.eegworkflow.eeg.classify;

import org.eegworkflow.eeg.data.FeatureVectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TribuoLinearTest {

    @ParameterizedTest
    @EnumSource(LinearAlgorithm.class)
    void separatesGaussianBlobsOnHeldOutRows(LinearAlgorithm algorithm) {
        FeatureVectors train = Fixtures.blobs(3, 40, 6, 3, 1e-5, 21);
        FeatureVectors test = Fixtures.blobs(3, 30, 6, 3, 1e-5, 22);
        TribuoLinear model = TribuoLinear.train(algorithm, train.features(), train.labels(), train.classNames(), 5,
                1);
        double accuracy = Fixtures.accuracy(model.predict(test.features()), test.labels());
        assertTrue(accuracy > 0.9, algorithm + ": " + accuracy);
        assertEquals(train.classNames(), model.classNames());
        assertEquals(6, model.featureCount());
    }

    @ParameterizedTest
    @EnumSource(LinearAlgorithm.class)
    void theSameSeedGivesTheSamePredictions(LinearAlgorithm algorithm) {
        FeatureVectors data = Fixtures.blobs(2, 30, 12, 0.7, 1, 3);
        TribuoLinear a = TribuoLinear.train(algorithm, data.features(), data.labels(), data.classNames(), 3, 9);
        TribuoLinear b = TribuoLinear.train(algorithm, data.features(), data.labels(), data.classNames(), 3, 9);
        assertArrayEquals(a.predict(data.features()), b.predict(data.features()));
    }
}
