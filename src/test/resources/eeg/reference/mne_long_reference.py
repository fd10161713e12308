"""MNE reference for a long recording the tests generate (org.eegworkflow.testsupport.BrainVisionTiler): read
(preload) -> raw.filter(1, 40, fir_design='firwin') -> events_from_annotations -> Epochs(tmin=-0.2, tmax=0.5,
baseline=(None, 0), preload=True) -> average(), as mne_reference.py, writing only what a long file's test compares:
the evoked response (µV, times x EEG channels, header = channel names) and a log of shapes, ids and timings.

The recording is not committed: it is a pure function of MNE's test.vhdr and the tiler's two counts, so the test
makes it again. To run this again, make the file first, e.g. 64 channels (2 copies) x 101 copies in time:
  java ... BrainVisionTiler ../brainvision-mne/test.vhdr /tmp/long_64ch_x101 2 101   (see LongRecordingSlowIT)
  MPLBACKEND=Agg /usr/bin/python3 mne_long_reference.py /tmp/long_64ch_x101.vhdr long_64ch_x101
Usage: /usr/bin/python3 mne_long_reference.py <file.vhdr> <outprefix>
"""
import json
import resource
import sys
import time

import numpy as np
import mne

mne.set_log_level('WARNING')
fn, out = sys.argv[1], sys.argv[2]
T = {}
t = time.perf_counter()
raw = mne.io.read_raw_brainvision(fn, preload=True)
T['read'] = time.perf_counter() - t
t = time.perf_counter()
raw.filter(1., 40., fir_design='firwin')
T['filter'] = time.perf_counter() - t
t = time.perf_counter()
events, event_id = mne.events_from_annotations(raw)
epochs = mne.Epochs(raw, events, event_id=None, tmin=-0.2, tmax=0.5, baseline=(None, 0), preload=True)
T['epochs'] = time.perf_counter() - t
t = time.perf_counter()
evoked = epochs.average()
T['average'] = time.perf_counter() - t
with open(out + '.log', 'w') as log:
    print('mne', mne.__version__, 'numpy', np.__version__, file=log)
    print('file', fn, 'n_channels', len(raw.ch_names), 'n_times', raw.n_times, 'sfreq', raw.info['sfreq'], file=log)
    print('event_id', event_id, 'n_events', len(events), file=log)
    print('epochs', len(epochs), 'x', len(epochs.ch_names), 'x', len(epochs.times), 'nave', evoked.nave, file=log)
    print('evoked |max| uV', float(np.abs(evoked.data).max() * 1e6), file=log)
    print('peak RSS MiB', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024, file=log)
    print('TIMINGS_S', json.dumps({k: round(v, 3) for k, v in T.items()}), file=log)
np.savetxt(out + '_evoked.csv', evoked.data.T * 1e6, delimiter=',', fmt='%.12g', header=','.join(evoked.ch_names),
           comments='')
