"""The ``chengyu`` command: ``chengyu check [DATA_DIR]`` validates the data package and study.yml."""

from __future__ import annotations

import argparse
import sys

from chengyu import data, study


def check(directory) -> list[str]:
    """Every problem of the package's files, then (once they are valid) of its ``study.yml``."""
    return data.validate(directory) or study.problems(directory)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="chengyu", description="Tools for the Chengyu Book's data package."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    check_parser = commands.add_parser(
        "check",
        help="validate the data package and study.yml; exit 1 and list the problems if invalid",
    )
    check_parser.add_argument(
        "directory",
        nargs="?",
        default=None,
        help="the data package directory (default: the book's data/)",
    )
    args = parser.parse_args(argv)

    try:
        directory = args.directory or data.data_dir()
    except data.DataError as exc:
        print(*exc.problems, sep="\n")
        return 1
    problems = check(directory)
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} problem(s) in {directory}", file=sys.stderr)
        return 1
    print(f"{directory}: valid")
    return 0


if __name__ == "__main__":
    sys.exit(main())
