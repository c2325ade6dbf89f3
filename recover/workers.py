"""Worker processes that die with the run.

A process pool's workers outlive a parent that is killed (kill -9, the OOM killer, a closed
terminal): each sits on its task or its queue and holds the store's files open. Here every worker,
as it starts,
  - asks Linux to kill it when its parent dies (prctl PR_SET_PDEATHSIG; the pool starts workers
    from the thread that submits work, so the signal follows the run, not a helper thread), and
  - watches its parent from a thread (elsewhere, and should the parent die before the prctl call),
    leaving within WATCH_SECONDS of being orphaned;
  - ignores Ctrl-C, which the terminal sends to the whole process group: the parent alone decides
    (and stops the workers), instead of every worker printing its own KeyboardInterrupt.

    with pool(n, initializer) as executor: ...      a ProcessPoolExecutor, its workers stopped on the
                                                     way out if the run is interrupted or fails
"""
from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import sys
import threading
from concurrent.futures import ProcessPoolExecutor

WATCH_SECONDS = 0.5
PR_SET_PDEATHSIG = 1


def die_with_parent(parent: int) -> None:
    """Run in the worker, first thing."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:         # the parent died before the prctl call took effect
        os._exit(1)
    threading.Thread(target=_watch, args=(parent,), name="recover-parent-watch", daemon=True).start()


def _watch(parent: int) -> None:
    stop = threading.Event()
    while not stop.wait(WATCH_SECONDS):
        if os.getppid() != parent:
            os._exit(1)


def _start(parent: int, initializer, initargs) -> None:
    die_with_parent(parent)
    if initializer is not None:
        initializer(*initargs)


@contextlib.contextmanager
def pool(workers: int, initializer=None, initargs: tuple = ()):
    executor = ProcessPoolExecutor(max_workers=workers, initializer=_start,
                                   initargs=(os.getpid(), initializer, initargs))
    try:
        yield executor
    except BaseException:
        stop(executor)
        raise
    else:
        executor.shutdown(wait=True)


def stop(executor: ProcessPoolExecutor) -> None:
    """Cancel what has not started and end the workers now, rather than after their current page.
    The executor has no public way to end running workers; its process table is read defensively."""
    processes = list((getattr(executor, "_processes", None) or {}).values())
    executor.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        with contextlib.suppress(Exception):
            process.kill()
    for process in processes:
        with contextlib.suppress(Exception):
            process.join(timeout=5)
