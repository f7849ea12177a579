"""gunicorn hooks for `make serve` and the bench (passed with --config by scripts/serve.sh).

Python's garbage collector, tuned for a pre-forked server. Everything loaded by the time a
worker is ready (Django, the app, its models) lives as long as the worker: frozen, full
collections stop walking it again. A larger first generation lets a big page finish
between collections: the roster of a 500-member production allocates some 200,000
objects, and with the default threshold of 700 it ran three dozen collections, one of
them full, adding 20-60 ms (docs/performance.md).
"""

import gc
from typing import Any


def post_worker_init(worker: Any) -> None:
    gc.collect()
    gc.freeze()
    gc.set_threshold(50_000, 20, 100)
