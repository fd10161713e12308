"""scipy 1.10 / MNE 1.3 references for GroupStatistics (issue 19): synthetic subjects with an injected effect.

    /usr/bin/python3 make_stats_reference.py
Writes stats_input.csv.gz (subject, channel, then the times) and stats_result.csv.gz (channel, time index, mean, t,
p, FDR-corrected p, FDR reject) for a one-sample test, and stats_paired.csv.gz for a paired test of A = input, B =
input with noise.
"""
import gzip
from pathlib import Path

import mne
import numpy as np
from scipy import stats

out = Path(__file__).resolve().parent
rng = np.random.RandomState(19)
n_subjects, n_channels, n_times = 12, 5, 40
x = rng.randn(n_subjects, n_channels, n_times) * 1e-6
x[:, 1:3, 15:26] += 1.5e-6  # the effect: channels 1 and 2, times 15..25
y = x + rng.randn(n_subjects, n_channels, n_times) * 1e-6 - 0.8e-6 * (np.arange(n_times) > 30)


def write(name, rows):
    with gzip.open(out / name, "wt") as f:
        for row in rows:
            f.write(",".join(repr(float(v)) for v in row) + "\n")


write("stats_input.csv.gz", [[s, c] + list(x[s, c]) for s in range(n_subjects) for c in range(n_channels)])
write("stats_input_b.csv.gz", [[s, c] + list(y[s, c]) for s in range(n_subjects) for c in range(n_channels)])
for name, (t, p), mean in [("stats_result.csv.gz", stats.ttest_1samp(x, 0, axis=0), x.mean(0)),
                           ("stats_paired.csv.gz", stats.ttest_rel(x, y, axis=0), (x - y).mean(0))]:
    reject, corrected = mne.stats.fdr_correction(p.ravel(), alpha=0.05, method="indep")
    reject = reject.reshape(p.shape)
    corrected = corrected.reshape(p.shape)
    write(name, [[c, k, mean[c, k], t[c, k], p[c, k], corrected[c, k], float(reject[c, k])]
                 for c in range(n_channels) for k in range(n_times)])
