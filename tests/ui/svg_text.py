"""A snapshot's screen as plain text, to review a changed snapshot by eye in a terminal:
`python -m tests.ui.svg_text tests/ui/__snapshots__/…/name.svg [...]`."""

from __future__ import annotations

import html
import re
import sys

CELL = 12.2
"""Width of one terminal cell in Textual's SVG export."""
TEXT = re.compile(r'<text class="[^"]*" x="([\d.]+)" y="[\d.]+" textLength="[\d.]+" '
                  r'clip-path="url\(#[^)]*-line-(\d+)\)">(.*?)</text>')


def screen_text(svg: str) -> str:
    lines: dict[int, list[tuple[float, str]]] = {}
    for match in TEXT.finditer(svg):
        x, line = float(match.group(1)), int(match.group(2))
        lines.setdefault(line, []).append((x, html.unescape(match.group(3))))
    rows = []
    for line in sorted(lines):
        row = ""
        for x, text in sorted(lines[line]):
            row = row.ljust(round(x / CELL)) + text
        rows.append(row.replace("\xa0", " ").rstrip())
    return "\n".join(rows)


def main(paths: list[str]) -> None:
    for path in paths:
        with open(path, encoding="utf-8") as svg:
            print(f"== {path}\n{screen_text(svg.read())}")


if __name__ == "__main__":
    main(sys.argv[1:])
