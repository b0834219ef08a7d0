"""The package installs as an application: the wheel carries styles and data, and an entry point."""

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_wheel_has_styles_data_and_console_script(tmp_path):
    # Built from a copy: building in place would leave build/ and *.egg-info in the checkout.
    source = tmp_path / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, source / name)
    shutil.copytree(ROOT / "supervisor_tui", source / "supervisor_tui",
                    ignore=shutil.ignore_patterns("__pycache__"))
    before = sorted(p.name for p in ROOT.iterdir())
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q",
         "-w", str(tmp_path / "dist"), str(source)],
        check=True, capture_output=True, timeout=300,
    )
    assert sorted(p.name for p in ROOT.iterdir()) == before  # nothing written into the checkout
    (wheel,) = (tmp_path / "dist").glob("supervisor_tui-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    packaged = {n for n in names if n.startswith("supervisor_tui/")}
    in_tree = {
        str(p.relative_to(ROOT))
        for p in (ROOT / "supervisor_tui").rglob("*")
        if p.suffix in {".tcss", ".toml"} and "__pycache__" not in p.parts
    }
    assert in_tree and in_tree <= packaged
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    text = zipfile.ZipFile(wheel).read(entry_points).decode()
    assert "supervisor-tui = supervisor_tui.cli:main" in text
