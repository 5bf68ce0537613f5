"""Files written whole or not at all (the PDF cache, the offline zip)."""

from __future__ import annotations

from pathlib import Path

import pytest

from handbook.outputs.atomic import written_whole


def test_a_finished_write_takes_the_name_readable_by_all(tmp_path: Path) -> None:
    target = tmp_path / "out" / "file.bin"
    with written_whole(target) as part:
        part.write(b"whole")
    assert target.read_bytes() == b"whole"
    assert target.stat().st_mode & 0o777 == 0o644
    assert list(target.parent.iterdir()) == [target]


def test_a_write_that_fails_leaves_nothing_and_keeps_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "file.bin"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError), written_whole(target) as part:
        part.write(b"half")
        raise RuntimeError("stopped halfway")
    assert target.read_bytes() == b"old"
    assert list(tmp_path.iterdir()) == [target]
