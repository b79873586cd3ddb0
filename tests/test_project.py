"""The project's own promises: a light import, and one dependency list."""

import re
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_importing_gdcore_loads_numpy_only():
    code = (
        "import gdcore, sys; "
        "assert not {'matplotlib', 'sympy', 'ipywidgets', 'anywidget'} & set(sys.modules)"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def _name(requirement):
    return re.split(r"[<>=!\[ ;]", requirement, maxsplit=1)[0].strip().lower()


def test_environment_yml_lists_what_pyproject_lists():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = {*project["dependencies"]}
    for extra in project["optional-dependencies"].values():
        wanted |= set(extra)
    text = (ROOT / "environment.yml").read_text()
    lines = text.split("dependencies:", 1)[1].splitlines()
    conda = {ln.strip()[2:] for ln in lines if re.match(r"^  - [a-z][^:]*$", ln)}
    conda = {r for r in conda if _name(r) not in {"python", "pip"}}
    assert {r.replace(" ", "") for r in conda} == {r.replace(" ", "") for r in wanted}


def test_code_and_lessons_pass_the_linter_and_formatter():
    ruff = [sys.executable, "-m", "ruff"]
    paths = ["gdcore", "tests", "benchmarks", "notebooks"]
    for command in (["check", "--quiet"], ["format", "--check", "--quiet"]):
        done = subprocess.run([*ruff, *command, *paths], cwd=ROOT, capture_output=True, text=True)
        assert done.returncode == 0, done.stdout + done.stderr
