"""The package's layout: its layers import one way, nothing imports in a circle, and
`import autograd_scalar` stays light (no document, no picture code)."""

from __future__ import annotations

import ast
import importlib
import pkgutil
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType

PACKAGE = Path(__file__).resolve().parent.parent / "autograd_scalar"
# Each layer and the layers it may import; anything else is a wrong-way arrow. The base
# modules (every error; Ctrl-C held while work is put right) may be imported by any layer.
BASE = {"errors", "interrupts"}
MAY_IMPORT = {
    "errors": set(),
    "interrupts": set(),
    "files": BASE,
    "core": BASE,
    "formula": BASE | {"core"},
    "explanation": BASE | {"core", "formula"},
    "check": BASE | {"files", "core", "formula", "explanation"},
    "viz": BASE | {"files", "core", "formula", "explanation"},
    # The PyTorch bridge prints ops from their formulas; nn's to_torch() and from_torch()
    # hand it their numbers (torch itself is imported by the bridge alone, when called).
    "bridge": BASE | {"core", "formula"},
    "nn": BASE | {"files", "core", "bridge"},
    "documents": BASE | {"files", "core", "formula", "explanation", "check", "viz", "nn"},
    "cli": BASE | {"files", "core", "formula", "explanation", "check", "viz", "nn", "documents"},
    "__main__": {"cli"},
}


def modules() -> dict[str, Path]:
    """Every module by its dotted name (a package by its own name, not `.__init__`)."""
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def imports(name: str, path: Path, known: dict[str, Path]) -> set[str]:
    """The package's modules that `name` imports, type-only imports included."""
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            base_name = ".".join(base + (node.module.split(".") if node.module else []))
            for alias in node.names:
                target = f"{base_name}.{alias.name}"
                found.add(target if target in known else base_name)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {m for m in found if m in known and m != name}


def layer(module: str) -> str:
    parts = module.split(".")
    return parts[1].removesuffix(".py") if len(parts) > 1 else "__init__"


def test_layers_import_one_way():
    known = modules()
    wrong = []
    for name, path in known.items():
        own = layer(name)
        if own == "__init__":
            continue  # the package's front door re-exports every layer
        for target in imports(name, path, known):
            other = layer(target)
            if other not in (own, "__init__") and other not in MAY_IMPORT[own]:
                wrong.append(f"{name} imports {target}")
    assert wrong == []


def test_no_module_imports_in_a_circle():
    # Packages' own modules count too: a module that imports its package, whose
    # __init__ imports that module back, is a circle however it is written.
    known = modules()
    edges = {name: imports(name, path, known) for name, path in known.items()}
    cycles = []
    state: dict[str, int] = {}  # 1: on the walk, 2: done
    for start in sorted(edges):
        stack = [(start, iter(sorted(edges[start])))]
        if state.get(start):
            continue
        state[start] = 1
        while stack:
            node, nexts = stack[-1]
            for target in nexts:
                if state.get(target) == 1:
                    cycles.append((node, target))
                elif not state.get(target) and target in edges:
                    state[target] = 1
                    stack.append((target, iter(sorted(edges[target]))))
                    break
            else:
                state[node] = 2
                stack.pop()
    assert cycles == []


def test_the_engine_layer_imports_only_the_standard_library():
    outside = set().union(*(_imported_from_outside(p) for p in (PACKAGE / "core").glob("*.py")))
    assert outside <= set(sys.stdlib_module_names) | {"__future__"}


def _imported_from_outside(path: Path) -> set[str]:
    """The top-level names of what a module imports from outside the package."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom) and not node.level:
            found.add((node.module or "").split(".")[0])
    return found


def test_only_the_bridge_imports_torch():
    importers = [
        name for name, path in modules().items() if "torch" in _imported_from_outside(path)
    ]
    assert importers and all(layer(name) == "bridge" for name in importers), importers


def test_no_layer_loads_torch_until_a_bridge_function_is_called():
    code = (
        "import sys\n"
        "import autograd_scalar, autograd_scalar.bridge, autograd_scalar.nn, autograd_scalar.cli\n"
        "from autograd_scalar import documents, nn, to_torch\n"
        "nn.MLP(2, [3, 1])([0.5, 1.0]).backward()\n"
        "print('torch' in sys.modules)\n"
    )
    assert printed_by(code) == "False"


def test_import_loads_the_engine_only_and_no_document():
    shown = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "import autograd_scalar"],
        capture_output=True,
        text=True,
        check=True,
    ).stderr
    loaded = {line.rsplit("|", 1)[-1].strip() for line in shown.splitlines()}
    ours = {m for m in loaded if m.startswith("autograd_scalar")}
    assert ours and not any(m.startswith("autograd_scalar.documents") for m in ours)
    assert not any(
        m.startswith(("autograd_scalar.viz", "graphviz", "autograd_scalar.nn")) for m in loaded
    )
    # The rest of the engine's users load when first used too: import stays quick.
    later = ("explanation", "formula", "check", "core.replay")
    assert not any(m.startswith(tuple(f"autograd_scalar.{x}" for x in later)) for m in ours)
    # dataclasses (with inspect) alone would add two thirds to the engine's import time
    assert not {"dataclasses", "inspect", "decimal"} & loaded, "keep the engine's imports light"


def test_a_layer_imported_by_name_is_the_layer_not_a_function_of_the_same_name():
    import autograd_scalar
    import autograd_scalar.explanation as layer_module

    assert layer_module.__name__ == "autograd_scalar.explanation"
    assert callable(autograd_scalar.explain) and autograd_scalar.explain is layer_module.explain
    for name in (
        "core",
        "formula",
        "explanation",
        "check",
        "viz",
        "nn",
        "bridge",
        "documents",
        "cli",
    ):
        assert not callable(importlib.import_module(f"autograd_scalar.{name}"))


OPTIONAL_EXTRAS = ("torch", "sympy")


def test_every_submodule_imported_by_name_is_that_module():
    # `import autograd_scalar.x.y as m` binds the package's attribute `y`: a package that
    # re-exports a function named like one of its modules makes `m` that function.
    import autograd_scalar

    traps = []
    for found in pkgutil.walk_packages(autograd_scalar.__path__, "autograd_scalar."):
        if found.name.endswith(".__main__"):
            continue  # running it is the command line, not an import
        imported: dict[str, object] = {}
        try:
            exec(f"import {found.name} as m", imported)
        except ModuleNotFoundError as missing:
            if missing.name not in OPTIONAL_EXTRAS:
                raise
            # A module of an extra not installed here (the bridge's, without torch): its
            # package, which imports without it, must hold no other thing by its name.
            package, _, name = found.name.rpartition(".")
            held = getattr(importlib.import_module(package), name, None)
            if held is not None and not isinstance(held, ModuleType):
                traps.append(f"import {found.name} as m gives {held!r}")
            continue
        if not isinstance(imported["m"], ModuleType) or imported["m"].__name__ != found.name:
            traps.append(f"import {found.name} as m gives {imported['m']!r}")
    assert traps == []


def test_the_formatter_is_turned_off_only_on_the_op_tables_rows():
    # The op table's rows are aligned by hand, one op to a row; everything else reads as
    # ruff formats it. The pattern is spelled so that this file does not match itself.
    turned_off = re.compile(r"#\s*fmt:\s*(skip|off)\b")
    root = PACKAGE.parent
    sources = [
        *PACKAGE.rglob("*.py"),
        *(root / "tests").rglob("*.py"),
        *(root / "benchmarks").rglob("*.py"),
        *(root / "notebooks").rglob("*.py"),
        *(root / "notebooks").rglob("*.ipynb"),
    ]
    # The project's own files: not an environment or checkpoint kept beside them (.venv).
    ours = [
        p for p in sources if not any(part.startswith(".") for part in p.relative_to(root).parts)
    ]
    found = [
        f"{path.relative_to(root)}:{number}"
        for path in ours
        if path != PACKAGE / "core" / "ops.py"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if turned_off.search(line)
    ]
    assert found == [], "let ruff format these lines"


def test_every_public_name_is_there_when_asked_for():
    code = (
        "import autograd_scalar as a\n"
        "missing = [n for n in a.__all__ if not hasattr(a, n)]\n"
        "from autograd_scalar import nn\n"
        "missing += [n for n in nn.__all__ if not hasattr(nn, n)]\n"
        "print(missing)\n"
    )
    assert printed_by(code) == "[]"


def printed_by(code: str) -> str:
    """What Python `code` prints, run by a fresh interpreter."""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return done.stdout.strip()


def _fields(cls: ast.ClassDef) -> set[str]:
    """The names a class defines: its annotated fields, methods and properties."""
    found = set()
    for node in cls.body:
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            found.add(node.target.id)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            found.add(node.name)
    return found


def test_the_documents_define_no_verdict_type_of_their_own(results):
    """One verdict type, in check/: no class of documents/ holds a verdict (its word, ok,
    what was claimed and computed), and every verdict of a document is check's."""
    from autograd_scalar.check import Verdict

    judging = {"verdict", "ok", "claimed", "computed", "diagnosis", "correct_formula"}
    for path in sorted((PACKAGE / "documents").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for cls in (node for node in ast.walk(tree) if isinstance(node, ast.ClassDef)):
            assert "Verdict" not in cls.name, f"{path.name} defines {cls.name}"
            assert not _fields(cls) & judging, f"{path.name}: {cls.name} holds a verdict"
    for result in results.values():
        everything = [*result.verdicts, *result.course]
        everything += [other for v in everything for other in v.others]
        assert all(type(v) is Verdict for v in everything), result.name
