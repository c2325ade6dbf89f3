"""A lock another thread of the parent holds while a pool starts (tests/faults/test_workers.py).
Run in a worker: a worker that was forked has a copy of the lock as it was, held forever."""
import threading

LOCK = threading.Lock()


def can_take_the_lock(_=None) -> bool:
    got = LOCK.acquire(timeout=2)
    if got:
        LOCK.release()
    return got
