"""Merge a validated submission into the data directory: all or nothing.

A submission is checked first (:func:`cheikg.submission.check`): with any
violation nothing is written. Records the graph already holds identically
are skipped, so ingesting the same submission twice adds nothing the second
time. A record with the id of a stored one is a statement about it
(loaders/statements.py): it adds what it says (another source, names, fields
the stored record leaves out) and is written as it was submitted. What is new
goes into ONE new file, ``data/facts/NNN-<name>.yaml``, together with a
``submissions`` record saying which file it came from, when, which records it
added, which stored records it added to and which sources they cite. One new file is one rename: a
failure, a kill or Ctrl-C at any point leaves ``data/`` as it was (the
temporary file lives beside ``data/``, not in it).
"""

from __future__ import annotations

import datetime as dt
import errno
import hashlib
import io
import os
import re
import signal
import stat
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - not on Windows: staging files are then told stale by age alone
    fcntl = None  # type: ignore[assignment]

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from cheikg import __version__
from cheikg.loaders import schema
from cheikg.loaders.identity import digest
from cheikg.loaders.records import Record, _csv_mapping, _yaml, csv_kind, csv_rows, is_record_file, read_text

from .errors import CheikgError, InputError, UsageError
from .findings import Finding
from .lock import data_lock
from .paths import display_path
from .submission import check, expand
from .validation import Report

FACTS_DIR = "facts"
_NUMBERED = re.compile(r"^(\d{3,})-")


@dataclass
class IngestResult:
    report: Report
    adds: dict[int, list[str]] = field(default_factory=dict)  # id() of an extending record -> the fields it adds
    added: list[Record] = field(default_factory=list)  # new records
    extended: list[Record] = field(default_factory=list)  # statements about stored records: what they add
    unchanged: list[Record] = field(default_factory=list)
    target: Path | None = None
    text: str = ""
    written: bool = False

    @property
    def refused(self) -> bool:
        return self.report.fails("violation")


def ingest(paths: list[Path], data_dir: Path, build_dir: Path | None = None, *, dry_run: bool = False,
           now: dt.datetime | None = None, notify=None) -> IngestResult:
    """Validate ``paths`` against ``data_dir`` and, when clean, add their new records to it."""
    if not data_dir.is_dir():
        raise UsageError(f"the data directory {display_path(data_dir)} does not exist; give --data DIR")
    if not dry_run:
        remove_stale_staging(data_dir, notify)
    files = _submitted_files(paths, data_dir)
    # one writer at a time: two ingests at once would each validate against a data/ without the other's file
    with data_lock(data_dir, notify=notify):
        return _ingest(files, data_dir, build_dir, dry_run, now, notify)


def _ingest(files: list[Path], data_dir: Path, build_dir: Path | None, dry_run: bool, now: dt.datetime | None, notify) -> IngestResult:
    checked = check(files, data_dir, build_dir, notify=notify)
    result = IngestResult(checked.report)
    if result.refused:
        return result
    skipped = {id(r) for r in checked.merged.skipped} if checked.merged else set()
    index = checked.loaded.index if checked.loaded else None
    for rec in checked.records:
        if rec.kind is not None and rec.id is not None:
            entry = index.entries.get(rec.id) if index is not None else None
            if id(rec) in skipped:
                result.unchanged.append(rec)
            elif entry is not None and entry.stored:
                result.extended.append(rec)
                result.adds[id(rec)] = checked.merged.adds(rec) if checked.merged else []
            else:
                result.added.append(rec)
    written = result.added + result.extended
    if not written:
        return result
    when = (now or dt.datetime.now(dt.timezone.utc)).astimezone(dt.timezone.utc).replace(microsecond=0)
    result.target = _next_name(data_dir / FACTS_DIR, files[0].stem if len(files) == 1 else "submission")
    result.text = render(files, result.added, when, result.target.stem, result.extended)
    _verify(result.target, result.text, written)
    if not dry_run:
        write_new_file(result.target, result.text)
        result.written = True
    return result


def _submitted_files(paths: list[Path], data_dir: Path) -> list[Path]:
    unreadable: list[Finding] = []
    files = expand(paths, unreadable, wanted=is_record_file)
    if unreadable:
        raise InputError(unreadable)
    if not files:
        raise UsageError("no record files (.yaml, .csv) to ingest")
    expand(files)  # the same file twice is a usage error
    inside = [f for f in files if f.resolve().is_relative_to(data_dir.resolve())]
    if inside:
        raise UsageError(f"{display_path(inside[0])} is already in the data directory {display_path(data_dir)}; ingest takes files from outside it (use `cheikg validate` to check files in place)")
    others = [f for f in files if not is_record_file(f)]
    if others:
        raise UsageError(f"{display_path(others[0])}: ingest takes record files (.yaml, .csv); RDF files can be validated but not ingested")
    return files


def _next_name(folder: Path, stem: str) -> Path:
    """``NNN-<stem>.yaml``, numbered after the files already there."""
    taken = [int(m.group(1)) for p in folder.glob("*") if (m := _NUMBERED.match(p.name))] if folder.is_dir() else []
    # a submission already numbered (014-alliance.yaml) keeps its name after our number, not a second number
    slug = re.sub(r"[^a-z0-9]+", "-", _NUMBERED.sub("", stem).lower()).strip("-") or "submission"
    return folder / f"{max(taken, default=-1) + 1:03d}-{slug}.yaml"


# ---------------------------------------------------------------- rendering


def _yaml_writer() -> YAML:
    y = _yaml()
    y.indent(mapping=2, sequence=4, offset=2)
    y.width = 4096
    y.allow_unicode = True
    return y


def render(files: list[Path], added: list[Record], when: dt.datetime, name: str, extended: list[Record] = ()) -> str:  # type: ignore[assignment]
    """The new file: a submissions record per input file, then the records grouped by kind, comments kept.

    ``added`` are new records, ``extended`` statements about stored records (written as submitted: the
    build merges records that share an id); the submissions record lists them apart.
    """
    new = {(r.path, r.line) for r in added}
    wanted = new | {(r.path, r.line) for r in extended}
    by_kind: dict[str, CommentedSeq] = {}
    provenance = CommentedSeq()
    for i, f in enumerate(files, 1):
        shown = display_path(f)
        data = f.read_bytes()
        items = _items(f, data.decode("utf-8-sig"))
        kept = [(kind, item, line) for kind, item, line in items if (shown, line) in wanted]
        for kind, item, _line in kept:
            by_kind.setdefault(kind, CommentedSeq()).append(item)
        cites = sorted({c.source for r in [*added, *extended] if r.path == shown for c in _all_citations(r)})
        sub = CommentedMap()
        sub["id"] = f"submission-{name}" + (f"-{i}" if len(files) > 1 else "")
        sub["file"] = f.name  # the name only: where it lay on the submitter's machine is nobody's business
        sub["sha256"] = hashlib.sha256(data).hexdigest()
        sub["ingested_at"] = when.strftime("%Y-%m-%dT%H:%M:%SZ")
        sub["tool"] = f"cheikg {__version__}"
        records = [str(item["id"]) for _kind, item, line in kept if (shown, line) in new]
        additions = list(dict.fromkeys(str(item["id"]) for _kind, item, line in kept if (shown, line) not in new))
        if records:
            sub["records"] = records
        if additions:
            sub["additions"] = additions
        if cites:
            sub["cites"] = cites
        provenance.append(sub)
    doc = CommentedMap()
    doc["submissions"] = provenance
    for plural in schema.KINDS:
        if plural in by_kind:
            doc[plural] = by_kind[plural]
    out = io.StringIO()
    out.write(f"# Ingested by cheikg {__version__} on {when:%Y-%m-%d %H:%M} UTC from {', '.join(f.name for f in files)}.\n"
              "# Add to or correct these records by submitting records with the same ids (data/README.md), not by hand.\n")
    _yaml_writer().dump(doc, out)
    return out.getvalue()


def _all_citations(rec: Record):
    yield from rec.values.get("sources") or []
    for value in rec.values.values():
        if isinstance(value, list):
            for item in value:
                if isinstance(item, Record):
                    yield from _all_citations(item)


def _items(path: Path, text: str) -> list[tuple[str, CommentedMap, int]]:
    """The raw records of a file, in order, as YAML mappings (CSV rows become mappings), with their lines."""
    if path.suffix.lower() == ".csv":
        rows = []
        line = 1
        for row in csv_rows(text):  # each row with the line it starts on, as the reader numbers them
            rows.append((line, row))
            line += 1 + sum(cell.count("\n") for cell in row)
        header = [h.strip() for h in rows[0][1]]
        kind = csv_kind(path)  # the file was read already, so it names a kind
        out = []
        for start, row in rows[1:]:
            if any(cell.strip() for cell in row):
                out.append((kind.plural, _plain(_csv_mapping(kind, header, row, 0)), start))
        return out
    doc = _yaml().load(text)
    return [(kind, item, items.lc.data[i][0] + 1) for kind, items in doc.items() if kind in schema.KINDS and items for i, item in enumerate(items)]


def _plain(value: object) -> object:
    if isinstance(value, dict):
        m = CommentedMap()
        for k, v in value.items():
            m[k] = _plain(v)
        return m
    if isinstance(value, list):
        return CommentedSeq(_plain(v) for v in value)
    return value


def _verify(target: Path, text: str, added: list[Record]) -> None:
    """The file about to be written must read back as exactly the records accepted."""
    back = read_text(display_path(target), text)
    def digests(records: list[Record]) -> list[str]:
        return sorted(digest(r) for r in records if r.kind is not None and r.kind.name != "submission")

    if back.unreadable or digests(back.records) != digests(added):
        raise CheikgError(f"internal error: the records written to {display_path(target)} would not read back as submitted; nothing was written. Please report it.")


# ---------------------------------------------------------------- writing

_STAGING_PREFIX = ".cheikg-ingest-"
_STAGING_NAME = re.compile(r"\.cheikg-ingest-[A-Za-z0-9_]{8}\.yaml")  # what tempfile.mkstemp makes of the prefix
STALE_AFTER = 60  # seconds; a live ingest also holds a lock on its staging file


def _staging_dir(data_dir: Path) -> Path:
    """Where the new file is written first: beside the data directory (same file system, not among the records)."""
    return data_dir.parent


def write_new_file(target: Path, text: str) -> None:
    """Create ``target`` with ``text`` whole or not at all.

    The temporary file is written beside the data directory (same file
    system, so the rename is atomic) rather than in it, so a kill leaves no
    stray file among the records; the next ingest removes it
    (:func:`remove_stale_staging`). The final step is a hard link, which,
    unlike a rename, refuses to replace a file that appeared meanwhile.
    """
    data_dir = target.parent.parent if target.parent.name == FACTS_DIR else target.parent
    staging = _staging_dir(data_dir)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=staging, prefix=_STAGING_PREFIX, suffix=".yaml")
    except OSError as e:
        raise UsageError(f"cannot write {display_path(target)}: {e.strerror or e} ({display_path(Path(e.filename)) if e.filename else display_path(staging)}); "
                         f"ingest writes the new file in {display_path(staging)}, beside the data directory, then links it into place in one step, "
                         "so both folders must be writable") from None
    if fcntl is not None:  # held while the file is ours, so another ingest's clean-up leaves it alone
        fcntl.flock(fd, fcntl.LOCK_EX)
    main = threading.current_thread() is threading.main_thread()
    previous = signal.getsignal(signal.SIGTERM) if main else None
    try:
        if main:  # SIGTERM as Ctrl-C, so the temporary file is removed
            signal.signal(signal.SIGTERM, _interrupt)
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
            pause = os.environ.get("CHEIKG_TEST_INGEST_PAUSE")  # tests kill the process here
            if pause:
                time.sleep(float(pause))
            _link(Path(tmp), target)
    except OSError as e:
        raise UsageError(f"cannot write {display_path(target)}: {e.strerror or e}; nothing was written: make {display_path(target.parent)} writable") from None
    finally:
        Path(tmp).unlink(missing_ok=True)
        if main:
            signal.signal(signal.SIGTERM, previous)


def _link(tmp: Path, target: Path) -> None:
    try:
        os.link(tmp, target)
    except FileExistsError:
        raise CheikgError(f"{display_path(target)} appeared while ingesting; nothing was written: run ingest again") from None
    except OSError as e:
        if e.errno not in (errno.EPERM, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK):  # a file system without hard links
            raise
        if target.exists():
            raise CheikgError(f"{display_path(target)} appeared while ingesting; nothing was written: run ingest again") from None
        os.replace(tmp, target)


def remove_stale_staging(data_dir: Path, notify=None) -> list[Path]:
    """Remove the temporary files that killed ingests left beside ``data_dir``: only cheikg's (by name), only
    this user's, only stale (older than STALE_AFTER, and not locked by a live ingest). Returns what it removed."""
    removed = []
    staging = _staging_dir(data_dir)
    try:
        names = [p for p in staging.iterdir() if _STAGING_NAME.fullmatch(p.name)]
    except OSError:
        return removed
    for path in sorted(names):
        try:
            st = path.lstat()
            if not stat.S_ISREG(st.st_mode) or st.st_uid != (os.getuid() if hasattr(os, "getuid") else st.st_uid) or time.time() - st.st_mtime < STALE_AFTER:
                continue
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
            try:
                if fcntl is not None:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)  # BlockingIOError: a live ingest holds it
                if os.fstat(fd).st_ino == path.lstat().st_ino:
                    path.unlink()
                    removed.append(path)
            finally:
                os.close(fd)
        except OSError:
            continue
    if removed and notify:
        notify(f"Removed {len(removed)} temporary file{'s' if len(removed) > 1 else ''} left by an interrupted ingest: {', '.join(display_path(p) for p in removed)}")
    return removed


def _interrupt(signum, frame):
    raise KeyboardInterrupt
