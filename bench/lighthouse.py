"""`make bench-lighthouse`: Lighthouse's mobile scores on every kind of page at 1,000 plans.

What a visitor on a phone gets: Lighthouse (pinned in bench/lighthouse-tool/package-lock.json) in its default mobile
mode (a mid-range phone, simulated slow 4G) on each kind of page the issue names, the site
served gzip-compressed as a static host serves it. Targets: performance at least 95 on every
page, the plan form included; accessibility, best practices and SEO 100.

Lighthouse's scores move by a few points from run to run on a shared 2-core machine; each
page is measured `--runs` times and the median is reported (its own advice for variance).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from handbook.plans.loading import load_library
from tests.support.browser import CHROMIUM
from tests.support.project import ROOT, make_project
from tests.support.synthetic import write_plans
from tests.support.web import serve_site

TOOL = ROOT / "bench" / "lighthouse-tool"
LIGHTHOUSE = TOOL / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}


def pages(plans: Path) -> dict[str, str]:
    """The kinds of page the issue names, each at an address of the built site."""
    library = load_library(plans)
    plan = next(p for p in library.plans if p.level.value == "district")
    strategy = next(iter(library.strategies)).slug
    year = next(p.year for p in library.plans if p.year)
    return {
        "home": "",
        "plans index": "plans/",
        "a plan": f"plans/{plan.slug}/",
        "a goal page": f"plans/{plan.slug}/goal-1/",
        "catalogue": "catalogue/",
        "catalogue, filtered": f"catalogue/?level=district&strategy={strategy}",
        "coverage": "coverage/",
        "a strategy": f"strategies/{strategy}/",
        "audiences": "audiences/",
        "a year": f"years/{year}/",
        "practices": "practices/",
        "progress": "progress/",
        "the plan form": "contribute/",
    }


def lighthouse(url: str, out: Path) -> dict[str, float]:
    """One Lighthouse run (mobile, simulated throttling): each category's score out of 100."""
    subprocess.run(
        [str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={out}",
         f"--only-categories={','.join(CATEGORIES)}", "--chrome-flags=--headless=new --no-sandbox"],
        check=True, env={**os.environ, "CHROME_PATH": str(CHROMIUM)}, timeout=300,
    )  # fmt: skip
    report = json.loads(out.read_text("utf-8"))
    return {name: round(report["categories"][name]["score"] * 100) for name in CATEGORIES}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plans", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--only", help="one kind of page, by its name above")
    parser.add_argument(
        "--reports", type=Path, help="keep each page's last Lighthouse report (JSON) in this folder"
    )
    args = parser.parse_args()
    if not LIGHTHOUSE.exists():
        raise SystemExit(
            f"{LIGHTHOUSE} is missing: run `npm ci --prefix {TOOL}` (`make bench-lighthouse` does)"
        )
    work = Path(tempfile.mkdtemp(prefix="handbook-lighthouse-"))
    try:
        project = make_project(work / "project", samples=False)
        write_plans(project / "plans", args.plans)
        site = work / "site"
        subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(project / "mkdocs.yml"), "-d", str(site)],
            check=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        )  # fmt: skip
        failed = 0
        with serve_site(site, compressed=True) as base:
            for name, address in pages(project / "plans").items():
                if args.only and name != args.only:
                    continue
                report = (args.reports or work) / f"{name.replace(' ', '-').replace(',', '')}.json"
                report.parent.mkdir(parents=True, exist_ok=True)
                runs = [lighthouse(base + address, report) for _ in range(args.runs)]
                median = {c: statistics.median(run[c] for run in runs) for c in CATEGORIES}
                misses = [c for c in CATEGORIES if median[c] < TARGETS[c]]
                failed += bool(misses)
                scores = ", ".join(f"{c} {median[c]:g}" for c in CATEGORIES)
                print(f"{'FAIL' if misses else 'PASS'}  {name} (/{address}): {scores}", flush=True)
        return 1 if failed else 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
