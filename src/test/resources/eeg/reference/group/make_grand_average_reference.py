"""MNE 1.3 reference for the GrandAverage block: per "subject" read (preload) -> raw.filter(1, 40, fir_design='firwin')
-> events_from_annotations -> Epochs(tmin=-0.2, tmax=0.5, baseline=(None, 0)) of one condition -> average(), then
mne.grand_average(evokeds) (interpolate_bads and drop_bads at their defaults: no channel is marked bad).

Two groups, from the real recordings in ../../ (the copies of /work/shared/data/eeg):
- physionet: PhysioNet eegmmidb subject 1, runs 3 and 4 (S001R03.edf, S001R04.edf) as two subjects, 64 channels at
  160 Hz, one grand average per condition, T1 and T2 (left / right fist);
- eeguana: the eeguana recording's three exports (IEEE_FLOAT_32 and INT_16 BrainVision, EDF+) as three subjects, all
  stimuli. The BrainVision files have 30 EEG channels (M1, M2, HEOG, VEOG are misc, which average() leaves out), the
  EDF+ file 34 (all EEG): grand_average keeps the 30 common to all (equalize_channels), in the first one's order.

Writes, for each group and condition, <group>_<condition>_subject<i>.csv.gz (each subject's evoked) and
<group>_<condition>_grand_average.csv.gz: times x channels in VOLTS, header = channel names, every value as Python's
repr (shortest round-trip), so a test can reproduce the grand average to the bit from the subjects' evokeds; and
grand_average.log (shapes, nave, times).
Usage, from this folder: MPLBACKEND=Agg /usr/bin/python3 make_grand_average_reference.py
"""
import gzip
import os

import numpy as np
import mne

mne.set_log_level('ERROR')
HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, '..', '..')

GROUPS = {
    'physionet': (['edf-eegmmidb/S001R03.edf', 'edf-eegmmidb/S001R04.edf'], ['T1', 'T2']),
    'eeguana': (['brainvision-eeguana/bv_export_bv_txt_bin_multi.vhdr',
                 'brainvision-eeguana/bv_export_bv_txt_bin_multi_16bit.vhdr',
                 'brainvision-eeguana/bv_export_edf+.edf'], [None]),
}


def read(path):
    fn = os.path.join(DATA, path)
    if fn.endswith('.vhdr'):
        return mne.io.read_raw_brainvision(fn, preload=True)
    return mne.io.read_raw_edf(fn, preload=True)


def evoked_of(raw, condition):
    events, event_id = mne.events_from_annotations(raw)
    # None: every event, as the EpochExtraction block's default; otherwise the one marker name, as its Event Id
    ids = None if condition is None else {condition: event_id[condition]}
    epochs = mne.Epochs(raw, events, event_id=ids, tmin=-0.2, tmax=0.5, baseline=(None, 0), preload=True)
    return epochs.average()


def save(name, evoked):
    with gzip.open(os.path.join(HERE, name + '.csv.gz'), 'wt', compresslevel=9) as out:
        out.write(','.join(evoked.ch_names) + '\n')
        for row in evoked.data.T:
            out.write(','.join(repr(float(v)) for v in row) + '\n')


with open(os.path.join(HERE, 'grand_average.log'), 'w') as log:
    print('mne', mne.__version__, 'numpy', np.__version__, file=log)
    for group, (files, conditions) in GROUPS.items():
        raws = []
        for path in files:
            raw = read(path)
            raw.filter(1., 40., fir_design='firwin')
            raws.append(raw)
        for condition in conditions:
            label = group + '_' + (condition or 'all')
            evokeds = [evoked_of(raw, condition) for raw in raws]
            for i, (path, evoked) in enumerate(zip(files, evokeds), start=1):
                save('%s_subject%d' % (label, i), evoked)
                print(label, 'subject', i, path, 'nave', evoked.nave, 'shape', evoked.data.shape, file=log)
            grand = mne.grand_average(evokeds)
            save(label + '_grand_average', grand)
            print(label, 'grand average nave', grand.nave, 'shape', grand.data.shape, 'channels', grand.ch_names,
                  'times[0], [-1]', grand.times[0], grand.times[-1], 'comment', repr(grand.comment),
                  '|max| uV', float(np.abs(grand.data).max() * 1e6), file=log)
