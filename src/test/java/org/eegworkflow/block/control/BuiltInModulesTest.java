package org.eegworkflow.block.control;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The built-in modules are found through {@code META-INF/services}, the engine naming none of their classes: under
 * the names workflows of the old system use, arithmetic first, with every block type.
 */
class BuiltInModulesTest {

    @Test
    void theBuiltInModulesAreFoundUnderTheirOldNames() {
        BlockRegistry registry = new BlockRegistry();
        registry.registerBuiltIns();
        List<String> modules = registry.all().stream().map(BlockSpec::module).distinct().toList();
        assertEquals(List.of("Arithmetic.zip:Arithmetic", "EEG_Basil.zip:EEG_Basil"), modules);
        assertEquals(List.of("Constant", "Addition", "Subtraction", "Multiplication", "Division", "Plot"),
                registry.all().stream().filter(spec -> spec.module().equals("Arithmetic.zip:Arithmetic"))
                        .map(BlockSpec::name).toList());
        List<String> eeg = registry.all().stream().filter(spec -> spec.module().equals("EEG_Basil.zip:EEG_Basil"))
                .map(BlockSpec::name).toList();
        // the old system's blocks keep their names; the analyses after band-pass (issue 19) come with them
        assertTrue(eeg.containsAll(List.of("OfflineDataProvider", "Filter", "EpochExtraction", "EpochAveraging",
                "EEGPlot", "EpochPlot", "WaveletTransform", "FeatureLabeling", "NeuralNetworkClassifier")), eeg::toString);
        assertTrue(eeg.containsAll(List.of("Notch", "PSD", "BandPower", "RejectEpochs", "Contrast", "Rereference",
                "GroupStatistics")), eeg::toString);
        assertEquals(eeg.size(), eeg.stream().distinct().count(), "two EEG blocks share a name: " + eeg);
        // the EEG module's connector types can be checkpointed: its codecs came with it
        assertTrue(registry.codec("EEGData").isPresent(), "no codec for the EEG data type");
    }
}
