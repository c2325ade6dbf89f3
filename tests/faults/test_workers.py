"""Workers die with the run: kill -9 or Ctrl-C of a scanned run leaves no OCR process behind, and
the store it was writing stays consistent. Workers start clean of what the run's other threads
hold, and ignore Ctrl-C (the run decides)."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.faults import kit

SCAN = kit.ROOT / "corpus" / "demo" / "agenda_2019-07-11_scan300.pdf"


def _children(pid: int) -> list[int]:
    out = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:
            continue
        fields = text[text.rindex(")") + 2:].split()       # after "pid (comm) "
        if int(fields[1]) == pid:
            out.append(int(stat.parent.name))
    return out


def _alive(pid: int) -> bool:
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return text[text.rindex(")") + 2] != "Z"                # a zombie has finished


needs_proc = pytest.mark.skipif(not Path("/proc/self/stat").exists(),
                                reason="finding a process's children needs /proc")
needs_scan = pytest.mark.skipif(not SCAN.exists(), reason="the demo scan is not in corpus/demo")


def _interruptible() -> None:
    """The run must feel Ctrl-C even when the suite itself was started in the background: a shell
    starts background jobs with SIGINT ignored, the ignoring is inherited, and Python then installs
    no KeyboardInterrupt handler, so the run would finish as if nothing had been pressed."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _run_until_workers(out: Path) -> tuple[subprocess.Popen, list[int]]:
    """A scanned run with two OCR workers, caught mid-page."""
    proc = subprocess.Popen([sys.executable, "-m", "recover.cli", "run", str(SCAN), "--out", str(out),
                             "--workers", "2", "--quiet"], cwd=str(kit.ROOT), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, start_new_session=True,
                            preexec_fn=_interruptible)
    workers: list[int] = []
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        workers = _children(proc.pid)
        if len(workers) >= 2:
            break
        time.sleep(0.05)
    time.sleep(1.0)
    return proc, _children(proc.pid)


def _gone(workers: list[int], seconds: float = 10) -> list[int]:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and any(map(_alive, workers)):
        time.sleep(0.1)
    return [w for w in workers if _alive(w)]


def _clean_up(proc, workers) -> None:
    for w in workers:
        if _alive(w):
            os.kill(w, signal.SIGKILL)
    if proc.poll() is None:
        proc.kill()
    proc.communicate()


@needs_proc
@needs_scan
def test_kill_9_of_a_run_leaves_no_worker(tmp_path):
    out = tmp_path / "out"
    proc, workers = _run_until_workers(out)
    try:
        assert len(workers) >= 2, "the run never started its OCR workers"
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        assert _gone(workers) == [], "OCR workers outlived their parent"
        if (out / "recover.sqlite").exists():
            assert kit.store_state(out / "recover.sqlite")[0] == "ok"
    finally:
        _clean_up(proc, workers)


@needs_proc
@needs_scan
def test_ctrl_c_stops_the_workers_with_one_line(tmp_path):
    """The terminal sends SIGINT to the whole process group: one 'interrupted', exit 130, no
    KeyboardInterrupt traceback from each worker, no worker left."""
    out = tmp_path / "out"
    proc, workers = _run_until_workers(out)
    try:
        assert len(workers) >= 2, "the run never started its OCR workers"
        os.killpg(proc.pid, signal.SIGINT)
        out_text, err = proc.communicate(timeout=60)
        assert proc.returncode == 130, (out_text, err)
        assert err.strip() == "interrupted", err
        assert _gone(workers) == []
        if (out / "recover.sqlite").exists():
            assert kit.store_state(out / "recover.sqlite")[0] == "ok"
    finally:
        _clean_up(proc, workers)


@pytest.mark.parametrize("workers", [1, 2])
def test_workers_start_clean_of_what_the_parents_other_threads_hold(workers):
    """Another thread of the run holds a lock (a caller's thread, a library's thread pool) while
    the pool starts: a forked worker would find the lock held forever and hang; a worker started
    fresh has its own."""
    import threading

    from recover.workers import pool
    from tests.faults.held import LOCK, can_take_the_lock
    taken, done = threading.Event(), threading.Event()

    def hold():
        with LOCK:
            taken.set()
            done.wait(60)
    holder = threading.Thread(target=hold, daemon=True)
    holder.start()
    try:
        assert taken.wait(10)
        with pool(workers) as executor:
            assert list(executor.map(can_take_the_lock, range(2 * workers))) == [True] * (2 * workers)
    finally:
        done.set()
        holder.join(10)


def test_workers_ignore_ctrl_c_and_the_run_still_feels_it():
    """The pool ignores SIGINT only while it starts a worker (which inherits that through exec);
    the run's own Ctrl-C handling is as it was, before and after."""
    from recover.workers import pool
    before = signal.getsignal(signal.SIGINT)
    with pool(2) as executor:
        assert signal.getsignal(signal.SIGINT) is before
        states = list(executor.map(signal.getsignal, [signal.SIGINT] * 4))
        assert signal.getsignal(signal.SIGINT) is before
    assert states == [signal.SIG_IGN] * 4
