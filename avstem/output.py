"""Writing output files safely: never over an input, always atomically."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from ledger.core.errors import InputError


def guard_outputs(outputs: dict[str, str | None], inputs: list[str | None]) -> None:
    """Refuse an output path that is an input file, a directory, a special file (or anything under
    /dev, /proc or /sys), a symbolic link, or whose folder does not exist.

    Raises :class:`InputError` (exit 2) before any work is done.
    """
    resolved_inputs = {_resolve(i, "input") for i in inputs if i}
    seen: dict[Path, str] = {}
    for option, path in outputs.items():
        if not path or path == "-":
            continue
        target = _resolve(path, option)
        if target in resolved_inputs:
            raise InputError(path, None, f"{option} would overwrite an input file; choose another name")
        if target in seen:
            raise InputError(path, None, f"{option} and {seen[target]} name the same file")
        seen[target] = option
        if target.is_dir():
            raise InputError(path, None, f"{option} names a directory, not a file")
        if _SYSTEM & {_top(Path(path).absolute()), _top(target)}:
            # /dev/stdout is a link to whatever standard output is: the rename would replace the link
            hint = " (for standard output: --json -)" if option == "--json" else ""
            raise InputError(path, None, f"{option} names a special file, not a regular file{hint}")
        if target.exists() and not target.is_file():
            # a device, a pipe or a socket: renaming a file over it would replace it
            raise InputError(path, None, f"{option} names a special file, not a regular file")
        if Path(path).is_symlink():
            # the rename replaces the link itself, not the file it points to; writing through a link is
            # how a shared folder is attacked: neither is what was asked
            raise InputError(path, None, f"{option} names a symbolic link; give the path of the file itself")
        if not target.parent.is_dir():
            raise InputError(path, None, f"{option}: the folder {target.parent} does not exist")


_SYSTEM = {"dev", "proc", "sys"}


def _top(path: Path) -> str:
    """The first folder of an absolute path (``dev`` for ``/dev/stdout``)."""
    return path.parts[1] if len(path.parts) > 1 else ""


def _resolve(path: str, what: str) -> Path:
    try:
        return Path(path).resolve()
    except (ValueError, OSError) as exc:  # an embedded NUL, a symlink loop
        raise InputError(path.replace("\0", "\\0"), None, f"{what}: not a usable path ({exc})") from None


def write_atomic(path: str, data: bytes) -> None:
    """Write to a temporary file beside ``path`` and rename it into place.

    A reader never sees a half-written file, and a failed run leaves any
    previous file untouched.
    """
    target = Path(path)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise InputError(path, None, f"cannot write here: {exc.strerror or exc}") from None
    try:
        os.fchmod(fd, _mode(target))  # mkstemp makes it private (0600); the output is an ordinary file
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        if isinstance(exc, OSError):
            raise InputError(path, None, f"cannot write the file: {exc.strerror or exc}") from None
        raise


def _mode(target: Path) -> int:
    """The mode of the file being replaced, or what the umask gives a new file."""
    try:
        return target.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
