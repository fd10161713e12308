"""MNE 1.3 reference for StudyTest and StudyIT (issue 17): the synthetic 20-subject EEG-BIDS study that the test
class org.eegworkflow.eeg.bids.StudyDataset writes (BrainVision, EDF+ and EEGLAB in turn, task 'faces', trial types
face and house in _events.tsv, an evoked component after face only).

For each recording, as the workflow DatasetProvider -> Filter (1, 40) -> EpochExtraction (Event Id face or house,
the block defaults tmin -0.2, tmax 0.5, baseline (None, 0)) -> EpochAveraging -> GrandAverage does it:
  read_raw_brainvision / read_raw_edf / read_raw_eeglab (preload=True)
  raw.set_annotations(mne.Annotations(onset, duration, trial_type))  from _events.tsv, replacing the file's markers
  raw.filter(1., 40., fir_design='firwin')
  events_from_annotations -> Epochs(event_id={condition: id}, tmin=-0.2, tmax=0.5, baseline=(None, 0)) -> average()
then mne.grand_average(evokeds) per condition.

Bad channels: _channels.tsv marks one or two channels bad in some subjects. They are NOT put in raw.info['bads'] here,
because the blocks do not drop or interpolate them yet (DatasetProvider only lists them in its log): with bads set,
average() would still keep them, but grand_average's default interpolate_bads=True would interpolate them (it needs
a montage, which these recordings lack) and drop_bads=True would leave them out of every subject. Without bads both
sides average every channel. The subjects with T7 and T8 (every fourth) have channels the others lack: grand_average
keeps the channels common to all (equalize_channels) in the first subject's order, as the GrandAverage block does.

Writes beside itself: study_<condition>_grand_average.csv.gz and study_<condition>_sub-<label>.csv.gz for three
subjects (one per format): times x channels in VOLTS, header = channel names, every value as Python's repr
(shortest round-trip); and study.log (versions, the dataset's digest as StudyDataset.digest computes it, per subject
its format, nave and shape, per grand average its nave, channels, times and peak).

Usage, from the worktree (Debian's python3-mne, never the pyenv python3):
  mvn -o -q -B test-compile -Dfrontend.skip
  mvn -o -q -B dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
  java -cp target/test-classes:target/classes:$(cat target/cp.txt) org.eegworkflow.eeg.bids.StudyDataset
  MPLBACKEND=Agg /usr/bin/python3 src/test/resources/eeg/reference/study/make_study_reference.py \
      target/study-reference-dataset
"""
import csv
import glob
import gzip
import hashlib
import os
import sys

import numpy as np
import scipy
import mne

mne.set_log_level('ERROR')
HERE = os.path.dirname(os.path.abspath(__file__))
DATASET = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else
                          os.path.join(HERE, '..', '..', '..', '..', '..', '..', 'target', 'study-reference-dataset'))
CONDITIONS = ['face', 'house']
KEEP_SUBJECTS = ['01', '02', '03']  # BrainVision (IEEE_FLOAT_32), EDF+, EEGLAB


def digest(folder):
    """StudyDataset.digest: SHA-256 over each file's relative path, a NUL and its bytes, in path order."""
    sha = hashlib.sha256()
    paths = []
    for root, _, files in os.walk(folder):
        for name in files:
            paths.append(os.path.relpath(os.path.join(root, name), folder).replace(os.sep, '/'))
    for rel in sorted(paths):
        sha.update(rel.encode('utf-8') + b'\0')
        with open(os.path.join(folder, rel), 'rb') as fh:
            sha.update(fh.read())
    return sha.hexdigest()


def read(path):
    if path.endswith('.vhdr'):
        return mne.io.read_raw_brainvision(path, preload=True)
    if path.endswith('.edf'):
        return mne.io.read_raw_edf(path, preload=True)
    return mne.io.read_raw_eeglab(path, preload=True)


def events_tsv(path):
    stem = path[:path.rindex('_eeg.')]
    with open(stem + '_events.tsv', newline='') as fh:
        rows = list(csv.DictReader(fh, delimiter='\t'))
    return mne.Annotations([float(r['onset']) for r in rows], [float(r['duration']) for r in rows],
                           [r['trial_type'] for r in rows])


def save(name, evoked):
    with gzip.open(os.path.join(HERE, name + '.csv.gz'), 'wt', compresslevel=9) as out:
        out.write(','.join(evoked.ch_names) + '\n')
        for row in evoked.data.T:
            out.write(','.join(repr(float(v)) for v in row) + '\n')


recordings = sorted(p for ext in ('vhdr', 'edf', 'set')
                    for p in glob.glob(os.path.join(DATASET, 'sub-*', 'eeg', '*_eeg.' + ext)))
assert len(recordings) == 20, recordings
with open(os.path.join(HERE, 'study.log'), 'w') as log:
    print('mne', mne.__version__, 'numpy', np.__version__, 'scipy', scipy.__version__, file=log)
    print('dataset digest', digest(DATASET), file=log)
    evokeds = {c: [] for c in CONDITIONS}
    for path in recordings:
        subject = os.path.basename(path).split('_')[0][4:]
        raw = read(path)
        raw.set_annotations(events_tsv(path))
        raw.filter(1., 40., fir_design='firwin')
        events, event_id = mne.events_from_annotations(raw)
        for condition in CONDITIONS:
            epochs = mne.Epochs(raw, events, event_id={condition: event_id[condition]}, tmin=-0.2, tmax=0.5,
                                baseline=(None, 0), preload=True)
            evoked = epochs.average()
            evokeds[condition].append(evoked)
            if subject in KEEP_SUBJECTS:
                save('study_%s_sub-%s' % (condition, subject), evoked)
            print('sub-' + subject, os.path.splitext(path)[1], condition, 'nave', evoked.nave, 'shape',
                  evoked.data.shape, file=log)
    for condition in CONDITIONS:
        grand = mne.grand_average(evokeds[condition])
        save('study_%s_grand_average' % condition, grand)
        pz = grand.ch_names.index('Pz')
        peak = int(np.argmax(grand.data[pz]))
        print(condition, 'grand average nave', grand.nave, 'shape', grand.data.shape, 'channels', grand.ch_names,
              'times[0], [-1]', grand.times[0], grand.times[-1], 'comment', repr(grand.comment),
              'Pz max uV %.3f at %.3f s' % (grand.data[pz, peak] * 1e6, grand.times[peak]), file=log)
