"""MNE 1.3 references for spans annotated BAD in PSD and BandPower (issue 19): compute_psd leaves them out.

Run with Debian's MNE (not a pyenv python), from this folder:
    MPLBACKEND=Agg /usr/bin/python3 make_bad_spans_reference.py ../../../../../../../shared/data/eeg
S001R03.edf gets two spans (BAD_movement at 10 s for 5 s, bad_blink at 50.3 s for 2.25 s: MNE matches 'BAD'
in any case) on top of its T0/T1/T2 markers; the test adds the same ones. Writes gzipped CSVs beside this script.
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


raw = mne.io.read_raw_edf(data / "edf-eegmmidb/S001R03.edf", preload=True)
raw.annotations.append([10.0, 50.3], [5.0, 2.25], ["BAD_movement", "bad_blink"])  # onsets from the first sample
names = [raw.ch_names[p] for p in mne.pick_types(raw.info, eeg=True)]
sf = raw.info["sfreq"]
spec = raw.compute_psd(picks="eeg", method="welch", fmin=1, fmax=45, n_fft=int(2 * sf), n_overlap=int(sf),
                       n_per_seg=int(2 * sf))
psd, f = spec.get_data(return_freqs=True)
save("S001R03_psd_welch2s_bad", ["freq"] + names, np.column_stack([f, psd.T]))
# MNE's default Welch (n_fft 256, no overlap) too, whose segments fall differently on the spans
spec = raw.compute_psd(picks="eeg", method="welch", fmin=0, fmax=np.inf)
psd, f = spec.get_data(return_freqs=True)
save("S001R03_psd_welch_bad", ["freq"] + names, np.column_stack([f, psd.T]))
with open(out / "bad_spans.log", "w") as log:
    log.write("MNE %s, numpy %s; S001R03 with BAD spans: %d freqs, %d channels\n"
              % (mne.__version__, np.__version__, len(f), len(names)))
