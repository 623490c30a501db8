"""The codebase's own hygiene, as STYLE.md asks: ruff (lint and format) and mypy stay clean,
the import contracts of pyproject.toml hold, module names are unique, no module passes 400 lines."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _run(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(argv, cwd=ROOT, capture_output=True, text=True, check=False)


@pytest.mark.skipif(
    shutil.which("ruff") is None, reason="ruff is not installed (pip install -e '.[test]')"
)
def test_ruff_lint_and_format_are_clean():
    lint = _run("ruff", "check", "tracker", "tests")
    assert lint.returncode == 0, lint.stdout
    formatting = _run("ruff", "format", "--check", "tracker", "tests")
    assert formatting.returncode == 0, formatting.stdout


def test_mypy_is_clean():
    result = _run(sys.executable, "-m", "mypy")
    assert result.returncode == 0, result.stdout


LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _lint_imports(root: Path) -> subprocess.CompletedProcess[str]:
    """`lint-imports` on the package at `root` with the contracts of its pyproject.toml."""
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--no-logo"],
        cwd=root,
        env={**os.environ, "PYTHONPATH": str(root)},
        capture_output=True,
        text=True,
        check=False,
    )


needs_import_linter = pytest.mark.skipif(
    not LINT_IMPORTS.exists(), reason="import-linter is not installed (pip install -e '.[test]')"
)


@needs_import_linter
def test_the_import_contracts_are_kept():
    result = _lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


@needs_import_linter
def test_a_broken_layer_fails_with_the_contracts_name(tmp_path):
    shutil.copytree(ROOT / "tracker", tmp_path / "tracker")
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    money = tmp_path / "tracker" / "core" / "money.py"
    money.write_text(money.read_text() + "\nimport tracker.store.model\n")
    result = _lint_imports(tmp_path)
    assert result.returncode != 0
    report = " ".join(result.stdout.split())
    assert "Layers: the front doors over the features over the store" in report
    assert "tracker.core.money -> tracker.store.model" in report


def _modules() -> list[Path]:
    return sorted((ROOT / "tracker").rglob("*.py"))


def test_module_names_are_unique_across_the_package():
    names = Counter(p.stem for p in _modules() if p.stem not in ("__init__", "__main__"))
    assert [name for name, count in names.items() if count > 1] == []


def test_no_module_is_over_400_lines():
    long = {
        str(p.relative_to(ROOT)): n
        for p in _modules()
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > 400
    }
    assert long == {}
