"""Outputs are created the way the user's other files are: 0666 less their umask (atomic writes
through a temporary file used to leave every CSV private, 0600)."""
from __future__ import annotations

import os
import stat

import pytest

from recover.errors import ExitCode
from tests.faults import kit


@pytest.mark.parametrize("umask,mode", [(0o022, 0o644), (0o002, 0o664), (0o077, 0o600)])
def test_outputs_follow_the_umask(tmp_path, capfd, umask, mode):
    kit.good_pack(tmp_path / "in")
    old = os.umask(umask)
    try:
        ran = kit.recover(capfd, "run", tmp_path / "in", "--out", tmp_path / "out", "--quiet")
    finally:
        os.umask(old)
    assert ran.code == ExitCode.OK
    files = [p for p in (tmp_path / "out").iterdir() if p.suffix in (".csv", ".html")]
    assert len(files) >= 8
    assert {p.name: stat.S_IMODE(p.stat().st_mode) for p in files} == {p.name: mode for p in files}
    cached = list((tmp_path / "out" / ".cache").rglob("*.pkl"))
    assert all(stat.S_IMODE(p.stat().st_mode) == mode for p in cached)
