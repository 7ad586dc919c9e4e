"""Write stage: stage the whole site beside the output folder, then swap it in atomically.

The output folder is never seen missing, empty or half-written. On Linux the swap is one
`renameat2(RENAME_EXCHANGE)` call; where that is missing (other systems, some file systems) the
fallback is two renames, which leaves a moment in which the folder is missing, never mixed.
Unchanged files are hard-linked from the current output instead of copied. A build stages its
site (`stage_site`) as soon as the pages are rendered, so that Pagefind indexes the complete
staging folder while the links are checked, and swaps it in (`swap_staged`) only if the index
is complete and the whole build found no error; otherwise the staged site is deleted
(`discard_staged`).

Making and removing a folder per page costs far more than the files in it (about 0.2 ms and
0.6 ms each on ext4, against 0.01 ms to unlink a file), so a build may keep the tree it swapped
out as a `spare` and stage the next build in it: only the files that differ are replaced (by a
new file renamed over the old, never written into, since the spare's unchanged files are hard
links to the live output), and what the new site lacks is deleted. A spare is claimed by one
atomic rename, so two builds at once never share one.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import os
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..diagnostics import Diagnostic, error
from ..model import OutputFile

#: A file in every output folder psoasguide wrote; only such folders are ever replaced.
MARKER = ".psoasguide-output"
_MARKER_TEXT = "written by psoasguide; the folder is replaced on each build\n"
_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def check_target(out: Path) -> Diagnostic | None:
    """Refuse to replace anything but an empty folder or an earlier psoasguide output."""
    if out.is_symlink() or (out.exists() and not out.is_dir()):
        return error(str(out), 1, 1, "output-not-ours", f"{out} exists and is not a folder",
                     "choose another --out")
    if out.is_dir() and not (out / MARKER).exists() and any(out.iterdir()):
        return error(str(out), 1, 1, "output-not-ours",
                     f"{out} is not empty and was not written by psoasguide; not replacing it",
                     "empty it, delete it, or choose another --out")
    return None


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths with renameat2; False when the system cannot."""
    libc = ctypes.CDLL(None, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(b))


def swap_in(stage: Path, out: Path) -> None:
    """Make `stage` the output folder; the previous output ends up at `stage`, to delete."""
    if not out.exists():
        os.rename(stage, out)
        return
    if _exchange(stage, out):
        return
    old = stage.with_name(stage.name + ".old")
    os.rename(out, old)
    os.rename(stage, out)
    os.rename(old, stage)


def _stale_stages(out: Path) -> list[Path]:
    """Staging folders left by builds that were killed (their process is gone)."""
    stale = []
    for path in out.parent.glob(f".{out.name}.staging-*"):
        pid = path.name.rsplit("-", 1)[-1].split(".")[0]
        alive = False
        if pid.isdigit() and int(pid) != os.getpid():
            with contextlib.suppress(OSError):
                os.kill(int(pid), 0)
                alive = True
        if not alive:
            stale.append(path)
    return stale


def _holds(path: str, data: bytes) -> bool:
    """True when the file at `path` has exactly the bytes `data` (False when it is missing)."""
    try:
        if os.stat(path).st_size != len(data):
            return False
        with open(path, "rb") as file:
            return file.read() == data
    except OSError:
        return False


def _stage_files(files: Sequence[OutputFile], stage: Path, out: Path) -> None:
    made: set[str] = set()
    for file in files:
        folder, _, _ = file.path.rpartition("/")
        if folder not in made:
            os.makedirs(os.path.join(stage, folder), exist_ok=True)
            made.add(folder)
        target, current = os.path.join(stage, file.path), os.path.join(out, file.path)
        if _holds(current, file.data):
            os.link(current, target)
        else:
            with open(target, "wb") as new:
                new.write(file.data)
    (stage / MARKER).write_text(_MARKER_TEXT)


def _refresh(files: Sequence[OutputFile], stage: Path) -> None:
    """Make the tree at `stage` (a spare) hold exactly `files`, touching only what differs."""
    wanted = {file.path for file in files}
    emptied: set[str] = set()
    for path in _tree(str(stage)):
        if path not in wanted:
            os.unlink(os.path.join(stage, path))
            emptied.add(path.rpartition("/")[0])
    for folder in sorted(emptied, key=len, reverse=True):  # deepest first
        while folder:
            try:
                os.rmdir(os.path.join(stage, folder))
            except OSError:  # not empty: it still holds pages
                break
            folder = folder.rpartition("/")[0]
    for file in files:
        target = os.path.join(stage, file.path)
        if _holds(target, file.data):
            continue
        os.makedirs(os.path.dirname(target), exist_ok=True)
        temp = f"{target}.new-{os.getpid()}"
        with open(temp, "wb") as new:
            new.write(file.data)
        os.replace(temp, target)  # a new file: the old one may be the live output's too


def _tree(folder: str, prefix: str = "") -> list[str]:
    """The path of every file under `folder`, relative to it."""
    found: list[str] = []
    for entry in os.scandir(folder):
        if entry.is_dir(follow_symlinks=False):
            found += _tree(entry.path, f"{prefix}{entry.name}/")
        else:
            found.append(prefix + entry.name)
    return found


def _stage(files: Sequence[OutputFile], stage: Path, out: Path, spare: Path | None) -> None:
    """Fill the staging folder: the spare brought up to date when there is one, else new."""
    if spare is not None:
        try:
            os.rename(spare, stage)
        except OSError:
            pass  # none, or another build took it
        else:
            try:
                _refresh(files, stage)
                (stage / MARKER).write_text(_MARKER_TEXT)
                return
            except OSError:
                shutil.rmtree(stage, ignore_errors=True)
    stage.mkdir()
    _stage_files(files, stage, out)


def _keep_or_delete(old: Path, spare: Path | None) -> None:
    """The swapped-out tree becomes the next build's spare, or is deleted."""
    if spare is not None:
        try:
            spare.parent.mkdir(parents=True, exist_ok=True)
            os.rename(old, spare)
            return
        except OSError:
            pass  # another build kept its own first, or another file system
    shutil.rmtree(old, ignore_errors=True)


@dataclass(frozen=True)
class Staged:
    """A complete site in its staging folder beside the output folder, not yet swapped in."""

    folder: Path
    #: the output folder (absolute) it is to replace
    out: Path
    #: where the tree it swaps out is kept for the next build (see above), if anywhere
    spare: Path | None = None


def stage_site(files: Sequence[OutputFile], out: Path, spare: Path | None = None
               ) -> Staged | list[Diagnostic]:
    """Write exactly `files` into a staging folder beside `out`, touching nothing of `out`
    itself; problems instead if `out` is not ours or the files cannot be written (nothing is
    then left behind). Staging folders of killed builds are deleted first."""
    out = out.absolute()
    problem = check_target(out)
    if problem:
        return [problem]
    stage = out.with_name(f".{out.name}.staging-{os.getpid()}")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        for stale in _stale_stages(out):
            shutil.rmtree(stale, ignore_errors=True)
        shutil.rmtree(stage, ignore_errors=True)
        _stage(files, stage, out, spare)
    except OSError as exc:
        shutil.rmtree(stage, ignore_errors=True)
        return [_failed(out, exc)]
    except BaseException:  # interrupted: no half-staged folder is left
        shutil.rmtree(stage, ignore_errors=True)
        raise
    return Staged(stage, out, spare)


def swap_staged(staged: Staged) -> list[Diagnostic]:
    """Swap the staged site in for the output folder; the old tree becomes the spare or is
    deleted."""
    try:
        swap_in(staged.folder, staged.out)
        _keep_or_delete(staged.folder, staged.spare)
    except OSError as exc:  # a folder left half-swapped is a stale staging folder next time
        return [_failed(staged.out, exc)]
    return []


def discard_staged(staged: Staged) -> None:
    """Delete a staged site that is not to be published."""
    shutil.rmtree(staged.folder, ignore_errors=True)


def _failed(out: Path, exc: OSError) -> Diagnostic:
    return error(str(out), 1, 1, "output-failed", f"cannot write the site: {exc}")
