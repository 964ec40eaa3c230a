"""A CommandResult turned into what the process emits: files written, stdout, stderr, exit code.

No typer here, so the fast path for `ideo check` (cli/fast.py) and the typer
commands (cli/common.finish) emit a result the same way, byte for byte.
"""
from __future__ import annotations

import sys

from ideo_cli.app.result import CommandResult
from ideo_cli.i18n import msg, t


def encode_text(text: str, stream) -> bytes:
    """``text`` as ``stream.write`` would put it on the wire."""
    return text.encode(getattr(stream, "encoding", None) or "utf-8", getattr(stream, "errors", None) or "strict")


def emit(result: CommandResult, lang: str) -> tuple[int, bytes, bytes]:
    """Write the result's outputs (all or none); (exit code, stdout bytes, stderr bytes)."""
    if result.outputs:
        # imported here: start-up (a cached `ideo check` answer must not load fsutil)
        from ideo_cli.fsutil import OutputError, write_set

        try:
            write_set(result.outputs, result.output_dir, replace_documents=result.replace_documents)
        except OutputError as exc:
            message = exc.message or msg("cli.cannot-create-dir" if exc.directory else "cli.cannot-write", path=exc.path, reason=exc.reason)
            return 2, b"", encode_text(f"ideo: {t(message, lang)}\n", sys.stderr)
    out = result.stdout + encode_text("".join(t(note, lang) + "\n" for note in result.notes), sys.stdout)
    err = result.stderr + encode_text("".join(f"ideo: {t(error, lang)}\n" for error in result.errors), sys.stderr)
    return result.exit_code, out, err


def write_streams(out: bytes, err: bytes) -> None:
    if out:
        sys.stdout.flush()
        sys.stdout.buffer.write(out)
        sys.stdout.flush()
    if err:
        sys.stderr.flush()
        sys.stderr.buffer.write(err)
        sys.stderr.flush()
