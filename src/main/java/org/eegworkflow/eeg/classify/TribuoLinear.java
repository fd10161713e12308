package org.eegworkflow.eeg.classify;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

import com.google.protobuf.InvalidProtocolBufferException;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.LabelObjective;
import org.tribuo.classification.sgd.linear.LinearSGDModel;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.Hinge;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.common.sgd.AbstractSGDTrainer;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.protos.core.ModelProto;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * A linear classifier trained by Tribuo's {@link LinearSGDTrainer}: logistic regression ({@code LogMulticlass}) or a
 * linear SVM ({@code Hinge}), with AdaGrad (learning rate 1, epsilon 0.1, as Tribuo's own
 * {@code LogisticRegressionTrainer}) on one row at a time. Rows are standardised first with the training rows' means
 * and standard deviations, which the model keeps.
 */
public final class TribuoLinear implements ClassifierModel {
    private static final LabelFactory LABELS = new LabelFactory();
    /** Provenance needs a date; a fixed one keeps the data provenance of equal trainings equal. */
    private static final OffsetDateTime EPOCH = OffsetDateTime.of(2000, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
    /**
     * Tribuo's trainer logs two INFO lines per training (rows, classes); cross-validation trains many times and the
     * blocks report the same in the job's log, so only its warnings reach the server log. Held in a field because
     * java.util.logging keeps loggers weakly and would forget the level.
     */
    private static final Logger TRIBUO_SGD_LOG = quiet(AbstractSGDTrainer.class.getName());

    private final LinearAlgorithm algorithm;
    private final List<String> classNames;
    private final Standardizer standardizer;
    private final LinearSGDModel model;
    private final String[] featureNames;
    private final String summary;

    private TribuoLinear(LinearAlgorithm algorithm, List<String> classNames, Standardizer standardizer,
                         LinearSGDModel model, String summary) {
        this.algorithm = algorithm;
        this.classNames = List.copyOf(classNames);
        this.standardizer = standardizer;
        this.model = model;
        this.featureNames = featureNames(standardizer.width());
        this.summary = summary;
        for (Label label : model.getOutputIDInfo().getDomain()) {
            if (!this.classNames.contains(label.getLabel())) {
                throw new IllegalArgumentException("the Tribuo model predicts class '" + label.getLabel()
                        + "', which is not among " + classNames);
            }
        }
    }

    /**
     * Trains on the given rows.
     *
     * @param y          each row's class, an index into {@code classNames}; a class without rows is never predicted
     * @param epochs     passes over the rows, at least 1 (Tribuo's default is 5)
     * @param seed       seeds the order of rows: the same seed and data give the same model
     */
    public static TribuoLinear train(LinearAlgorithm algorithm, double[][] x, int[] y, List<String> classNames,
                                     int epochs, long seed) {
        Rows.check(x, y, classNames.size());
        if (epochs < 1) {
            throw new IllegalArgumentException("the number of epochs must be at least 1, not " + epochs);
        }
        Standardizer standardizer = Standardizer.fit(x);
        String[] names = featureNames(x[0].length);
        MutableDataset<Label> data = new MutableDataset<>(
                new SimpleDataSourceProvenance("EEG feature vectors", EPOCH, LABELS), LABELS);
        for (int i = 0; i < x.length; i++) {
            data.add(new ArrayExample<>(new Label(classNames.get(y[i])), names, standardizer.apply(x[i])));
        }
        LabelObjective objective = algorithm == LinearAlgorithm.LOGISTIC_REGRESSION ? new LogMulticlass()
                : new Hinge();
        // a new trainer per call: a Tribuo trainer advances its random state with every train() it runs
        LinearSGDTrainer trainer = new LinearSGDTrainer(objective, new AdaGrad(1.0, 0.1), epochs, -1, 1, seed);
        LinearSGDModel model = (LinearSGDModel) trainer.train(data);
        String summary = "trained " + epochs + " epochs (seed " + seed + ") on " + x.length + " rows";
        return new TribuoLinear(algorithm, classNames, standardizer, model, summary);
    }

    private static Logger quiet(String name) {
        Logger logger = Logger.getLogger(name);
        if (logger.getLevel() == null || logger.getLevel().intValue() < Level.WARNING.intValue()) {
            logger.setLevel(Level.WARNING);
        }
        return logger;
    }

    /** Zero-padded so that Tribuo's alphabetical feature order is the column order. */
    private static String[] featureNames(int width) {
        String[] names = new String[width];
        int digits = Integer.toString(Math.max(0, width - 1)).length();
        StringBuilder name = new StringBuilder(digits + 1);
        for (int j = 0; j < width; j++) {
            String number = Integer.toString(j);
            name.setLength(0);
            name.append('f');
            for (int k = number.length(); k < digits; k++) {
                name.append('0');
            }
            names[j] = name.append(number).toString();
        }
        return names;
    }

    @Override
    public int[] predict(double[][] features) {
        Rows.checkWidth(features, standardizer.width(), "the model");
        int[] predicted = new int[features.length];
        for (int i = 0; i < features.length; i++) {
            ArrayExample<Label> example = new ArrayExample<>(LabelFactory.UNKNOWN_LABEL, featureNames,
                    standardizer.apply(features[i]));
            Prediction<Label> prediction = model.predict(example);
            predicted[i] = classNames.indexOf(prediction.getOutput().getLabel());
        }
        return predicted;
    }

    @Override
    public List<String> classNames() {
        return classNames;
    }

    @Override
    public int featureCount() {
        return standardizer.width();
    }

    public LinearAlgorithm algorithm() {
        return algorithm;
    }

    /** The Tribuo model itself, for inspection (weights, provenance). */
    public LinearSGDModel tribuoModel() {
        return model;
    }

    @Override
    public String describe() {
        return algorithm.title() + " (Tribuo LinearSGDTrainer), " + featureCount() + " features, classes "
                + classNames + "; " + summary;
    }

    @Override
    public String toString() {
        return describe();
    }

    void writePayload(DataOutput out) throws IOException {
        ArrayIo.writeString(out, algorithm.name());
        ArrayIo.writeStrings(out, classNames);
        standardizer.write(out);
        ArrayIo.writeString(out, summary);
        byte[] proto = model.serialize().toByteArray();
        out.writeInt(proto.length);
        out.write(proto);
    }

    static TribuoLinear readPayload(DataInput in) throws IOException {
        String name = ArrayIo.readString(in);
        LinearAlgorithm algorithm;
        try {
            algorithm = LinearAlgorithm.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException("unknown linear algorithm '" + name + "'", e);
        }
        List<String> classNames = ArrayIo.readStrings(in);
        Standardizer standardizer = Standardizer.read(in);
        String summary = ArrayIo.readString(in);
        byte[] bytes = ArrayIo.readBytes(in);
        Model<?> model;
        try {
            ModelProto proto = ModelProto.parseFrom(bytes);
            // Tribuo picks the class to build from the bytes: accept only the one class this format stores
            if (!LinearSGDModel.class.getName().equals(proto.getClassName())) {
                throw new ModelFormatException("the Tribuo part holds a " + proto.getClassName() + ", not a "
                        + LinearSGDModel.class.getName());
            }
            model = Model.deserialize(proto);
        } catch (InvalidProtocolBufferException e) {
            throw new ModelFormatException("the Tribuo part is damaged: " + e.getMessage(), e);
        } catch (IllegalStateException | IllegalArgumentException | ClassCastException e) {
            if (e instanceof ModelFormatException f) {
                throw f;
            }
            throw new ModelFormatException("Tribuo cannot read its part: " + e.getMessage(), e);
        }
        if (!(model instanceof LinearSGDModel linear)) {
            throw new ModelFormatException("the Tribuo part is not a linear SGD model");
        }
        if (linear.getFeatureIDMap().size() > standardizer.width()) {
            throw new ModelFormatException("the Tribuo model knows " + linear.getFeatureIDMap().size()
                    + " features but the standardiser " + standardizer.width());
        }
        try {
            return new TribuoLinear(algorithm, classNames, standardizer, linear, summary);
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(e.getMessage(), e);
        }
    }
}
