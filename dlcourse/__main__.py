"""Command line: ``dlcourse doctor``, ``dlcourse student [SRC] [-o DEST] [--force | --reset NN]``,
``dlcourse progress``, ``dlcourse run-notebooks``.

Also available as ``python -m dlcourse ...``.
"""

from __future__ import annotations

import sys

COMMANDS = {
    "doctor": ("dlcourse.course.doctor", "check this machine is ready for the course"),
    "student": (
        "dlcourse.course.student",
        "write missing student editions (no solutions); never overwrites a changed one",
    ),
    "run-notebooks": ("dlcourse.course.runner", "re-execute notebooks in place in fresh kernels"),
    "site": ("dlcourse.course.site", "build _site/: the course as web pages and a browser edition"),
    "progress": ("dlcourse.course.progress", "show which exercises have passed on this machine"),
    "mistakes": ("dlcourse.course.mistakes", "print the mistake catalogue (docs/mistakes.md)"),
}


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] in ("-h", "--help") or argv[0] not in COMMANDS:
        print("usage: dlcourse {" + ",".join(COMMANDS) + "} [options]\n")
        for name, (_, text) in COMMANDS.items():
            print(f"  {name:<14} {text}")
        if argv and argv[0] not in ("-h", "--help"):
            print(f"\nunknown command {argv[0]!r}")
            return 2
        return 0
    import importlib

    module = importlib.import_module(COMMANDS[argv[0]][0])
    return module.main(argv[1:])


if __name__ == "__main__":
    sys.exit(main())
