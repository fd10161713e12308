"""Writes mne_cases.txt: MNE-Python 1.3 kernels and filtered signals beyond the four recordings' 1-40 Hz band-pass
(low-pass and high-pass only, other rates, signals shorter than the kernel), for FirDesignTest and FirFilterTest.
Run with Debian's MNE: /usr/bin/python3 mne_cases.py > mne_cases.txt
Each case is a line "kernel|filtered sfreq low high n" (low/high "None" when unset) followed by n values, one a line.
The filtered signals are x[i] = sin(0.05 i) + 0.3 cos(0.31 i) + 2 + 0.001 i, i = 0..n-1 (recomputed by the tests).
"""
import numpy as np
import mne

mne.set_log_level('ERROR')


def emit(kind, sfreq, low, high, values):
    print(kind, repr(float(sfreq)), low, high, len(values))
    for v in values:
        print('%.17g' % v)


for sfreq, low, high in [(160, 1., 40.), (250, None, 30.), (250, 0.5, None), (500, 1.5, 240.), (1000, 8., 12.),
                         (100, None, 45.), (512, 4., None)]:
    h = mne.filter.create_filter(None, sfreq, low, high, fir_design='firwin')
    emit('kernel', sfreq, low, high, h)

for sfreq, low, high, n in [(250, 1., 40., 3000), (250, 1., 40., 700), (250, 1., 40., 50), (250, None, 30., 400),
                            (100, 4., None, 5), (100, 4., None, 1)]:
    i = np.arange(n)
    x = np.sin(0.05 * i) + 0.3 * np.cos(0.31 * i) + 2 + 0.001 * i
    y = mne.filter.filter_data(x[np.newaxis, :], sfreq, low, high, fir_design='firwin')[0]
    emit('filtered', sfreq, low, high, y)
