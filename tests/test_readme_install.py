"""The README's examples print what it shows after the install it describes.

`make demo` (and the README's install without make) installs the package with some of
its extras; every optional package outside them is made unimportable in a child
interpreter, which then runs the README's `>>>` sessions as a doctest, as pytest does.
An example that needs more than that install gives (SymPy for a right formula, say)
fails here.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
# The package with its extras, as pip is given it: `.`, `.[symbolic]`, `".[a,b]"`.
INSTALLED = re.compile(r"""pip install\b[^\n]*?\s["']?\.(?:\[([\w,\- ]*)\])?["']?(?:\s|$)""")


def demo_extras() -> set[str]:
    """The extras that `make demo` installs with the package."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = re.search(r"^\$\(VENV\)/\.demo:.*\n((?:\t.*\n)+)", makefile, re.M)
    assert recipe, "the Makefile has no $(VENV)/.demo rule"
    return _extras(recipe.group(1))


def readme_extras() -> set[str]:
    """The extras of the README's install without make (the command it says to run)."""
    text = README.read_text(encoding="utf-8")
    install = re.search(r"^\.venv/bin/pip install [^\n]*", text, re.M)
    assert install, "the README shows no `.venv/bin/pip install` line"
    return _extras(install.group(0))


def _extras(text: str) -> set[str]:
    found = INSTALLED.search(text)
    assert found, f"no `pip install .` in {text!r}"
    return {name.strip() for name in (found.group(1) or "").split(",") if name.strip()}


def left_out(extras: set[str]) -> list[str]:
    """The modules of the optional packages that an install with `extras` lacks."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    required = {_name(spec) for spec in project["dependencies"]}
    optional: set[str] = set()
    for extra, specs in project["optional-dependencies"].items():
        if extra not in extras:
            optional |= {_name(spec) for spec in specs}
    for extra in extras:
        optional -= {_name(spec) for spec in project["optional-dependencies"][extra]}
    return sorted(name.replace("-", "_") for name in optional - required)


def _name(spec: str) -> str:
    return re.split(r"[\s\[<>=!~;]", spec, maxsplit=1)[0].lower()


RUN_README = """
import doctest, sys
for name in sys.argv[2:]:
    sys.modules[name] = None  # not installed
failed, tried = doctest.testfile(
    sys.argv[1], module_relative=False,
    optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE,
)
sys.exit(1 if failed or not tried else 0)
"""


def test_make_demo_and_the_readme_install_the_same_extras():
    assert demo_extras() == readme_extras()


def test_the_readme_examples_need_only_what_its_install_gives(no_system_graphviz):
    missing = left_out(demo_extras())
    done = subprocess.run(  # from the clone's folder, as the README's examples are run
        [sys.executable, "-c", RUN_README, str(README), *missing],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, f"without {', '.join(missing)}:\n{done.stdout[-3000:]}"
