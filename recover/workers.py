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

Workers are started fresh ("spawn"), not forked. A forked child inherits a copy of the parent's
memory but only the thread that forked: any lock another thread held, and the state of native
thread pools (OpenCV's, which the library may have used in-process before, or a caller's own
threads), stay frozen in the copy. Measured here: after the parent ran OpenCV on four threads,
forked workers that used OpenCV crashed or hung in 6 of 6 runs; spawned ones never. Ctrl-C is ignored while a worker is
started, so it starts with Ctrl-C ignored (inherited through exec) rather than printing a
KeyboardInterrupt of its own during its imports. A script that starts a run with workers must
keep its work under `if __name__ == "__main__":` (each worker imports the script's module).
"""
from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
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


class _Pool(ProcessPoolExecutor):
    def submit(self, fn, /, *args, **kwargs):
        with _ctrl_c_ignored():      # a worker started by this submit ignores Ctrl-C from its first line
            return super().submit(fn, *args, **kwargs)


@contextlib.contextmanager
def _ctrl_c_ignored():
    if threading.current_thread() is not threading.main_thread():
        yield                        # signals belong to the main thread; a worker's own prctl still holds
        return
    before = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, before)


@contextlib.contextmanager
def pool(workers: int, initializer=None, initargs: tuple = ()):
    executor = _Pool(max_workers=workers, mp_context=multiprocessing.get_context("spawn"), initializer=_start,
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
