"""The files a resource keeps in the repository (`resources/<slug>/<name>`): which may be published.

A resource's files are served from the site's own address and packed into the offline
copy, so a file that a browser would run (an HTML page, an SVG image, a script) would run
as the site's own, and an executable would be handed to visitors under the handbook's name.
So only documents and pictures are kept, and each is checked twice: by the end of its name
(which decides how the server labels it) and by its first bytes (what it really is), so that
a page renamed `handout.pdf` is refused too. Office files are zip archives: one is taken for
a Word, PowerPoint or Excel file only when it holds that format's main part. Nothing is
followed or read beyond the limits (`limits`), and the names are plain, so that they make
plain web addresses.
"""

from __future__ import annotations

import difflib
import io
import os
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from handbook.plans import repository
from handbook.plans.problems import quote
from handbook.resources import limits

ZIP = b"PK\x03\x04"


@dataclass(frozen=True)
class FileType:
    """A kind of file a resource may keep: its name for readers, the ends its file names
    have, how its bytes start, and, for office files, the part its zip archive must hold."""

    label: str
    extensions: tuple[str, ...]
    magic: bytes
    zip_part: str | None = None


FILE_TYPES = (
    FileType("PDF", (".pdf",), b"%PDF-"),
    FileType("Word document", (".docx",), ZIP, "word/document.xml"),
    FileType("PowerPoint presentation", (".pptx",), ZIP, "ppt/presentation.xml"),
    FileType("Excel spreadsheet", (".xlsx",), ZIP, "xl/workbook.xml"),
    FileType("PNG image", (".png",), b"\x89PNG\r\n\x1a\n"),
    FileType("JPEG image", (".jpg", ".jpeg"), b"\xff\xd8\xff"),
)

ALLOWED = "PDF (.pdf), Word (.docx), PowerPoint (.pptx), Excel (.xlsx), PNG (.png) or JPEG (.jpg)"
"""The allowed types, as messages list them."""

_PLAIN_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")


def type_of(name: str) -> FileType | None:
    """The type a file name says (its end, in any case), or None for a type not kept."""
    lowered = name.lower()
    return next((kind for kind in FILE_TYPES if lowered.endswith(kind.extensions)), None)


@dataclass(frozen=True)
class ResourceFile:
    """One file of a resource, as its page lists it: name, size in bytes, and type."""

    name: str
    size: int
    type_label: str

    @property
    def size_label(self) -> str:
        """The size as readers read it: "2 KB", "1.5 MB"."""
        return limits.size(self.size)


def name_problem(name: str) -> str | None:
    """What is wrong with a file name a resource lists, or None. Checked before any file is
    looked for: a name is one plain file name in the resource's folder, nothing that leads
    elsewhere (`/`, `..`) or hides (`.name`), of a type that may be published."""
    if "/" in name or "\\" in name:
        return "a file name, not a path: write only the name of a file kept in the resource's own folder"
    if name.startswith("."):
        return "a hidden file name (it starts with '.'): give the file a name of its own, like handout.pdf"
    if type_of(name) is None:
        ending = os.path.splitext(name)[1].lower()
        what = f"'{quote(ending)}' files are" if ending else "a file without a type at the end of its name is"
        return (
            f"{what} not kept with resources: a resource's files are {ALLOWED}; save it as one of "
            "these, or put it on the web and give its address with link:"
        )
    if not _PLAIN_NAME.fullmatch(name):
        suggestion = re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip("-.") or "file"
        return (
            "a file name holds only letters, digits, '-', '_' and '.' (it becomes part of the file's "
            f"web address): rename the file to {quote(suggestion)} and list it so"
        )
    return None


def check_file(folder: Path, folder_name: str, name: str, root: Path) -> ResourceFile | str:
    """The file `name` of a resource, checked (it exists, is a regular file of the repository
    in `folder`, within the size limit, and is what its name says), or what is wrong with it.
    `folder_name` is the folder as editors know it (`resources/<slug>/`). The folder itself
    must be known to be a real folder of the repository (no link) before this is asked."""
    path = folder / name
    if not os.path.lexists(path):
        present = sorted(os.listdir(folder)) if folder.is_dir() else []
        close = difflib.get_close_matches(name, present, n=1, cutoff=0.6)
        hint = f"; did you mean '{quote(close[0])}'?" if close else ""
        return f"no file {folder_name}{quote(name)}{hint}: add the file there, or remove it from the list"
    problem = repository.file_problem(
        path,
        root,
        noun="a resource's file",
        folder=folder_name,
        instead="copy the file there instead of linking it",
        limit=limits.FILE_BYTES,
        too_large="a resource's file may hold at most {limit} (make it smaller, or put it on the web "
        "and give its address with link:)",
        size=limits.size,
    )
    if problem is not None:
        return problem
    kind = type_of(name)
    assert kind is not None  # the name was checked first
    size = path.lstat().st_size
    content = repository.read_bytes(path, limits.FILE_BYTES if kind.zip_part else len(kind.magic))
    if not content.startswith(kind.magic) or (kind.zip_part and not _holds(content, kind.zip_part)):
        return (
            f"not {_a(kind.label)}, though its name ends in '{quote(os.path.splitext(name)[1])}': its content "
            f"is something else; save it again as {_a(kind.label)}, or remove it"
        )
    return ResourceFile(name=name, size=size, type_label=kind.label)


def _holds(content: bytes, part: str) -> bool:
    """Whether a zip archive's directory names `part` (only the directory is read, nothing
    is unpacked)."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            return part in archive.namelist()
    except (zipfile.BadZipFile, ValueError, OSError):
        return False


def _a(label: str) -> str:
    """A type's name with its article: "a PDF", "an Excel spreadsheet"."""
    return f"an {label}" if label[0] in "AEIOU" else f"a {label}"
