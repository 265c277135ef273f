"""The conda environment and the pip install must not drift apart."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_environment_yml_pins_the_same_dependencies() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = set(project["dependencies"]) | set(project["optional-dependencies"]["notebooks"])
    listed = set(
        re.findall(r"^\s+- ([\w\-\[\]]+==[\w.]+)\s*$", (ROOT / "environment.yml").read_text(), re.M)
    )
    assert listed == wanted


def test_the_tokenizer_ships_with_its_license_note() -> None:
    folder = ROOT / "kit" / "data" / "minilm"
    assert (folder / "tokenizer.json").stat().st_size > 400_000
    assert "Apache-2.0" in (folder / "LICENSE-NOTE.txt").read_text(encoding="utf-8")


def test_architecture_doc_names_every_module() -> None:
    """The module map stays true as code moves: every module (or its sub-package) is named."""
    doc = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    missing = []
    for path in (ROOT / "kit").rglob("*.py"):
        module = path.relative_to(ROOT).as_posix()
        package = path.parent.relative_to(ROOT).as_posix()
        if module == "kit/__init__.py":
            continue
        named = module in doc or (package != "kit" and f"`{package}/`" in doc)
        if not named:
            missing.append(module)
    assert not missing, f"docs/architecture.md does not mention {missing}"


@pytest.mark.slow
def test_the_suite_collects_without_the_shared_folder(tmp_path: Path) -> None:
    """A user's clone has no `../shared` beside it: every test module must still import."""
    clone = tmp_path / "clone"
    shutil.copytree(ROOT / "tests", clone / "tests", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", clone / "pyproject.toml")
    assert not (tmp_path / "shared").exists()
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider"],
        cwd=clone,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    assert "error" not in proc.stdout.lower().splitlines()[-1]
