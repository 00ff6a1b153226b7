"""Shared fixtures and guards for the whole suite.

Guards make mistakes loud: a test that opens a network connection fails (the
tool must never touch the network), and every test runs with its current
folder and HOME in its own temporary folder, so nothing a command writes by
default lands in the repository or the user's home.
"""

from __future__ import annotations

import functools
import os
import socket
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from hypothesis import settings
from typer.testing import CliRunner

# Timing varies on shared machines: no per-example deadline. In CI the examples are
# derandomised so that a run is reproducible; locally they vary, to find more.
settings.register_profile("default", deadline=None)
settings.register_profile("ci", deadline=None, derandomize=True, print_blob=True)
settings.load_profile("ci" if os.environ.get("CI") else "default")

if TYPE_CHECKING:
    from schoolaudit.model import Checklist

REPO = Path(__file__).resolve().parent.parent
TESTS = REPO / "tests"
MINI = TESTS / "data" / "mini.yaml"


@pytest.fixture(autouse=True)
def _no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("schoolaudit must never open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


@pytest.fixture(autouse=True)
def _isolated_folders(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.chdir(tmp_path_factory.mktemp("cwd"))
    monkeypatch.delenv("SCHOOLAUDIT_CHECKLIST_DIR", raising=False)


@functools.cache
def builtin_checklist(id_or_path: str) -> Checklist:
    """A checklist loaded once per test session: loading checks the whole schema, and the
    models are frozen, so every test can share one."""
    from schoolaudit.catalog import Catalog

    return Catalog().get(id_or_path)


def app_commands() -> list[list[str]]:
    """Every command the app has, as the words that name it (`["checklist", "show"]`).

    Read from the app itself, so a command added by anyone is tested without
    editing a list.
    """
    import typer

    from schoolaudit.cli import app

    def walk(command: object, words: list[str]) -> list[list[str]]:
        subcommands = getattr(command, "commands", None)
        if not subcommands:
            return [words]
        return [found for name, sub in subcommands.items() for found in walk(sub, [*words, name])]

    return sorted(walk(typer.main.get_command(app), []))


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner(env={"COLUMNS": "160", "NO_COLOR": "1"})


@pytest.fixture
def mini() -> Path:
    """A small checklist with every answer type, conditions and a statutory item."""
    return MINI
