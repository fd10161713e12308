"""MNE-Python side of the EEG benchmark (org.eegworkflow.bench.EegBench runs it).

Times the same pipeline as reference/mne_reference.py on one file, stage by stage, in one warm process:
read (preload) -> raw.filter(1, 40, fir_design='firwin') -> events_from_annotations + Epochs(baseline=(None, 0),
preload) -> average(). Every repetition is a whole pipeline from a fresh read, since the filter works in place.
After --warmup untimed repetitions, --repeats timed ones; prints ONE JSON line: the median seconds of each stage,
the epoch count, nave, shapes, and (with --evoked-out) writes the evoked array (volts, channels x times, '%.17g')
so the Java side can compare its own average with MNE's.

Usage: /usr/bin/python3 mne_bench.py FILE [--repeats N] [--warmup W] [--tmin -0.2] [--tmax 0.5]
                                       [--events T1,T2] [--evoked-out PATH]
"""
import argparse
import json
import statistics
import sys
import time


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('file')
    p.add_argument('--repeats', type=int, default=10)
    p.add_argument('--warmup', type=int, default=2)
    p.add_argument('--tmin', type=float, default=-0.2)
    p.add_argument('--tmax', type=float, default=0.5)
    p.add_argument('--events', default='',
                   help='comma-separated annotation descriptions to epoch on (default: every event, as the reference)')
    p.add_argument('--evoked-out', default=None)
    a = p.parse_args()

    t0 = time.perf_counter()
    import numpy as np
    import mne
    t_import = time.perf_counter() - t0
    mne.set_log_level('WARNING')
    import warnings
    # the BrainVision files' misc channels without positions: MNE warns on every read, which is noise here
    warnings.filterwarnings('ignore', category=RuntimeWarning)

    def run_once():
        st = {}
        t = time.perf_counter()
        if a.file.endswith('.vhdr'):
            raw = mne.io.read_raw_brainvision(a.file, preload=True)
        else:
            raw = mne.io.read_raw_edf(a.file, preload=True)
        st['read'] = time.perf_counter() - t

        t = time.perf_counter()
        raw.filter(1., 40., fir_design='firwin')
        st['filter'] = time.perf_counter() - t

        t = time.perf_counter()
        events, event_id = mne.events_from_annotations(raw)
        if a.events:
            wanted = a.events.split(',')
            missing = [w for w in wanted if w not in event_id]
            if missing:
                raise SystemExit('no events %s in %s (it has %s)' % (missing, a.file, sorted(event_id)))
            selected = {w: event_id[w] for w in wanted}
        else:
            selected = None
        epochs = mne.Epochs(raw, events, event_id=selected, tmin=a.tmin, tmax=a.tmax, baseline=(None, 0),
                            preload=True)
        st['epochs'] = time.perf_counter() - t

        t = time.perf_counter()
        evoked = epochs.average()
        st['average'] = time.perf_counter() - t
        return st, raw, events, epochs, evoked

    for _ in range(a.warmup):
        run_once()
    runs = []
    last = None
    for _ in range(a.repeats):
        st, *last = run_once()
        runs.append(st)
    raw, events, epochs, evoked = last
    if a.evoked_out:
        np.savetxt(a.evoked_out, evoked.data, fmt='%.17g', delimiter=',')
    out = {
        'file': a.file,
        'mne': mne.__version__,
        'numpy': np.__version__,
        'import_s': round(t_import, 4),
        'warmup': a.warmup,
        'repeats': a.repeats,
        'stat': 'median',
        'read': statistics.median(r['read'] for r in runs),
        'filter': statistics.median(r['filter'] for r in runs),
        'epochs': statistics.median(r['epochs'] for r in runs),
        'average': statistics.median(r['average'] for r in runs),
        'min': {k: min(r[k] for r in runs) for k in ('read', 'filter', 'epochs', 'average')},
        'n_channels': len(raw.ch_names),
        'n_times': int(raw.n_times),
        'sfreq': float(raw.info['sfreq']),
        'n_events': int(len(events)),
        'n_epochs': int(len(epochs)),
        'epoch_times': int(len(epochs.times)),
        'nave': int(evoked.nave),
        'evoked_shape': list(evoked.data.shape),
        'evoked_max_abs_uv': float(np.abs(evoked.data).max() * 1e6),
    }
    print('MNE_BENCH ' + json.dumps(out))
    sys.stdout.flush()


if __name__ == '__main__':
    main()
