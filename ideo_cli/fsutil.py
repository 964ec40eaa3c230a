"""File output: atomic files, and sets of files that land whole or not at all.

* :func:`atomic_write_bytes` — a reader never sees a half-written file.
* :func:`write_set` — several files replace their old versions together: if
  anything fails, every file already moved into place is put back, so the
  folder holds the old set or the new one, never a mix.
* An **owned folder** (``write_set(..., output_dir)`` with a manifest among
  the outputs): ``.ideo-manifest.json`` lists every file ideo wrote there
  with its SHA-256.  The next run removes the files it no longer produces —
  only those the manifest lists, and only while their content is still what
  ideo wrote — and never touches anything else in the folder.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import stat
import tempfile
import unicodedata
from pathlib import Path, PurePosixPath

from ideo_cli.i18n import msg

MANIFEST_NAME = ".ideo-manifest.json"
MANIFEST_FORMAT = 1


class OutputError(Exception):
    """An output file or directory could not be written; message is user-facing."""

    def __init__(self, path: Path | str, reason: str, directory: bool = False, message=None):
        super().__init__(f"{path}: {reason}")
        self.path = str(path)
        self.reason = reason
        self.directory = directory  # the folder could not be created
        self.message = message  # a whole translatable Message, when ideo itself refuses


# --------------------------------------------------------------------------- what an output may replace

# Every file ideo reads is YAML (plans, calendars, rulebooks, ledgers, rubrics); no
# output format is.  So an existing .yaml target is a user's input, even when this
# run did not read it (``ideo schema -o plan.yaml``).
INPUT_SUFFIXES = (".yaml", ".yml")
_inputs_read: set[tuple[int, int]] = set()  # (device, inode) of each file read by this command


def note_input(path: Path | str) -> None:
    """Remember that this command read ``path``: no output of it may replace it."""
    try:
        info = os.stat(path)
    except OSError:
        return
    _inputs_read.add((info.st_dev, info.st_ino))


def note_input_stat(info: os.stat_result) -> None:
    """:func:`note_input` for a file already stat'ed."""
    _inputs_read.add((info.st_dev, info.st_ino))


def forget_inputs() -> None:
    """A new command starts (in-process callers run several)."""
    _inputs_read.clear()
    _ROOTS.clear()


def refuse_target(target: Path, replace_documents: bool = False) -> None:
    """Raise OutputError unless ``target`` may be replaced by an output.

    A device, FIFO, socket or folder would become a regular file on rename (as
    root, even ``/dev/null``); an input file would lose the user's work.
    """
    try:
        info = os.stat(target)
    except OSError:
        return  # absent (or unreachable: writing will say why)
    if not stat.S_ISREG(info.st_mode):
        raise OutputError(target, "not a regular file", message=msg("fuzz.output-not-regular", path=str(target)))
    if (info.st_dev, info.st_ino) in _inputs_read:
        raise OutputError(target, "an input", message=msg("fuzz.output-is-input", path=str(target)))
    if not replace_documents and Path(target).suffix.lower() in INPUT_SUFFIXES:
        raise OutputError(target, "an input", message=msg("fuzz.output-is-document", path=str(target)))


class ManifestError(Exception):
    """The output folder's manifest exists but cannot be used."""

    def __init__(self, path: Path | str, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = str(path)
        self.reason = reason


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _stage(target: Path, data: bytes) -> str:
    """Write ``data`` to a fsynced temporary file beside ``target``; its path."""
    directory = target.parent if str(target.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name[:100]}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise OutputError(target, exc.strerror or str(exc)) from None
    try:
        os.fchmod(fd, 0o666 & ~_umask())  # mkstemp makes 0600; an output is an ordinary file
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except OSError as exc:
        _unlink(tmp)
        raise OutputError(target, exc.strerror or str(exc)) from None
    return tmp


def _unlink(path: str | Path) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def atomic_write_bytes(path: Path | str, data: bytes) -> None:
    """Write ``data`` to a temp file beside ``path``, fsync, then rename over it."""
    target = Path(path)
    if os.path.exists(target) and not os.path.isfile(target):
        raise OutputError(target, "not a regular file")
    tmp = _stage(target, data)
    try:
        os.replace(tmp, target)
    except OSError as exc:
        _unlink(tmp)
        raise OutputError(target, exc.strerror or str(exc)) from None


def atomic_write_text(path: Path | str, text: str, encoding: str = "utf-8") -> None:
    atomic_write_bytes(path, text.encode(encoding))


# --------------------------------------------------------------------------- manifests


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def fold_name(relative: str) -> str:
    """How a case-insensitive, normalising file system (Windows, macOS) sees a name."""
    return unicodedata.normalize("NFC", relative).casefold()


def manifest_bytes(files: dict[str, bytes], extra: dict | None = None) -> bytes:
    """The manifest for ``files`` (relative posix path -> content), plus command data."""
    doc = {"ideo-manifest": MANIFEST_FORMAT, "files": {name: sha256(data) for name, data in sorted(files.items())}}
    doc.update(extra or {})
    return (json.dumps(doc, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n").encode("utf-8")


def read_manifest(output_dir: Path | str) -> dict | None:
    """The folder's manifest, ``None`` if there is none (raises ManifestError)."""
    path = Path(output_dir) / MANIFEST_NAME
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except NotADirectoryError:
        return None  # the "folder" is a file: writing will say so
    except OSError as exc:
        raise ManifestError(path, exc.strerror or str(exc)) from None
    try:
        doc = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise ManifestError(path, f"not UTF-8 at byte {exc.start}") from None
    except json.JSONDecodeError as exc:
        raise ManifestError(path, f"{exc.msg} at {exc.lineno}:{exc.colno}") from None
    if not isinstance(doc, dict) or doc.get("ideo-manifest") != MANIFEST_FORMAT or not isinstance(doc.get("files"), dict):
        raise ManifestError(path, "not an ideo manifest of format 1")
    if not all(isinstance(k, str) and isinstance(v, str) for k, v in doc["files"].items()):
        raise ManifestError(path, "not an ideo manifest of format 1")
    return doc


def safe_relative(name: str) -> bool:
    """A manifest entry that names a file strictly inside the folder."""
    if not name or "\x00" in name or "\\" in name:
        return False
    pure = PurePosixPath(name)
    return not pure.is_absolute() and all(part not in ("", ".", "..") for part in pure.parts)


def owned_unchanged(output_dir: Path, name: str, digest: str) -> bool:
    """``name`` is in the folder and still holds what ideo wrote (``digest``)."""
    if not safe_relative(name):
        return False
    path = output_dir / name
    try:
        if path.is_symlink() or not path.is_file():
            return False
        return sha256(path.read_bytes()) == digest
    except OSError:
        return False


# --------------------------------------------------------------------------- sets of files


def write_set(outputs, output_dir=None, replace_documents: bool = False) -> None:
    """Write ``outputs`` (objects with ``path`` and ``data``) so that a failure
    leaves the old set or the new one.

    1. every new file is staged (written and fsynced) beside its target;
    2. each existing target is hard-linked (or copied) to a backup, then the
       staged file is renamed over it — atomically, so a reader sees either
       version;
    3. in an owned folder, files the previous manifest lists that the new one
       does not (and whose content ideo wrote) are removed, the same way;
    4. only then are the backups deleted.  If any step fails, everything done
       so far is undone in reverse order and ``OutputError`` is raised.
    """
    if output_dir is not None:
        output_dir, outputs = _settle_dotdot(Path(output_dir), outputs)
    # the manifest moves into place last: until then the old one still describes the folder
    outputs = sorted(outputs, key=lambda item: Path(item.path).name == MANIFEST_NAME)
    for item in outputs:
        refuse_target(Path(item.path), replace_documents)
    root = Path(output_dir) if output_dir is not None else None
    if root is not None:
        try:
            root.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(root, exc.strerror or str(exc), directory=True) from None
    stale = _stale_files(root, outputs) if root is not None else []
    created_dirs: list[Path] = []
    staged: list[tuple[str, Path]] = []
    done: list[tuple[Path, str | None]] = []  # (target, backup or None if it did not exist)
    removed: list[tuple[Path, str]] = []
    try:
        for item in outputs:
            target = Path(item.path)
            if root is not None and root in target.parents:  # sub-folders of an owned folder only
                _make_parents(target, root, created_dirs)
            staged.append((_stage(target, item.data), target))
        for tmp, target in staged:
            backup = _backup(target)
            try:
                os.replace(tmp, target)
            except OSError as exc:
                if backup:
                    _unlink(backup)
                raise OutputError(target, exc.strerror or str(exc)) from None
            done.append((target, backup))
        staged = []
        written = [target for target, _ in done]
        for path in stale:
            if any(_same_file(path, new) for new in written):
                continue  # a case-insensitive file system: the old name *is* a new file
            backup = _backup(path)
            try:
                os.unlink(path)
            except OSError as exc:
                if backup:
                    _unlink(backup)
                raise OutputError(path, exc.strerror or str(exc)) from None
            removed.append((path, backup or ""))
    except BaseException:
        for path, backup in reversed(removed):
            if backup:
                try:
                    os.replace(backup, path)
                except OSError:
                    pass
        for target, backup in reversed(done):
            try:
                if backup:
                    os.replace(backup, target)
                else:
                    os.unlink(target)
            except OSError:
                pass
        for tmp, _ in staged:
            _unlink(tmp)
        for directory in reversed(created_dirs):
            try:
                directory.rmdir()
            except OSError:
                pass
        raise
    for _, backup in done:
        if backup:
            _unlink(backup)
    for path, backup in removed:
        if backup:
            _unlink(backup)
        _remove_empty_parents(path.parent, root)


def lexical_where_missing(path: Path) -> Path:
    """``path`` with each ``x/..`` folded where ``x`` does not exist yet.

    ``mkdir -p site/../site2`` would create ``site`` only to climb out of it:
    a folder that does not exist has no ``..`` to follow, so its ``..`` is
    taken literally and nothing is created on the way.  Where ``x`` exists the
    file system decides (it may be a link).
    """
    parts = path.parts
    if ".." not in parts:
        return path
    out = Path(parts[0])
    for part in parts[1:]:
        if part == ".." and out.name not in ("", "..") and not os.path.lexists(out):
            out = out.parent
        else:
            out = out / part
    return out


def _settle_dotdot(root: Path, outputs):
    fixed = lexical_where_missing(root)
    if fixed == root:
        return root, outputs
    from types import SimpleNamespace

    moved = []
    for item in outputs:
        path = Path(item.path)
        try:
            inner = path.relative_to(root)
        except ValueError:
            moved.append(item)
            continue
        moved.append(SimpleNamespace(path=fixed / inner, data=item.data))
    return fixed, moved


def _make_parents(target: Path, root: Path | None, created: list[Path]) -> None:
    parent = target.parent
    missing = []
    while str(parent) and not parent.exists() and parent != parent.parent:
        missing.append(parent)
        parent = parent.parent
    for directory in reversed(missing):
        try:
            directory.mkdir()
        except FileExistsError:
            continue
        except OSError as exc:
            raise OutputError(directory, exc.strerror or str(exc), directory=True) from None
        created.append(directory)


def _backup(path: Path) -> str | None:
    """A hard link (or copy) of an existing ``path`` to restore it from; None if absent."""
    if not os.path.lexists(path):
        return None
    if os.path.isdir(path) and not os.path.islink(path):
        raise OutputError(path, os.strerror(21))  # EISDIR: a folder where a file belongs
    backup = path.with_name(f".{path.name[:100]}.{os.getpid()}.ideo-old")
    _unlink(backup)
    try:
        os.link(path, backup, follow_symlinks=False)
    except OSError:
        try:
            shutil.copy2(path, backup, follow_symlinks=False)
        except OSError as exc:
            raise OutputError(path, exc.strerror or str(exc)) from None
    return str(backup)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _stale_files(root: Path, outputs) -> list[Path]:
    """Files the previous manifest lists, the new one drops, and ideo still owns."""
    manifest_path = root / MANIFEST_NAME
    new_doc = next((item for item in outputs if Path(item.path) == manifest_path), None)
    if new_doc is None:
        return []
    try:
        old = read_manifest(root)
    except ManifestError:
        return []  # the command refuses an unreadable manifest before it gets here
    if old is None:
        return []
    new_files = set(json.loads(new_doc.data.decode("utf-8"))["files"])
    return [root / name for name, digest in sorted(old["files"].items()) if name not in new_files and owned_unchanged(root, name, digest)]


def _remove_empty_parents(directory: Path, root: Path | None) -> None:
    if root is None:
        return
    while directory != root and root in directory.parents:
        try:
            directory.rmdir()  # only succeeds when empty
        except OSError:
            return
        directory = directory.parent


# --------------------------------------------------------------------------- paths checked before use
#
# Every path that comes from a file (a ledger's evidence, its ``计划:``, a
# rubric's ``extends``) or an argument (``--pack``, ``-o``, ``--rubric``) is
# checked here before anything opens it: a NUL byte, an over-long name, a
# symlink loop, a link leaving its folder, a FIFO or a device is a reason (one
# of the constants below) the caller turns into a located finding — never an
# OSError, never a blocked read.

BAD_NAME, LOOP, OUTSIDE_ROOT, MISSING_PATH, NOT_REGULAR = "bad-name", "loop", "outside", "missing", "not-a-file"
NAME_MAX = 255  # bytes in one path component (ext4, APFS, NTFS)
PATH_MAX = 4096  # bytes in a whole path (Linux)


def name_problem(text: str) -> str | None:
    """BAD_NAME for a path no file system can hold: a NUL byte, a component over 255 bytes, over 4096 in all."""
    if "\x00" in text:
        return BAD_NAME
    try:
        encoded = os.fsencode(text)
    except (UnicodeError, ValueError):
        return BAD_NAME
    if len(encoded) > PATH_MAX or any(len(part) > NAME_MAX for part in encoded.replace(b"\\", b"/").split(b"/")):
        return BAD_NAME
    return None


def resolve_inside(root: Path | str, relative: str | Path) -> tuple[Path | None, str | None]:
    """(the resolved path, None) when ``root/relative`` stays inside ``root``, else (None, reason).

    Symlinks are followed (a link inside the folder to a file inside it is
    fine); a loop is LOOP, a link out of the folder OUTSIDE_ROOT.
    """
    problem = name_problem(str(relative))
    if problem:
        return None, problem
    try:
        base = _resolved_root(str(root))
        target = _resolve_under(str(root), str(relative))
    except RuntimeError:  # Python < 3.13: "Symlink loop from …"
        return None, LOOP
    except OSError as exc:
        return None, os_reason(exc)
    if target != base and base not in target.parents:
        return None, OUTSIDE_ROOT
    return target, None


_ROOTS: dict[str, Path] = {}


def _resolved_root(root: str) -> Path:
    """A unit folder resolved once per command (thousands of evidence paths share it)."""
    found = _ROOTS.get(root)
    if found is None:
        found = _ROOTS[root] = Path(root).resolve()
    return found


def _resolve_under(root: str, relative: str) -> Path:
    """``(root / relative).resolve()``, with the folder part resolved once for all its files.

    Thousands of evidence files share ``佐证/2026/``: its resolution is cached
    for the command, and each file costs one ``lstat`` unless it is a link.
    """
    folder, _, name = relative.replace("\\", "/").rpartition("/")
    if name in ("", ".", ".."):
        return (Path(root) / relative).resolve()
    parent = _resolved_root(os.path.join(root, folder) if folder else root)
    candidate = parent / name
    try:
        if not stat.S_ISLNK(os.lstat(candidate).st_mode):
            return candidate
    except FileNotFoundError:
        return candidate
    return candidate.resolve()


def regular_file_problem(path: Path | str) -> str | None:
    """None for an existing regular file (after symlinks); else MISSING_PATH, NOT_REGULAR, LOOP or BAD_NAME."""
    problem = name_problem(str(path))
    if problem:
        return problem
    try:
        info = os.stat(path)
    except OSError as exc:
        return os_reason(exc)
    except ValueError:
        return BAD_NAME
    return None if stat.S_ISREG(info.st_mode) else NOT_REGULAR


def os_reason(exc: OSError) -> str:
    import errno

    if exc.errno == errno.ELOOP:
        return LOOP
    if exc.errno in (errno.ENAMETOOLONG, errno.EINVAL):
        return BAD_NAME
    if exc.errno in (errno.ENOENT, errno.ENOTDIR):
        return MISSING_PATH
    return NOT_REGULAR


def open_regular(path: Path | str) -> int:
    """A read-only descriptor of a regular file; a FIFO or device is refused without blocking.

    Raises OSError (ENXIO for "not a regular file", ELOOP, ENAMETOOLONG …).
    """
    import errno

    if name_problem(str(path)):
        raise OSError(errno.EINVAL, os.strerror(errno.EINVAL), str(path).replace("\x00", "\\0"))
    # O_NONBLOCK: opening a FIFO with no writer returns at once instead of waiting for one
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(errno.ENXIO, os.strerror(errno.ENXIO), str(path))
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    return fd


def read_regular(path: Path | str, limit: int | None = None) -> bytes:
    """A regular file's bytes (at most ``limit``); raises OSError, never blocks on a FIFO."""
    fd = open_regular(path)
    with os.fdopen(fd, "rb") as handle:
        return handle.read() if limit is None else handle.read(limit)


def exists(path: Path | str) -> bool:
    """Whether anything (even a dangling link) is at ``path``; False for a name no file system holds — never raises."""
    return os.path.lexists(path)
