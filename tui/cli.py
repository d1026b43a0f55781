"""The ``ruydad`` command: ``ruydad extract ...`` prints, ``ruydad index ...``
builds an archive, ``ruydad serve ...`` serves the app to a browser, anything
else opens the app.

Heavy modules (Textual, Rich) are imported only by the branch that needs them,
so ``ruydad extract`` starts fast.
"""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args and args[0] in ("extract", "index"):
        try:
            if args[0] == "extract":
                from tui.extract_command import run_extract as run
            else:
                from tui.index_command import run_index as run
        except KeyboardInterrupt:  # Ctrl-C while starting: as quiet as later on
            print("ruydad: interrupted", file=sys.stderr)
            return 130
        return run(args[1:])
    if args and args[0] == "serve":
        from tui.serve_command import run_serve

        return run_serve(args[1:])
    from tui.app_command import run_app

    return run_app(args)


if __name__ == "__main__":
    sys.exit(main())
