"""Parse, extract tokens from and dedupe CDX lines: lines/s on one core and peak memory.

`python bench/discovery_cdx.py [--scale N]`: scale 1 is 1,000,000 lines (targets: >= 200,000 lines/s, < 300 MB).
Lines are generated one index page at a time (not timed) and folded in page by page, as discovery does.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from extractors.discover.board_urls import host_sources
from extractors.discover.cdx_lines import CdxTally
from schemas.settings import Settings
from tests.fakes.synthetic.cdx import synthetic_lines

PAGE = 15_000  # about one CDX page of Common Crawl's index
BOARD_LINES = 100  # captures per board in a crawl: big boards have thousands, small ones a handful


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", type=float, default=1.0)
    args = parser.parse_args()
    n = max(1, int(1_000_000 * args.scale))
    hosts = host_sources(Settings().discovery_patterns)
    source = synthetic_lines(n, boards=max(10, n // BOARD_LINES))
    tally = CdxTally()
    elapsed = cpu = 0.0
    for first in range(0, n, PAGE):
        page = [next(source) for _ in range(min(PAGE, n - first))]  # generating is not timed
        started, cpu_started = time.perf_counter(), time.process_time()
        tally.add_lines(page, hosts)
        elapsed += time.perf_counter() - started
        cpu += time.process_time() - cpu_started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result = {
        "bench": "discovery_cdx",
        "lines": n,
        "seconds": round(elapsed, 3),
        "cpu_seconds": round(cpu, 3),
        "lines_per_s": round(n / max(cpu, 1e-9)),  # CPU time of one core: fair on a shared machine
        "wall_lines_per_s": round(n / max(elapsed, 1e-9)),
        "boards": len(tally.boards),
        "rejected_lines": sum(tally.rejects.values()),
        "peak_rss_mb": round(peak_mb, 1),
        "target_lines_per_s": 200_000,
        "target_peak_mb": 300,
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
