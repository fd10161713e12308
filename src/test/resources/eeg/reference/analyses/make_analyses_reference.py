"""MNE 1.3 references for the analysis blocks of issue 19 (Notch, PSD, BandPower, RejectEpochs, Contrast).

Run with Debian's MNE (not a pyenv python), from this folder:
    MPLBACKEND=Agg /usr/bin/python3 make_analyses_reference.py ../../../../../../../shared/data/eeg
Writes gzipped CSVs beside this script; values in SI units (V, V^2/Hz), full double precision (repr).
"""
import gzip
import sys
from pathlib import Path

import mne
import numpy as np

mne.set_log_level("ERROR")
data = Path(sys.argv[1])
out = Path(__file__).resolve().parent


def save(name, header, rows):
    with gzip.open(out / (name + ".csv.gz"), "wt") as f:
        f.write(",".join(header) + "\n")
        for row in rows:
            f.write(",".join(repr(float(v)) for v in row) + "\n")


def recordings():
    bv = mne.io.read_raw_brainvision(data / "brainvision-mne/test.vhdr", preload=True)
    edf = mne.io.read_raw_edf(data / "edf-eegmmidb/S001R03.edf", preload=True)
    return {"mne_test": bv, "S001R03": edf}


log = open(out / "analyses.log", "w")
log.write("MNE %s, numpy %s\n" % (mne.__version__, np.__version__))
for name, raw in recordings().items():
    picks = mne.pick_types(raw.info, eeg=True)
    names = [raw.ch_names[p] for p in picks]
    sf = raw.info["sfreq"]
    # Notch: the mains frequency and (for the 1000 Hz file) its harmonics below Nyquist
    freqs = [50.0] if name == "mne_test" else [60.0]
    if name == "mne_test":
        freqs = list(np.arange(50, 451, 50, dtype=float))
    notched = raw.copy().notch_filter(freqs)
    x = notched.get_data(picks=picks)
    keep = slice(None) if name == "mne_test" else slice(None, None, 8)  # every 8th of 64 channels: a smaller file
    save(name + "_notch", names[keep], x[keep].T)
    log.write("%s notch %s: %d channels x %d samples\n" % (name, freqs, x.shape[0], x.shape[1]))
    # PSD: Welch with MNE's defaults (n_fft 256, no overlap, Hamming) and 2 s segments with half overlap
    for label, kwargs in [("welch", dict(method="welch", fmin=0, fmax=np.inf)),
                          ("welch2s", dict(method="welch", fmin=1, fmax=45, n_fft=int(2 * sf),
                                           n_overlap=int(sf), n_per_seg=int(2 * sf)))]:
        spec = raw.compute_psd(picks="eeg", **kwargs)
        psd, f = spec.get_data(return_freqs=True)
        save(name + "_psd_" + label, ["freq"] + names, np.column_stack([f, psd.T]))
        log.write("%s psd %s: %d freqs (%s..%s Hz)\n" % (name, label, len(f), f[0], f[-1]))
    # BandPower as the block computes it from the 2 s Welch spectrum: mean PSD in [lo, hi) and relative to 1-45 Hz
    spec = raw.compute_psd(picks="eeg", method="welch", fmin=1, fmax=45, n_fft=int(2 * sf), n_overlap=int(sf),
                           n_per_seg=int(2 * sf))
    psd, f = spec.get_data(return_freqs=True)
    bands = [("delta", 1, 4), ("theta", 4, 8), ("alpha", 8, 13), ("beta", 13, 30), ("gamma", 30, 45)]
    df = f[1] - f[0]
    total = psd.sum(axis=1) * df
    rows = []
    for b, (band, lo, hi) in enumerate(bands):
        sel = (f >= lo) & (f < hi)
        power = psd[:, sel].sum(axis=1) * df
        for c in range(len(names)):
            rows.append([b, c, power[c], psd[c, sel].mean(), power[c] / total[c]])
    save(name + "_bandpower", ["band", "channel", "power", "mean_psd", "relative"], rows)


# RejectEpochs, per-condition averages and Contrast on the PhysioNet run (T1/T2 = left/right fist)
raw = mne.io.read_raw_edf(data / "edf-eegmmidb/S001R03.edf", preload=True)
raw.filter(1, 40, fir_design="firwin")
events, event_id = mne.events_from_annotations(raw)
for threshold in (300e-6, 450e-6):
    epochs = mne.Epochs(raw, events, event_id, tmin=-0.2, tmax=0.5, baseline=(None, 0), preload=True,
                        reject=dict(eeg=threshold), flat=dict(eeg=1e-6), reject_by_annotation=False)
    with open(out / ("S001R03_reject_%d.txt" % round(threshold * 1e6)), "w") as f:
        f.write("selection " + " ".join(str(i) for i in epochs.selection) + "\n")
        for i, entry in enumerate(epochs.drop_log):
            if entry:
                f.write("dropped %d %s\n" % (i, " ".join(entry)))
epochs = mne.Epochs(raw, events, event_id, tmin=-0.2, tmax=0.5, baseline=(None, 0), preload=True,
                    reject=dict(eeg=450e-6), reject_by_annotation=False)
t1 = epochs["T1"].average()
t2 = epochs["T2"].average()
diff = mne.combine_evoked([t1, t2], weights=[1, -1])
save("S001R03_average_T1", t1.ch_names, t1.data.T)
save("S001R03_average_T2", t2.ch_names, t2.data.T)
save("S001R03_contrast", diff.ch_names, diff.data.T)
log.write("S001R03 contrast: T1 nave %d, T2 nave %d, T1 - T2 nave %d, comment %r\n"
          % (t1.nave, t2.nave, diff.nave, diff.comment))

# Rereference: to named channels, to the average with a bad channel left out, and bipolar pairs (test.vhdr)
raw = mne.io.read_raw_brainvision(data / "brainvision-mne/test.vhdr", preload=True)
for label, how in [("cz", ["Cz"]), ("p7p8", ["P7", "P8"]), ("average_bad_fp1", "average")]:
    r = raw.copy()
    if label == "average_bad_fp1":
        r.info["bads"] = ["FP1"]
    r.set_eeg_reference(how, projection=False)
    save("mne_test_reref_" + label, r.ch_names, r.get_data().T)
b = mne.set_bipolar_reference(raw, anode=["FP1", "F3", "C3"], cathode=["F3", "C3", "P3"])
save("mne_test_reref_bipolar", b.ch_names, b.get_data().T)
log.write("mne_test bipolar channels: %s\n" % b.ch_names)
log.close()
