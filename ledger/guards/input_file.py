"""Every file avstem reads is looked at here, by its ``stat``, before anything opens it.

A named pipe blocks ``open()`` until some other program writes to it (so a
run given one hung), a device such as ``/dev/zero`` or ``/dev/urandom`` never
ends, a socket cannot be read at all: anything that is not a regular file is
refused unopened, through a symbolic link too. A file or a folder on the way
that the user may not read, a name longer than the file system allows, a
loop of links: each is one line naming the file (exit 2), not a traceback.
"""

from __future__ import annotations

import errno
import os
import stat

from ledger.core.errors import InputError
from ledger.vocabulary.labels import Msg, msg

_KINDS = ((stat.S_ISFIFO, msg("input.file.kind.fifo")), (stat.S_ISCHR, msg("input.file.kind.character_device")),
          (stat.S_ISBLK, msg("input.file.kind.block_device")), (stat.S_ISSOCK, msg("input.file.kind.socket")))


def printable(path: str) -> str:
    """A path as an error message can show it (an embedded NUL as ``\\0``)."""
    return str(path).replace("\0", "\\0")


def regular_file(path: str | os.PathLike, *, directory: Msg | None = None) -> os.stat_result:
    """The ``stat`` of ``path`` if it is a regular file avstem may read; else :class:`InputError`. ``directory``:
    what to say when it is a folder (default «is a directory, not a file»)."""
    shown = printable(os.fspath(path))
    try:
        st = os.stat(path)
    except ValueError:  # an embedded NUL byte
        raise InputError(shown, None, msg("input.file.nul")) from None
    except FileNotFoundError:
        why = msg("input.file.missing")
        if os.path.islink(path):
            why = msg("input.file.broken_link", target=printable(os.readlink(path)))
        raise InputError(shown, None, why) from None
    except PermissionError:
        raise InputError(shown, None, msg("input.file.folder_denied")) from None
    except OSError as exc:
        raise input_error(shown, exc) from None
    if stat.S_ISDIR(st.st_mode):
        raise InputError(shown, None, directory or msg("input.file.directory"))
    for test, kind in _KINDS:
        if test(st.st_mode):
            raise InputError(shown, None, msg("input.file.special", kind=kind))
    if not stat.S_ISREG(st.st_mode):
        raise InputError(shown, None, msg("input.file.not_regular"))
    if not os.access(path, os.R_OK):
        raise InputError(shown, None, msg("input.file.not_readable"))
    return st


def input_error(path: str, exc: OSError) -> InputError:
    """The one line for an OS error met while reading ``path``."""
    if exc.errno == errno.ENAMETOOLONG:
        return InputError(path, None, msg("input.file.name_too_long"))
    if exc.errno == errno.ELOOP:
        return InputError(path, None, msg("input.file.link_loop"))
    if exc.errno in (errno.EACCES, errno.EPERM):
        return InputError(path, None, msg("input.file.denied"))
    if exc.errno == errno.ENOTDIR:
        return InputError(path, None, msg("input.file.not_a_folder"))
    return InputError(path, None, msg("input.file.os_error", detail=exc.strerror or str(exc)))
