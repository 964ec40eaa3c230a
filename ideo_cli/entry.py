"""Console entry point.

``ideo --version`` answers before typer, rich or pydantic are imported, and
the common ``ideo check FILES… [options]`` is parsed without typer
(``ideo_cli/cli/fast.py``; set IDEO_NO_FAST_PATH=1 to force typer), so
start-up stays as fast as the lightest linters.  Everything else goes to the
typer app; an unexpected exception becomes a one-line message and exit 2,
never a traceback (set IDEO_DEBUG=1 to see it).
"""
from __future__ import annotations

import os
import sys

from ideo_cli import __version__


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args in (["--version"], ["-V"], ["version"]):
        sys.stdout.write(f"ideo {__version__}\n")
        return 0
    try:
        if args[:1] == ["check"] and not os.environ.get("IDEO_NO_FAST_PATH"):
            # imported here: start-up (`ideo --version` and the typer-free check path must not load cli.fast)
            from ideo_cli.cli.fast import parse_check, run_check

            parsed = parse_check(args)
            if parsed is not None:  # None: typer parses (help, errors, rare spellings)
                return run_check(parsed)
        # imported here: start-up (`ideo --version` and the typer-free check path must not load cli.app)
        from ideo_cli.cli.app import app

        app(args=args, prog_name="ideo", standalone_mode=True)
    except SystemExit as exc:  # typer/click always ends this way
        code = exc.code
        return code if isinstance(code, int) else (0 if code is None else 2)
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # pragma: no cover - exercised by a test that injects a failure
        if os.environ.get("IDEO_DEBUG"):
            raise
        sys.stderr.write(f"ideo: 内部错误 / internal error: {type(exc).__name__}: {exc}\n")
        return 2
    return 0


def run() -> None:
    # A short-lived CLI that keeps every loaded plan (node graph, data, model)
    # alive: with CPython's default thresholds (700, 10, 10) the cyclic GC
    # re-scans that growing heap over and over (2.5x the load time at 1,000
    # plans).  Fewer, larger young collections; cycles are still collected.
    import gc

    gc.set_threshold(100_000, 50, 100)
    sys.exit(main())


if __name__ == "__main__":
    run()
