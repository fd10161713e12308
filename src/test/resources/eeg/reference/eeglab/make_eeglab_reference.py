"""Makes small EEGLAB .set/.fdt files and what MNE-Python 1.3 reads from them (EeglabReaderTest compares).
Usage: /usr/bin/python3 make_eeglab_reference.py   (writes beside itself; Debian's python3-mne, -scipy, -h5py)

Variants (4 channels, 500 samples at 250 Hz, events of three types):
  nested_embedded  MAT v5, EEG struct, single-precision data in the .set
  nested_fdt       MAT v7 (compressed), EEG struct, data in nested_fdt.fdt; a numeric event type, an event past the end
  flat_fdt         MAT v5, the 2021 flat layout (fields at the top level), data in flat_fdt.fdt, no chanlocs
  flat_embedded    MAT v5, flat layout, double data in the .set, an EOG channel by chanlocs.type, no event durations
  v73_embedded     MAT v7.3 (HDF5, as MATLAB writes it: 512-byte header, struct arrays as object references)
MNE 1.3 reads v7.3 only through pymatreader, which Debian does not package: for that variant the script puts a
stand-in module 'pymatreader' in front of MNE whose read_mat is pymatreader's HDF5 conversion (_hdf5todict) written
for h5py 3; MNE does everything else as usual.
For each variant <v>: <v>.set (and <v>.fdt), <v>_data.f64 (what raw.get_data() gives: float64 little-endian,
channel after channel) and <v>.json (channel names and types, sfreq, n_times, annotations, events, event_id).
"""
import json, os, sys, types
import numpy as np
import scipy.io
import h5py
import mne

mne.set_log_level('ERROR')
HERE = os.path.dirname(os.path.abspath(__file__))
SFREQ, PNTS, NAMES = 250.0, 500, ['Fz', 'Cz', 'Pz', 'Oz']
rng = np.random.default_rng(17)
# microvolts as EEGLAB stores them; float32 values that are not exact decimals, so the scaling shows
DATA = (rng.standard_normal((len(NAMES), PNTS)) * 20).astype(np.float32)
EVENTS = [('square', 51.0, 0.0), ('rt', 101.5, 10.0), ('square', 201.0, 0.0), ('boundary', 250.0, 0.0),
          ('rt', 301.25, 2.0), ('square', 401.0, 0.0)]


def struct_array(rows, fields):
    """A 1xN MATLAB struct array (scipy writes a structured object array as one)."""
    arr = np.zeros((1, len(rows)), dtype=[(f, 'O') for f in fields])
    for i, row in enumerate(rows):
        for f, v in zip(fields, row):
            arr[0, i][f] = v
    return arr


def eeg_fields(data, events=EVENTS, chan_types=None, durations=True, chanlocs=True):
    f = dict(setname='reference', filename='', filepath='', nbchan=float(len(NAMES)), trials=1.0, pnts=float(PNTS),
             srate=SFREQ, xmin=0.0, xmax=(PNTS - 1) / SFREQ, data=data, ref='common')
    if chanlocs:
        types_ = chan_types or [''] * len(NAMES)
        f['chanlocs'] = struct_array(list(zip(NAMES, types_)), ['labels', 'type'])
    else:
        f['chanlocs'] = np.zeros((0, 0))
    if durations:
        f['event'] = struct_array([(t, l, d, float(i + 1)) for i, (t, l, d) in enumerate(events)],
                                  ['type', 'latency', 'duration', 'urevent'])
    else:
        f['event'] = struct_array([(t, l) for t, l, _ in events], ['type', 'latency'])
    return f


def write_fdt(name):
    DATA.T.astype('<f4').tofile(os.path.join(HERE, name + '.fdt'))  # channels x samples, column-major


# ------------------------------------------------------------------ v7.3 writer: MATLAB's HDF5 layout

def h5_header(path):
    text = b'MATLAB 7.3 MAT-file, Platform: GLNXA64, Created on: Mon Jan  1 00:00:00 2024 HDF5 schema 1.00 .'
    head = text.ljust(116, b' ') + b'\x00' * 8 + b'\x00\x02' + b'IM'
    with open(path, 'r+b') as fh:
        fh.write(head.ljust(512, b'\x00'))


def h5_value(parent, name, value, refs):
    if isinstance(value, str):
        codes = np.array([ord(c) for c in value], dtype=np.uint16).reshape(-1, 1) if value else None
        if codes is None:
            ds = parent.create_dataset(name, data=np.array([0, 0], dtype=np.uint64))
            ds.attrs['MATLAB_empty'] = np.uint8(1)
        else:
            ds = parent.create_dataset(name, data=codes)
            ds.attrs['MATLAB_int_decode'] = np.int32(2)
        ds.attrs['MATLAB_class'] = np.bytes_('char')
    elif isinstance(value, float):
        ds = parent.create_dataset(name, data=np.array([[value]]))
        ds.attrs['MATLAB_class'] = np.bytes_('double')
    elif isinstance(value, np.ndarray) and value.dtype.names:
        g = parent.create_group(name)
        g.attrs['MATLAB_class'] = np.bytes_('struct')
        n = value.shape[1]
        for f in value.dtype.names:
            rs = []
            for i in range(n):
                key = '%x' % len(refs.keys())
                h5_value(refs, key, value[0, i][f], refs)
                rs.append(refs[key].ref)
            # a struct array's field: one reference per element, with no MATLAB_class (a cell field has 'cell')
            g.create_dataset(f, data=np.array(rs, dtype=h5py.ref_dtype).reshape(n, 1))
        names = np.empty(len(value.dtype.names), dtype=h5py.vlen_dtype(np.dtype('S1')))
        for i, f in enumerate(value.dtype.names):
            names[i] = np.array(list(f), dtype='S1')
        g.attrs['MATLAB_fields'] = names
    elif isinstance(value, np.ndarray) and value.size == 0:
        ds = parent.create_dataset(name, data=np.array([0, 0], dtype=np.uint64))
        ds.attrs['MATLAB_empty'] = np.uint8(1)
        ds.attrs['MATLAB_class'] = np.bytes_('double')
    elif isinstance(value, np.ndarray):
        ds = parent.create_dataset(name, data=value.T)  # MATLAB's column-major: dimensions reversed
        ds.attrs['MATLAB_class'] = np.bytes_('single' if value.dtype == np.float32 else 'double')
    else:
        raise TypeError(name)


def write_v73(path, fields):
    with h5py.File(path, 'w', userblock_size=512, libver='earliest') as f:
        refs = f.create_group('#refs#')
        g = f.create_group('EEG')
        g.attrs['MATLAB_class'] = np.bytes_('struct')
        for k, v in fields.items():
            h5_value(g, k, v, refs)
    h5_header(path)


def pymatreader_standin():
    """pymatreader's read_mat for v7.3 (its utils._hdf5todict and helpers), for h5py 3."""
    def convert_string(values):
        if values.size == 2 and np.all(values == [0, 0]):
            return ''
        if values.size > 1:
            return ''.join(chr(c) for c in values.flatten())
        return chr(values)

    def handle_ndarray(values):
        values = np.squeeze(values).T
        if values.dtype in ('uint8', 'uint16', 'uint32', 'uint64'):
            values = convert_string(values) if values.ndim in (0, 1) else [convert_string(v) for v in values]
        if isinstance(values, np.ndarray) and values.size == 1:
            values = values.item()
        return values

    def assign(values):
        if type(values) == np.ndarray:
            return handle_ndarray(values)
        if type(values) == np.float64:
            return float(values)
        return values

    def todict(obj, ignore):
        if isinstance(obj, h5py.Group):
            return {k: todict(obj[k], ignore) for k in set(obj.keys()) - set(ignore)}
        if isinstance(obj, h5py.Dataset):
            data = np.empty((0,)) if 'MATLAB_empty' in obj.attrs.keys() else obj[()]
            if isinstance(data, np.ndarray) and data.dtype == np.dtype('object'):
                data = [todict(obj.file[r], ignore) for r in data.flatten()]
            return assign(data)
        raise TypeError('Unknown type in hdf5 file')

    def read_mat(filename, uint16_codec=None):
        with h5py.File(filename, 'r') as f:
            return todict(f, ['#refs#', '#subsystem#'])
    module = types.ModuleType('pymatreader')
    module.read_mat = read_mat
    return module


# ------------------------------------------------------------------ the variants

def save_mat(name, fields, nested, compress=False):
    path = os.path.join(HERE, name + '.set')
    scipy.io.savemat(path, {'EEG': fields} if nested else fields, format='5', do_compression=compress,
                     long_field_names=True, oned_as='row')
    return path


variants = {}
variants['nested_embedded'] = save_mat('nested_embedded', eeg_fields(DATA), True)
write_fdt('nested_fdt')
ev = EVENTS[:4] + [(3.0, 311.0, 0.0), ('rt', 700.0, 0.0)]  # a numeric type, and an event after the data
variants['nested_fdt'] = save_mat('nested_fdt', eeg_fields('nested_fdt.fdt', events=ev), True, compress=True)
write_fdt('flat_fdt')
variants['flat_fdt'] = save_mat('flat_fdt', eeg_fields('flat_fdt.fdt', chanlocs=False), False)
variants['flat_embedded'] = save_mat('flat_embedded', eeg_fields(DATA.astype(np.float64) * 1.5 + 0.1,
                                                                 chan_types=['EEG', 'eeg', 'EOG', ''],
                                                                 durations=False), False)
variants['v73_embedded'] = os.path.join(HERE, 'v73_embedded.set')
write_v73(variants['v73_embedded'], eeg_fields(DATA))

for name, path in variants.items():
    if name.startswith('v73'):
        sys.modules['pymatreader'] = pymatreader_standin()
    try:
        raw = mne.io.read_raw_eeglab(path, preload=True)
    finally:
        sys.modules.pop('pymatreader', None)
    data = raw.get_data()
    data.astype('<f8').tofile(os.path.join(HERE, name + '_data.f64'))
    events, event_id = mne.events_from_annotations(raw)
    a = raw.annotations
    out = dict(file=os.path.basename(path), sfreq=float(raw.info["sfreq"]), n_times=int(raw.n_times), ch_names=raw.ch_names,
               ch_types=raw.get_channel_types(),
               annotations=[dict(onset=float(o), duration=float(d), description=str(s))
                            for o, d, s in zip(a.onset, a.duration, a.description)],
               events=events.tolist(), event_id={k: int(v) for k, v in event_id.items()})
    with open(os.path.join(HERE, name + '.json'), 'w') as fh:
        json.dump(out, fh, indent=1)
    print(name, data.shape, raw.ch_names, raw.get_channel_types(), event_id, events[:, 0].tolist())
