"""Files written whole or not at all: a build stopped halfway leaves no half-written file.

The PDF cache and the offline zip are read back later (by the next build, by a person
unzipping); a truncated one would look valid by its name alone.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO


@contextmanager
def written_whole(path: Path) -> Iterator[IO[bytes]]:
    """A file to write `path` through: it takes the name only once the block has finished,
    readable by whoever serves or copies it; if the block fails, nothing is left behind."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=path.parent, suffix=".part", delete=False) as part:
        try:
            yield part
        except BaseException:
            part.close()
            os.unlink(part.name)
            raise
    os.chmod(part.name, 0o644)
    os.replace(part.name, path)
