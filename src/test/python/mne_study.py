"""The plain MNE-Python loop StudyBench times against the server (issue 17): one Python process, the study's
recordings one after another, each as the study workflow treats it (and as make_study_reference.py does):
read (preload) -> annotations from _events.tsv -> filter 1-40 Hz -> epochs of face and of house (-0.2..0.5 s,
baseline (None, 0)) -> average, then mne.grand_average per condition.

Usage: /usr/bin/python3 mne_study.py <dataset folder>   (Debian's python3-mne 1.3)
Prints one JSON line: {"import_s", "loop_s", "total_s", "recordings", "peak_rss_mib", "mne"}.
"""
import csv
import glob
import json
import os
import resource
import sys
import time

START = time.perf_counter()
import mne  # noqa: E402

mne.set_log_level('ERROR')
IMPORTED = time.perf_counter()
DATASET = os.path.abspath(sys.argv[1])
READERS = {'.vhdr': mne.io.read_raw_brainvision, '.edf': mne.io.read_raw_edf, '.set': mne.io.read_raw_eeglab}


def events_tsv(header):
    stem = header[:header.rindex('_eeg')]
    with open(stem + '_events.tsv', newline='') as fh:
        rows = list(csv.DictReader(fh, delimiter='\t'))
    return mne.Annotations([float(r['onset']) for r in rows],
                           [0.0 if r['duration'] == 'n/a' else float(r['duration']) for r in rows],
                           [r['trial_type'] for r in rows])


loop_start = time.perf_counter()
evokeds = {'face': [], 'house': []}
headers = sorted(f for ext in READERS for f in glob.glob(os.path.join(DATASET, 'sub-*', 'eeg', '*_eeg' + ext)))
for header in headers:
    raw = READERS[os.path.splitext(header)[1]](header, preload=True)
    raw.set_annotations(events_tsv(header))
    raw.filter(1., 40., fir_design='firwin')
    events, ids = mne.events_from_annotations(raw)
    for condition in evokeds:
        epochs = mne.Epochs(raw, events, event_id={condition: ids[condition]}, tmin=-0.2, tmax=0.5,
                            baseline=(None, 0), preload=True)
        evokeds[condition].append(epochs.average())
grand = {c: mne.grand_average(e) for c, e in evokeds.items()}
end = time.perf_counter()
print(json.dumps({'import_s': IMPORTED - START, 'loop_s': end - loop_start, 'total_s': end - START,
                  'recordings': len(headers), 'peak_rss_mib': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
                  'mne': mne.__version__}))
