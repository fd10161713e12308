"""The MNE side of AnalysisBench (issue 19): reads a recording once, then runs each case's code on it and times it.

Requests on stdin, one JSON object a line: {"file": path} loads the recording (preload=True, not timed);
{"name": ..., "code": ...} runs the code with raw, np and mne in scope and answers its wall time and `result`.
Answers are lines starting with ANSWER so that MNE's chatter on stdout is ignored.
"""
import json
import sys
import time

import mne
import numpy as np

mne.set_log_level("ERROR")
PREFIX = "ANSWER "


def answer(obj):
    sys.stdout.write(PREFIX + json.dumps(obj) + "\n")
    sys.stdout.flush()


answer({"mne": mne.__version__})
raw = None
for line in sys.stdin:
    if not line.strip():
        continue
    request = json.loads(line)
    try:
        if "file" in request:
            t = time.perf_counter()
            raw = mne.io.read_raw_edf(request["file"], preload=True)
            answer({"loaded": time.perf_counter() - t})
            continue
        scope = {"raw": raw, "np": np, "mne": mne}
        t = time.perf_counter()
        exec(request["code"], scope)
        seconds = time.perf_counter() - t
        result = np.asarray(scope["result"], dtype=float).ravel()
        answer({"seconds": seconds, "result": [float(v) for v in result]})
    except Exception as e:  # the Java side prints the reason beside the case
        answer({"error": "%s: %s" % (type(e).__name__, e)})
