"""MNE-Python side of the EEG benchmark (org.eegworkflow.bench.EegBench runs it).

Times the same pipeline as reference/mne_reference.py, stage by stage, in one warm process: read (preload) ->
raw.filter(1, 40, fir_design='firwin') -> events_from_annotations + Epochs(baseline=(None, 0), preload=True) ->
average(). Every run is a whole pipeline from a fresh read, since the filter works in place. Seconds by
time.perf_counter; MNE's log level WARNING.

Two ways to run it:
  mne_bench.py FILE [--repeats 10] [--warmup 2] [--tmin -0.2] [--tmax 0.5] [--events T1,T2] [--evoked-out PATH]
      runs the warm-up, then the timed repetitions, and prints one line 'MNE_BENCH {json}' with the median and the
      minimum of each stage, the epoch count, nave and shapes; --evoked-out writes the average (volts, channels x
      times, '%.17g', comma-separated) of the last run.
  mne_bench.py FILE --once [--memory-limit-gb 20] [--evoked-out PATH]
      one cold pipeline, as a researcher runs it once (EegServerBench): prints 'MNE_BENCH {json}' with the seconds
      of each stage, the process's peak resident memory (peak_rss_mib) and, if MNE runs out of memory under the
      limit (RLIMIT_AS, so the machine itself is never exhausted), the stage it failed in ("failed").
  mne_bench.py --serve
      reads one JSON request a line from stdin, {"file", "tmin", "tmax", "events": [...], "runs": n,
      "evoked_out": path or null}, runs n pipelines and answers one line 'MNE_BENCH {json}' with the seconds of each
      run ("runs": [{"read", "filter", "epochs", "average"}, ...]) and the counts of the last. EegBench uses this to
      alternate Java and MNE runs, so that both sides see the same load on a shared machine.
"""
import argparse
import json
import statistics
import sys
import time

STAGES = ('read', 'filter', 'epochs', 'average')


def load():
    t0 = time.perf_counter()
    import numpy as np
    import mne
    mne.set_log_level('WARNING')
    import warnings
    # the BrainVision files' misc channels without positions: MNE warns on every read, which is noise here
    warnings.filterwarnings('ignore', category=RuntimeWarning)
    return np, mne, time.perf_counter() - t0


def run_once(mne, file, tmin, tmax, wanted):
    st = {}
    t = time.perf_counter()
    if file.endswith('.vhdr'):
        raw = mne.io.read_raw_brainvision(file, preload=True)
    else:
        raw = mne.io.read_raw_edf(file, preload=True)
    st['read'] = time.perf_counter() - t

    t = time.perf_counter()
    raw.filter(1., 40., fir_design='firwin')
    st['filter'] = time.perf_counter() - t

    t = time.perf_counter()
    events, event_id = mne.events_from_annotations(raw)
    selected = None
    if wanted:
        missing = [w for w in wanted if w not in event_id]
        if missing:
            raise SystemExit('no events %s in %s (it has %s)' % (missing, file, sorted(event_id)))
        selected = {w: event_id[w] for w in wanted}
    epochs = mne.Epochs(raw, events, event_id=selected, tmin=tmin, tmax=tmax, baseline=(None, 0), preload=True)
    st['epochs'] = time.perf_counter() - t

    t = time.perf_counter()
    evoked = epochs.average()
    st['average'] = time.perf_counter() - t
    return st, raw, events, epochs, evoked


def describe(np, mne, raw, events, epochs, evoked, evoked_out):
    if evoked_out:
        np.savetxt(evoked_out, evoked.data, fmt='%.17g', delimiter=',')
    return {
        'mne': mne.__version__,
        'numpy': np.__version__,
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


def once(a, wanted):
    import resource
    if a.memory_limit_gb:
        limit = int(a.memory_limit_gb * (1 << 30))
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    np, mne, t_import = load()
    out = {'file': a.file, 'import_s': round(t_import, 4), 'memory_limit_gb': a.memory_limit_gb}
    stage = {'name': 'read'}
    st = {}

    def timed(name, fn):
        stage['name'] = name
        t = time.perf_counter()
        result = fn()
        st[name] = time.perf_counter() - t
        return result

    try:
        if a.file.endswith('.vhdr'):
            raw = timed('read', lambda: mne.io.read_raw_brainvision(a.file, preload=True))
        else:
            raw = timed('read', lambda: mne.io.read_raw_edf(a.file, preload=True))
        timed('filter', lambda: raw.filter(1., 40., fir_design='firwin'))

        def epoch():
            events, event_id = mne.events_from_annotations(raw)
            selected = {w: event_id[w] for w in wanted} if wanted else None
            return events, mne.Epochs(raw, events, event_id=selected, tmin=a.tmin, tmax=a.tmax,
                                      baseline=(None, 0), preload=True)
        events, epochs = timed('epochs', epoch)
        evoked = timed('average', lambda: epochs.average())
        if a.evoked_out:
            timed('export', lambda: np.savetxt(a.evoked_out, evoked.data, fmt='%.17g', delimiter=','))
        out.update(describe(np, mne, raw, events, epochs, evoked, None))
    except MemoryError:
        out['failed'] = 'MemoryError in %s' % stage['name']
    out.update(st)
    out['peak_rss_mib'] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    print('MNE_BENCH ' + json.dumps(out), flush=True)


def serve():
    np, mne, t_import = load()
    print('MNE_BENCH ' + json.dumps({'ready': True, 'mne': mne.__version__, 'import_s': t_import}), flush=True)
    for line in sys.stdin:
        if not line.strip():
            continue
        req = json.loads(line)
        runs = []
        last = None
        for _ in range(int(req.get('runs', 1))):
            last = None  # the previous run's recording is not kept alive beside the next one
            st, *last = run_once(mne, req['file'], float(req['tmin']), float(req['tmax']), req.get('events') or [])
            runs.append(st)
        out = describe(np, mne, *last, req.get('evoked_out'))
        out['file'] = req['file']
        out['runs'] = runs
        del last
        print('MNE_BENCH ' + json.dumps(out), flush=True)


def main():
    if sys.argv[1:] == ['--serve']:
        serve()
        return
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('file')
    p.add_argument('--repeats', type=int, default=10)
    p.add_argument('--warmup', type=int, default=2)
    p.add_argument('--tmin', type=float, default=-0.2)
    p.add_argument('--tmax', type=float, default=0.5)
    p.add_argument('--events', default='',
                   help='comma-separated annotation descriptions to epoch on (default: every event, as the reference)')
    p.add_argument('--evoked-out', default=None)
    p.add_argument('--once', action='store_true', help='one cold pipeline, with peak memory (see above)')
    p.add_argument('--memory-limit-gb', type=float, default=None)
    a = p.parse_args()
    if a.once:
        once(a, [w for w in a.events.split(',') if w])
        return
    np, mne, t_import = load()
    wanted = [w for w in a.events.split(',') if w]
    for _ in range(a.warmup):
        run_once(mne, a.file, a.tmin, a.tmax, wanted)
    runs = []
    last = None
    for _ in range(a.repeats):
        last = None
        st, *last = run_once(mne, a.file, a.tmin, a.tmax, wanted)
        runs.append(st)
    out = {'file': a.file, 'import_s': round(t_import, 4), 'warmup': a.warmup, 'repeats': a.repeats}
    out.update({k: statistics.median(r[k] for r in runs) for k in STAGES})
    out['min'] = {k: min(r[k] for r in runs) for k in STAGES}
    out.update(describe(np, mne, *last, a.evoked_out))
    print('MNE_BENCH ' + json.dumps(out), flush=True)


if __name__ == '__main__':
    main()
