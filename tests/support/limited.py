"""Commands run under limits a test states as figures: memory and time."""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Limited:
    """How a command ran under `run_limited`."""

    returncode: int
    output: str
    peak_megabytes: float
    timed_out: bool


LAUNCHER = """
import os, sys
pid = os.fork()
if pid == 0:
    os.execvp(sys.argv[2], sys.argv[2:])
_, status, usage = os.wait4(pid, 0)
with open(sys.argv[1], "w") as report:
    report.write(str(usage.ru_maxrss))
sys.exit(os.waitstatus_to_exitcode(status))
"""
"""Starts the command from a small process of its own and reports its peak: the kernel's
peak of a process includes what it held before `exec`, and a process forked from the test
run holds all of the test run's memory until then (hundreds of megabytes after building a
site of a thousand plans)."""


def run_limited(command: list[str], cwd: Path, *, megabytes: int, seconds: float) -> Limited:
    """Run a command (and whatever it starts) under an address-space limit and a deadline.

    The limit is real (`RLIMIT_AS`: past it, allocations fail), the deadline kills the
    whole process group, and the peak resident memory is read from the kernel's account
    of the command and its children (`wait4`), so a test states its bounds as figures.
    """

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (megabytes * 2**20, megabytes * 2**20))

    with tempfile.TemporaryFile() as output, tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "peak"
        process = subprocess.Popen(
            [sys.executable, "-S", "-c", LAUNCHER, str(report), *command],
            cwd=cwd,
            stdout=output,
            stderr=subprocess.STDOUT,
            preexec_fn=limit,
            start_new_session=True,
        )
        deadline = time.monotonic() + seconds
        timed_out = False
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() > deadline:
                timed_out = True
                os.killpg(process.pid, signal.SIGKILL)
                pid, status, usage = os.wait4(process.pid, 0)
                break
            time.sleep(0.05)
        process.returncode = os.waitstatus_to_exitcode(status)
        output.seek(0)
        text = output.read().decode("utf-8", "replace")
        peak = int(report.read_text()) if report.exists() else usage.ru_maxrss  # killed: the whole account
    return Limited(process.returncode, text, peak / 1024, timed_out)
