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

_KINDS = ((stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"))


def printable(path: str) -> str:
    """A path as an error message can show it (an embedded NUL as ``\\0``)."""
    return str(path).replace("\0", "\\0")


def regular_file(path: str | os.PathLike, *, folder_word: str = "a directory, not a file") -> os.stat_result:
    """The ``stat`` of ``path`` if it is a regular file avstem may read; else :class:`InputError`."""
    shown = printable(os.fspath(path))
    try:
        st = os.stat(path)
    except ValueError:  # an embedded NUL byte
        raise InputError(shown, None, "not a usable path (it holds a NUL byte)") from None
    except FileNotFoundError:
        why = "no such file"
        if os.path.islink(path):
            why = f"a symbolic link to {printable(os.readlink(path))}, which does not exist"
        raise InputError(shown, None, why) from None
    except PermissionError:
        raise InputError(shown, None, "permission denied: a folder on the way to the file is not open to you "
                                      "(ask for read access, or copy the file somewhere you can read)") from None
    except OSError as exc:
        raise input_error(shown, exc) from None
    if stat.S_ISDIR(st.st_mode):
        raise InputError(shown, None, f"is {folder_word}")
    for test, kind in _KINDS:
        if test(st.st_mode):
            raise InputError(shown, None, f"is {kind}, not a regular file; avstem reads only files (it was not "
                                          "opened: reading it could wait forever or never end)")
    if not stat.S_ISREG(st.st_mode):
        raise InputError(shown, None, "is not a regular file; avstem reads only files")
    if not os.access(path, os.R_OK):
        raise InputError(shown, None, "permission denied: the file is not readable for you (ask for read "
                                      "access, or copy it somewhere you can read it)")
    return st


def input_error(path: str, exc: OSError) -> InputError:
    """The one line for an OS error met while reading ``path``."""
    if exc.errno == errno.ENAMETOOLONG:
        return InputError(path, None, "the file name is too long for the file system")
    if exc.errno == errno.ELOOP:
        return InputError(path, None, "a loop of symbolic links")
    if exc.errno in (errno.EACCES, errno.EPERM):
        return InputError(path, None, "permission denied: the file is not readable for you")
    if exc.errno == errno.ENOTDIR:
        return InputError(path, None, "no such file (a part of the path is a file, not a folder)")
    return InputError(path, None, f"cannot read the file: {exc.strerror or exc}")
