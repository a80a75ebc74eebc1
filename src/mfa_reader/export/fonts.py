"""Fonts for the PDF: found once per process, chosen per script, checked against the article.

Typst falls back silently to boxes when no font has a character. Before compiling, every character
the PDF will show is looked up in the character maps (cmap) of the chosen fonts, read with
fontTools; when some are missing the export stops with a message that names the package to install.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import subprocess
import threading
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mfa_reader.export.errors import MissingFontError
from mfa_reader.locations import scratch_dir

log = logging.getLogger(__name__)

if TYPE_CHECKING:
    import typst

# Candidates in order of preference; the first installed one of each list is used.
LATIN = ("Noto Sans", "DejaVu Sans", "Liberation Sans", "FreeSans")
CJK = (
    "Noto Sans CJK SC",
    "Noto Serif CJK SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "Droid Sans Fallback",
)
ARABIC = ("Noto Naskh Arabic", "Noto Sans Arabic", "Amiri", "Scheherazade New")

# The Debian/Ubuntu package that brings the preferred font of each script.
PACKAGES = {"cjk": "fonts-noto-cjk", "arabic": "fonts-noto-core", "other": "fonts-noto-core"}
SCRIPT_NAMES = {"cjk": "Chinese", "arabic": "Arabic", "other": "Latin, Cyrillic or other"}

COVERAGE_VERSION = 1  # bump when the saved format changes
_IGNORED_CATEGORIES = {"Cc", "Cf", "Zl", "Zp", "Zs", "Cs"}  # typst needs no glyph for these


def script_of(ch: str) -> str:
    """ "cjk", "arabic" or "other": which font package a character needs."""
    cp = ord(ch)
    if (
        0x2E80 <= cp <= 0x9FFF
        or 0xF900 <= cp <= 0xFAFF
        or 0xFE30 <= cp <= 0xFE4F
        or 0xFF00 <= cp <= 0xFFEF
        or 0x20000 <= cp <= 0x3FFFF
        or 0x3000 <= cp <= 0x303F
    ):
        return "cjk"
    if 0x0600 <= cp <= 0x08FF or 0xFB50 <= cp <= 0xFDFF or 0xFE70 <= cp <= 0xFEFF:
        return "arabic"
    return "other"


def _needs_glyph(ch: str) -> bool:
    if unicodedata.category(ch) in _IGNORED_CATEGORIES:
        return False
    cp = ord(ch)
    return not (0xFE00 <= cp <= 0xFE0F or 0xE0100 <= cp <= 0xE01EF)  # variation selectors


@dataclass(frozen=True, slots=True)
class Face:
    family: str
    path: str
    index: int
    weight: int
    italic: bool


@dataclass
class FontLibrary:
    """The fonts typst may use, scanned once, with their character maps read on demand."""

    fonts: typst.Fonts
    faces: dict[str, list[Face]]  # family -> faces
    system: bool = True  # the system's fonts are included
    extra_dirs: tuple[str, ...] = ()
    _cmaps: dict[tuple[str, int], frozenset[int]] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def has(self, family: str) -> bool:
        return family in self.faces

    def first(self, candidates: Sequence[str]) -> str | None:
        return next((f for f in candidates if f in self.faces), None)

    def regular(self, family: str) -> Face:
        faces = self.faces[family]
        return min(faces, key=lambda f: (f.italic, abs(f.weight - 400)))

    def coverage(self, face: Face) -> frozenset[int]:
        """The code points the face has glyphs for (read once per process, and kept on disk:
        reading the cmap of a CJK font takes ~0.2 s, loading the saved ranges ~1 ms)."""
        key = (face.path, face.index)
        with self._lock:
            cached = self._cmaps.get(key)
        if cached is not None:
            return cached
        points = _load_coverage(face)
        if points is None:
            points = _read_cmap(face)
            _save_coverage(face, points)
        with self._lock:
            self._cmaps[key] = points
        return points

    def chain(self, edition: str) -> list[str | dict[str, Any]]:
        """The typst ``font`` list for an edition: its script's font first, then fallbacks."""
        latin = self.first(LATIN)
        cjk = self.first(CJK)
        arabic = self.first(ARABIC)
        chain: list[str | dict[str, Any]] = []
        if edition == "zh":
            # Latin letters and digits from the Latin font, everything else (punctuation too)
            # from the CJK font: typst's way of putting the CJK font first.
            if latin:
                chain.append({"name": latin, "covers": "latin-in-cjk"})
            chain += [f for f in (cjk, arabic) if f]
        elif edition == "ar":
            chain += [f for f in (arabic, latin, cjk) if f]
        else:
            chain += [f for f in (latin, cjk, arabic) if f]
        return chain

    def check(self, edition: str, text: Iterable[str]) -> None:
        """Raise :class:`MissingFontError` when a character of ``text`` has no glyph in any font
        of the edition's chain, nor in any other font typst could fall back to."""
        needed = {ch for ch in set().union(*text) if _needs_glyph(ch)}  # each character once
        for entry in self.chain(edition):
            if not needed:
                return
            family = entry if isinstance(entry, str) else entry["name"]
            covered = self.coverage(self.regular(family))
            needed = {ch for ch in needed if ord(ch) not in covered}
        if needed:
            needed = self._not_in_any_font(needed)
        if needed:
            raise _missing(needed)

    def _not_in_any_font(self, chars: set[str]) -> set[str]:
        """Of ``chars`` (none in the chain's fonts), those no font typst knows has either: typst
        falls back to any font. A rare path; fontconfig's cached charsets make it quick."""
        paths = {face.path for faces in self.faces.values() for face in faces}
        fc_list = shutil.which("fc-list")
        missing: set[str] = set()
        for ch in sorted(chars):
            if fc_list and self.system:
                found = subprocess.run(
                    [fc_list, "--format", "%{file}\n", f":charset={ord(ch):x}"],
                    capture_output=True,
                    text=True,
                    check=False,
                ).stdout.split("\n")
                if paths.intersection(found):
                    continue
                if not self.extra_dirs:
                    missing.add(ch)
                    continue
            if not any(ord(ch) in self.coverage(self.regular(f)) for f in self._extra_families()):
                missing.add(ch)
        return missing

    def _extra_families(self) -> list[str]:
        """Families to read cmaps of one by one: all when fontconfig cannot answer, else only
        those from the extra font folders (fontconfig knows only the system's)."""
        if self.system and shutil.which("fc-list"):
            dirs = tuple(str(Path(d).resolve()) for d in self.extra_dirs)
            return [
                family
                for family, faces in self.faces.items()
                if any(str(Path(face.path).resolve()).startswith(dirs) for face in faces)
            ]
        return list(self.faces)


def _read_cmap(face: Face) -> frozenset[int]:
    from fontTools.ttLib import TTFont  # type: ignore[import-untyped]

    try:
        with TTFont(face.path, fontNumber=face.index, lazy=True) as font:
            return frozenset(font.getBestCmap() or {})
    except Exception:  # a broken font file covers nothing
        log.debug("cannot read the font %s", face.path, exc_info=True)
        return frozenset()


def _coverage_file(face: Face) -> Path | None:
    try:
        stat = os.stat(face.path)
    except OSError:
        return None

    ident = f"{face.path}|{face.index}|{stat.st_size}|{stat.st_mtime_ns}|{COVERAGE_VERSION}"
    digest = hashlib.sha256(ident.encode("utf-8", "surrogatepass")).hexdigest()[:32]
    return scratch_dir() / "font-coverage" / f"{digest}.json"


def _load_coverage(face: Face) -> frozenset[int] | None:
    path = _coverage_file(face)
    if path is None:
        return None
    try:
        ranges = json.loads(path.read_text("utf-8"))
        return frozenset(cp for start, end in ranges for cp in range(start, end + 1))
    except (OSError, ValueError, TypeError):
        return None


def _save_coverage(face: Face, points: frozenset[int]) -> None:
    """Saved as ranges of code points; a cache that cannot be written is simply not kept."""
    path = _coverage_file(face)
    if path is None:
        return
    ranges: list[list[int]] = []
    for cp in sorted(points):
        if ranges and ranges[-1][1] == cp - 1:
            ranges[-1][1] = cp
        else:
            ranges.append([cp, cp])
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps(ranges, separators=(",", ":")), "utf-8")
        os.replace(tmp, path)
    except OSError:
        pass


def _missing(chars: set[str]) -> MissingFontError:
    by_script: dict[str, list[str]] = {}
    for ch in sorted(chars):
        by_script.setdefault(script_of(ch), []).append(ch)
    script = next(s for s in ("cjk", "arabic", "other") if s in by_script)
    package = PACKAGES[script]
    sample = " ".join(by_script[script][:5])
    return MissingFontError(
        f"Cannot make the PDF: no installed font has the {SCRIPT_NAMES[script]} characters of "
        f"this article (e.g. {sample}). Install the package {package} "
        f"(sudo apt install {package}) and try again; no file was written.",
        package,
        "".join(by_script[script]),
    )


_LIBRARIES: dict[tuple[tuple[str, ...], bool], FontLibrary] = {}
_LIBRARIES_LOCK = threading.Lock()


def font_library(font_dirs: Sequence[str | Path] = (), *, system: bool = True) -> FontLibrary:
    """The fonts of the system (unless ``system`` is false) plus ``font_dirs``, scanned once per
    process for each combination."""
    key = (tuple(str(d) for d in font_dirs), system)
    with _LIBRARIES_LOCK:
        library = _LIBRARIES.get(key)
        if library is None:
            import typst

            fonts = typst.Fonts(
                include_system_fonts=system,
                include_embedded_fonts=False,
                font_paths=[str(d) for d in font_dirs],
            )
            faces: dict[str, list[Face]] = {}
            for info in fonts.fonts():
                if info.path:
                    faces.setdefault(info.family, []).append(
                        Face(
                            info.family, info.path, info.index, info.weight, info.style != "normal"
                        )
                    )
            library = FontLibrary(fonts, faces, system, key[0])
            _LIBRARIES[key] = library
    return library


def forget_font_libraries() -> None:
    """Scan again next time: after a failed check, the user may install the fonts and retry in
    the same running app."""
    with _LIBRARIES_LOCK:
        _LIBRARIES.clear()
