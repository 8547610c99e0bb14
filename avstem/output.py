"""Writing output files safely: never over anything avstem reads, all of them or none, atomically.

:func:`guard_outputs` runs before any work is done and refuses every output
path that could not, or must not, be written: one that is an input (by its
path, through a symbolic link, or as a hard link to the same file), a file
of avstem's own installation (the default kontoplan, the rule parameters,
its code), a directory, a special file, a link, a name too long for the
file system, a folder that is missing or not writable.

:func:`write_all` then writes every output to a temporary file beside its
target and renames them into place only when all are written: a run writes
all its outputs or none. ``SIGTERM`` and ``SIGHUP`` (see
:func:`signals_as_exceptions`) end the run as ``Ctrl-C`` does, through the
same clean-up, so no temporary file is left behind; one that arrives while
the renames are under way waits until they are done.
"""

from __future__ import annotations

import os
import signal
import tempfile
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from ledger.core.errors import InputError
from ledger.guards.input_file import printable
from ledger.vocabulary.labels import Msg, msg

#: The temporary file's name beside the target: short, so that it fits wherever the target's own name fits.
_TEMP_PREFIX, _TEMP_SUFFIX = ".avstem-", ".tmp"
_NAME_MAX, _PATH_MAX = 255, 4096  # where the file system does not say


class Terminated(BaseException):
    """``SIGTERM`` or ``SIGHUP``: the run ends, cleaning up as for ``KeyboardInterrupt``."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


_committing = False  # the renames are under way: a signal waits for them
_pending: list[int] = []


def _handler(signum: int, frame) -> None:
    if _committing:
        _pending.append(signum)
    else:
        raise Terminated(signum)


@contextmanager
def signals_as_exceptions() -> Iterator[None]:
    """While inside, ``SIGTERM`` and ``SIGHUP`` raise :class:`Terminated` in the main thread (elsewhere, or where a
    handler cannot be set, nothing changes)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {}
    for signum in (signal.SIGTERM, signal.SIGHUP):
        try:
            previous[signum] = signal.signal(signum, _handler)
        except (OSError, ValueError):  # pragma: no cover - a platform without the signal
            pass
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def installation() -> tuple[Path, ...]:
    """The folders of avstem's own packages: their code and data are read on every run."""
    import avstem
    import ledger
    import reports
    import rules

    return tuple(Path(module.__file__).resolve().parent for module in (avstem, ledger, rules, reports))


def guard_outputs(outputs: dict[str, str | None], inputs: list[str | None]) -> None:
    """Refuse, before any work is done, every output path that is an input file (by path, link or hard link), a
    file of avstem's installation, a directory, a special file (or anything under /dev, /proc or /sys), a
    symbolic link, a name too long for the file system, or whose folder is missing or not writable.

    Raises :class:`InputError` (exit 2).
    """
    given = [i for i in inputs if i]
    resolved_inputs = {_resolve(i, msg("input.output.an_input")) for i in given}
    identities = {_identity(i) for i in given} - {None}
    packages = installation()
    seen: dict[Path, str] = {}
    seen_ids: dict[tuple[int, int], str] = {}
    for option, path in outputs.items():
        if not path or path == "-":
            continue
        _check_length(path, option)
        target = _resolve(path, option)
        if target in resolved_inputs or (_identity(path) in identities and _identity(path) is not None):
            raise InputError(path, None, msg("input.output.overwrites_input", option=option))
        if any(target == p or p in target.parents for p in packages):
            raise InputError(path, None, msg("input.output.installation", option=option))
        if target in seen or seen_ids.get(_identity(path)):
            raise InputError(path, None, msg("input.output.same_file", option=option,
                                             other=seen.get(target) or seen_ids[_identity(path)]))
        seen[target] = option
        if _identity(path) is not None:
            seen_ids[_identity(path)] = option
        if target.is_dir():
            raise InputError(path, None, msg("input.output.directory", option=option))
        if _SYSTEM & {_top(Path(path).absolute()), _top(target)}:
            # /dev/stdout is a link to whatever standard output is: the rename would replace the link
            raise InputError(path, None, msg("input.output.special_json" if option == "--json" else "input.output.special",
                                             option=option))
        if target.exists() and not target.is_file():
            # a device, a pipe or a socket: renaming a file over it would replace it
            raise InputError(path, None, msg("input.output.special", option=option))
        if Path(path).is_symlink():
            # the rename replaces the link itself, not the file it points to; writing through a link is
            # how a shared folder is attacked: neither is what was asked
            raise InputError(path, None, msg("input.output.symlink", option=option))
        if not target.parent.is_dir():
            raise InputError(path, None, msg("input.output.no_folder", option=option, folder=str(target.parent)))
        if not os.access(target.parent, os.W_OK | os.X_OK):
            raise InputError(path, None, msg("input.output.folder_not_writable", option=option,
                                             folder=str(target.parent)))


_SYSTEM = {"dev", "proc", "sys"}


def _top(path: Path) -> str:
    """The first folder of an absolute path (``dev`` for ``/dev/stdout``)."""
    return path.parts[1] if len(path.parts) > 1 else ""


def _resolve(path: str, what: "str | Msg") -> Path:
    try:
        return Path(path).resolve()
    except (ValueError, OSError) as exc:  # an embedded NUL, a symlink loop
        raise InputError(printable(path), None, msg("input.output.unusable_path", what=what, detail=str(exc))) from None


def _identity(path: str) -> tuple[int, int] | None:
    """(device, inode) of an existing file, through links: a hard link to an input is that input."""
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return None
    return st.st_dev, st.st_ino


def _check_length(path: str, option: str) -> None:
    """Refuse a name the file system cannot hold, before the run rather than after it."""
    try:
        raw = os.fsencode(path)
    except (UnicodeError, ValueError):
        raise InputError(printable(path), None, msg("input.output.unusable", option=option)) from None
    if b"\0" in raw:
        raise InputError(printable(path), None, msg("input.output.nul", option=option))
    folder = Path(path).absolute().parent
    while not _is_dir(folder) and folder != folder.parent:
        folder = folder.parent
    name_max = _pathconf(folder, "PC_NAME_MAX", _NAME_MAX)
    path_max = _pathconf(folder, "PC_PATH_MAX", _PATH_MAX)
    for part in Path(os.fsdecode(raw)).parts:
        if len(os.fsencode(part)) > name_max:
            raise InputError(path, None, msg("input.output.name_too_long", option=option, part=_short(part),
                                             size=len(os.fsencode(part)), limit=name_max))
    if len(os.fsencode(os.path.abspath(path))) >= path_max:
        raise InputError(path, None, msg("input.output.path_too_long", option=option, limit=path_max))


def _is_dir(path: Path) -> bool:
    """Whether ``path`` is a folder; False for a path the system cannot look up (too long, a loop of links)."""
    try:
        return path.is_dir()
    except (OSError, ValueError):
        return False


def _short(name: str) -> str:
    return repr(name if len(name) <= 40 else name[:20] + "…" + name[-12:])


def _pathconf(folder: Path, name: str, default: int) -> int:
    try:
        value = os.pathconf(folder, name)
    except (OSError, ValueError):
        return default
    return value if value and value > 0 else default


def write_all(files: dict[str, bytes]) -> None:
    """Write every file, or none: each to a temporary file beside its target first, then all renamed into place.

    A failure while the temporary files are written removes them all and leaves every target as it was. A
    rename that fails (the folder changed under the run) puts back what the renames before it replaced.
    """
    global _committing
    staged: list[tuple[str, str]] = []  # (temporary file, target)
    renamed: list[tuple[str, str | None, bool]] = []  # (target, a hard link to what it held, whether it existed)
    current = next(iter(files), "")
    try:
        for current, data in files.items():
            _stage(current, data, staged)
        _committing = True
        for tmp, current in staged:
            existed = os.path.isfile(current)
            backup = _keep(current) if existed else None
            os.replace(tmp, current)
            renamed.append((current, backup, existed))
    except BaseException as exc:
        _committing = False
        for tmp, _ in staged:
            _remove(tmp)
        for path, backup, existed in reversed(renamed):
            if backup is not None:
                os.replace(backup, path)
            elif not existed:
                _remove(path)
        if isinstance(exc, OSError):
            raise InputError(current, None, msg("input.output.cannot_write", detail=exc.strerror or str(exc))) from None
        raise
    finally:
        _committing = False
        for _, backup, _ in renamed:
            if backup is not None:
                _remove(backup)
    if _pending:
        raise Terminated(_pending.pop())


def write_atomic(path: str, data: bytes) -> None:
    """One output, atomically (see :func:`write_all`)."""
    write_all({path: data})


def _stage(path: str, data: bytes, staged: list[tuple[str, str]]) -> None:
    """``data`` in a new temporary file beside ``path``, flushed to disk; (its name, ``path``) is added to ``staged``
    as soon as the file exists (the signals that end a run are held until it is), so that a signal at any moment
    finds it to remove."""
    target = Path(path)
    with _signals_held():
        try:
            fd, tmp = tempfile.mkstemp(prefix=_TEMP_PREFIX, suffix=_TEMP_SUFFIX, dir=target.parent)
        except OSError as exc:
            raise InputError(path, None, msg("input.output.cannot_write_here", detail=exc.strerror or str(exc))) from None
        staged.append((tmp, path))
    with os.fdopen(fd, "wb") as fh:
        os.fchmod(fd, _mode(target))  # mkstemp makes it private (0600); the output is an ordinary file
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())


@contextmanager
def _signals_held() -> Iterator[None]:
    """``SIGTERM``, ``SIGHUP`` and ``SIGINT`` held back while inside (in the main thread; delivered on leaving)."""
    held = {signal.SIGTERM, signal.SIGHUP, signal.SIGINT}
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "pthread_sigmask"):
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _keep(path: str) -> str | None:
    """A hard link to the file ``path`` holds now, so that a later failed rename can put it back (None: the file
    system has no hard links; the rename still replaces the file atomically)."""
    folder = os.path.dirname(os.path.abspath(path))
    for _ in range(5):
        backup = os.path.join(folder, f"{_TEMP_PREFIX}{os.urandom(6).hex()}.old")
        try:
            os.link(path, backup)
            return backup
        except FileExistsError:
            continue
        except OSError:
            return None
    return None


def _remove(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def _mode(target: Path) -> int:
    """The mode of the file being replaced, or what the umask gives a new file."""
    try:
        return target.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
