"""The codebase's own hygiene, as STYLE.md asks: ruff (lint and format) and mypy stay clean."""

from __future__ import annotations

import shutil
import subprocess
import sys
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
