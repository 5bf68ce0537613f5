"""The offline copy: a site built for `file://`, packed as one zip to hand out.

Leaders run workshops in rooms without a network, and the handbook has always come on a
disc: `make offline` builds the site with Material's offline plugin (links to `.html`
files, the search index inlined as a script) and this module packs it. Plain Python, no
MkDocs: it packs whatever folder it is given.

The zip holds one folder, so unzipping never scatters files into the folder it lands in,
and its bytes depend only on the site's files: entries in sorted order, every date the
source date (`SOURCE_DATE_EPOCH`, as the rest of the build), no permissions or owners from
the machine that packed it.
"""

from __future__ import annotations

import os
import sys
import time
import zipfile
from pathlib import Path

from handbook.outputs.atomic import written_whole

FOLDER = "partnerships-handbook"
"""The one folder in the zip; a person opens `partnerships-handbook/index.html`."""

EARLIEST = 315532800
"""1980-01-01, the earliest date a zip entry can hold."""


def source_date() -> tuple[int, int, int, int, int, int]:
    """Every entry's date: the source date where the build gives one, else 1980-01-01."""
    epoch = max(int(os.environ.get("SOURCE_DATE_EPOCH") or EARLIEST), EARLIEST)
    return time.gmtime(epoch)[:6]


def write_zip(site: Path, target: Path) -> int:
    """Pack every file under `site` into `target` (written whole or not at all); the number of files."""
    files = sorted(path for path in site.rglob("*") if path.is_file())
    if not (site / "index.html").is_file():
        raise FileNotFoundError(f"{site} holds no built site (no index.html)")
    date = source_date()
    with (
        written_whole(target) as part,
        zipfile.ZipFile(part, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive,
    ):
        for path in files:
            entry = zipfile.ZipInfo(f"{FOLDER}/{path.relative_to(site).as_posix()}", date_time=date)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            archive.writestr(entry, path.read_bytes())
    return len(files)


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: python -m handbook.outputs.offline SITE_DIR ZIP_FILE", file=sys.stderr)
        return 2
    site, target = Path(argv[0]), Path(argv[1])
    try:
        count = write_zip(site, target)
    except FileNotFoundError as problem:
        print(f"offline copy not written: {problem}", file=sys.stderr)
        return 1
    size = target.stat().st_size / 1_000_000
    print(f"{target}: {count} files, {size:.1f} MB; unzip it and open {FOLDER}/index.html")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
