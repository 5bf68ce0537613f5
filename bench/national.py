"""`make bench-national`: the handbook at national scale (issue 15), beside the baseline.

A national network of partnership schools, or a state's e-library that keeps every year's
plans, reaches 10,000 plans (about 150,000 activities). This writes that many synthetic
plans (`tests/support/synthetic.py`) and one resource for every five plans (issue 30), builds
the site and the hand-written baseline one after the other, and measures in Chromium what a
first search and a first filtered catalogue view download and how long they take to show
results (`bench/transfers.py`). It takes about 15 minutes on two cores; `--plans` sets the
number.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

from bench.baseline import write_baseline
from bench.run import GB, KB, MB, RESOURCES_PER_PLAN, human, measure_build, verdict
from bench.transfers import CATALOGUE_VIEW, SEARCH_PHRASE, SEARCH_WORDS, measure
from handbook.plans.loading import load_library
from tests.support.project import make_project
from tests.support.synthetic import write_plans, write_resources

TARGETS = {
    "first_search": 300 * KB,  # compressed as sent
    "first_catalogue_view": 300 * KB,
    "first_results": 1.0,  # seconds, in Chromium on this machine
    "peak_memory": 4 * GB,
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plans", type=int, default=10_000)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="handbook-national-"))
    try:
        project = make_project(work / "project", samples=False)
        write_plans(project / "plans", args.plans)
        write_resources(project / "resources", args.plans // RESOURCES_PER_PLAN)
        library = load_library(project / "plans")
        activities = library.activity_count()
        baseline_config = write_baseline(library, work / "baseline")
        del library
        ours = measure_build(project / "mkdocs.yml", work / "site")
        transfers = measure(work / "site")
        theirs = measure_build(baseline_config, work / "baseline-site")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print()
    print(f"{args.plans:,} plans, {activities:,} activities")
    print(f"build: handbook {ours.seconds:.0f} s, baseline {theirs.seconds:.0f} s "
          f"({ours.seconds / theirs.seconds:.2f}x); output {human(ours.output)}, "
          f"largest page {human(ours.largest_page)} ({ours.largest_page_path})")  # fmt: skip
    checks = [
        ("peak memory of the build (MB)", ours.peak_memory / MB, TARGETS["peak_memory"] / MB, ""),
        (f"first search, '{SEARCH_WORDS}' (KB sent, {transfers.search.requests} files)",
         transfers.search.bytes / KB, TARGETS["first_search"] / KB, ""),
        ("first search: results shown", transfers.search.seconds, TARGETS["first_results"], " s"),
        (f"first phrase, {SEARCH_PHRASE} (KB sent, {transfers.phrase.requests} files)",
         transfers.phrase.bytes / KB, TARGETS["first_search"] / KB, ""),
        ("first phrase: results shown", transfers.phrase.seconds, TARGETS["first_results"], " s"),
        (f"first catalogue view, {CATALOGUE_VIEW} (KB sent, {transfers.catalogue.requests} files)",
         transfers.catalogue.bytes / KB, TARGETS["first_catalogue_view"] / KB, ""),
        ("first catalogue view: rows shown", transfers.catalogue.seconds, TARGETS["first_results"], " s"),
    ]  # fmt: skip
    for name, transfer in (("first search", transfers.search), ("first phrase", transfers.phrase)):
        print(f"{name}, largest files: {transfer.largest()}")
    return verdict(checks)


if __name__ == "__main__":
    sys.exit(main())
