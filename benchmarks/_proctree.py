"""Peak resident memory of a whole process tree (the runner, its workers, a JVM ...), by polling /proc."""
from __future__ import annotations

import os
import threading


def _children_map() -> dict[int, list[int]]:
    kids: dict[int, list[int]] = {}
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open(f"/proc/{d}/stat", "rb") as f:
                stat = f.read()
        except OSError:
            continue
        ppid = int(stat[stat.rindex(b")") + 2:].split()[1])
        kids.setdefault(ppid, []).append(int(d))
    return kids


def _rss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def tree_rss(root: int) -> int:
    """Sum of VmRSS (bytes) of ``root`` and all its descendants."""
    kids = _children_map()
    todo, total = [root], 0
    while todo:
        pid = todo.pop()
        todo += kids.get(pid, [])
        total += _rss(pid)
    return total


def worker_states(root: int) -> list[str]:
    """Scheduler states (R running/runnable, S sleeping, D disk) of root's multiprocessing workers."""
    out = []
    for pid in _children_map().get(root, []):
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                cmd = f.read()
            if b"spawn_main" not in cmd or b"resource_tracker" in cmd:
                continue
            with open(f"/proc/{pid}/stat") as f:
                st = f.read()
            out.append(st[st.rindex(")") + 2])
        except (OSError, ValueError):
            pass
    return out


class PeakRSS:
    """``with PeakRSS(pid) as m: ...`` then ``m.peak`` (bytes), sampled every ``interval`` seconds."""

    def __init__(self, root: int, interval: float = 0.1):
        self.root, self.interval, self.peak, self.root_peak = root, interval, 0, 0
        self._busy: list[float] = []      # per sample: share of worker processes running or runnable
        self._stop = threading.Event()

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, tree_rss(self.root))
            self.root_peak = max(self.root_peak, _rss(self.root))
            states = worker_states(self.root)
            if states:
                self._busy.append(sum(st == "R" for st in states) / len(states))
            self._stop.wait(self.interval)

    @property
    def workers_busy(self) -> float | None:
        """Mean share of worker processes that were running or runnable (not waiting for work)."""
        return round(sum(self._busy) / len(self._busy), 3) if self._busy else None

    def __enter__(self) -> "PeakRSS":
        self._t = threading.Thread(target=self._run, daemon=True)
        self._t.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._t.join()
