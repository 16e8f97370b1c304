"""Which process a run or a slot belongs to, and whether that process still exists.

A pid alone is not an identity: pids are reused. The stamp adds the boot id and the process's start time
(clock ticks since boot, /proc/<pid>/stat field 22), so a new process that got the same pid is not taken
for the old one. On another host nothing can be asked: the run's heartbeat decides there.
"""

from __future__ import annotations

import os
import socket
from dataclasses import dataclass
from functools import cache
from pathlib import Path


@dataclass(frozen=True)
class ProcessId:
    host: str
    pid: int
    stamp: str


@cache
def _boot_id() -> str:
    try:
        return Path("/proc/sys/kernel/random/boot_id").read_text().strip()
    except OSError:
        return "no-boot-id"


def _start_ticks(pid: int) -> str | None:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return stat.rsplit(")", 1)[1].split()[19]  # field 22; the command name may hold spaces and ')'


def stamp_of(pid: int) -> str | None:
    """The pid's stamp, None when there is no such process."""
    ticks = _start_ticks(pid)
    if ticks is None:
        if Path("/proc/self/stat").exists():
            return None
        try:  # no /proc (macOS): the pid alone
            os.kill(pid, 0)
        except ProcessLookupError:
            return None
        except PermissionError:
            pass
        return f"{_boot_id()}:?"
    return f"{_boot_id()}:{ticks}"


def current() -> ProcessId:
    return ProcessId(socket.gethostname(), os.getpid(), stamp_of(os.getpid()) or "unknown")


def alive_here(proc: ProcessId) -> bool | None:
    """True/False for a process of this host, None for another host's (ask its heartbeat instead)."""
    if proc.host != socket.gethostname():
        return None
    stamp = stamp_of(proc.pid)
    return stamp is not None and (stamp == proc.stamp or stamp.endswith(":?"))
