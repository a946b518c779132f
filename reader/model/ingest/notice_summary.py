"""One readable summary of many notices, for the app's notification.

A folder of 10,000 files with a few bad ones must not give ten thousand toasts, nor one that
says only "5 file(s) skipped; first: ...". The summary counts the files that were not read,
names the first few with their reasons, and says where the full list is.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from reader.model.ingest.files import Notice

SHOWN = 4  # notices named in full; the rest are counted


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def summarise(
    notices: Sequence[Notice], read_paths: Iterable[str] | None = None, shown: int = SHOWN
) -> tuple[str, str]:
    """(title, body): "5 files skipped", then one line per notice for the first `shown`.

    With `read_paths` (the files that loaded), a notice about any other path is a skipped file;
    one about a loaded file (its sidecar was ignored, say) is just a notice.
    """
    if read_paths is None:
        title = _plural(len(notices), "notice")
    else:
        read = set(read_paths)
        skipped = len({n.path for n in notices if n.path not in read})
        others = sum(1 for n in notices if n.path in read)
        parts = [f"{_plural(skipped, 'file')} skipped"] if skipped else []
        if others:
            parts.append(_plural(others, "other notice" if skipped else "notice"))
        title = " · ".join(parts)
    lines = [str(n) for n in notices[:shown]]
    if len(notices) > shown:
        lines.append(
            f"… and {len(notices) - shown:,} more; the command line lists every one on stderr "
            "(reader articles PATH ...)"
        )
    return title, "\n".join(lines)
