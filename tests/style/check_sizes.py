#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fails when a hand-written source or test file is over 800 lines or a function over 120 lines,
unless a comment just above the function says why it must be one piece ("one piece").

Functions are found the way the tree is formatted (.clang-format): a definition starts at
column 0, or at column 4 inside a class body, and ends at the first later line that is a
lone "}" at the same column. Tests are checked too; generated files are not.
"""
import pathlib
import re
import sys

MAX_FILE_LINES = 800
MAX_FUNCTION_LINES = 120
FOLDERS = ["core", "search", "app", "bench", "tests", "fuzz"]
SIGNATURE_START = re.compile(r"^( {4})?[A-Za-z_~]")
NOT_A_FUNCTION = re.compile(
    r"^\s*(namespace|struct|class|enum|union|extern|if|for|while|switch|else|do|catch|try|return)\b")


def is_definition(lines: list, number: int) -> bool:
    """A function's first line: a name and "(" at column 0 or 4, and its signature (on this
    line or up to five more) ends with "{" before any ";"."""
    line = lines[number]
    if not SIGNATURE_START.match(line) or NOT_A_FUNCTION.match(line):
        return False
    if "(" not in line or "=" in line.split("(")[0]:
        return False
    for follow in lines[number:number + 6]:
        code = follow.split("//")[0].rstrip()
        if code.endswith(";"):
            return False
        if code.endswith("{"):
            return ")" in code or follow is not line
    return False


def check(root: pathlib.Path) -> list:
    problems = []
    for folder in FOLDERS:
        for path in sorted((root / folder).rglob("*")):
            if path.suffix not in (".cpp", ".h") or "generated" in path.name:
                continue
            lines = path.read_text(encoding="utf-8").split("\n")
            shown = path.relative_to(root)
            if len(lines) > MAX_FILE_LINES:
                problems.append(f"{shown}: {len(lines)} lines (at most {MAX_FILE_LINES})")
            start = None
            indent = ""
            for number, line in enumerate(lines):
                if start is None:
                    if is_definition(lines, number):
                        start = number
                        indent = line[:len(line) - len(line.lstrip())]
                    continue
                if line == indent + "}":
                    length = number - start + 1
                    above = "\n".join(lines[max(0, start - 4):start])
                    if length > MAX_FUNCTION_LINES and "one piece" not in above:
                        name = lines[start].split("(")[0].split()[-1]
                        problems.append(f"{shown}:{start + 1}: {name} is {length} lines "
                                        f"(at most {MAX_FUNCTION_LINES})")
                    start = None
    return problems


def main() -> int:
    root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else ".").resolve()
    problems = check(root)
    for p in problems:
        print(p)
    print(f"{len(problems)} over the size limits")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
