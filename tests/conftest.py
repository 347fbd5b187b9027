import gc
import os
import subprocess
import sys

import pytest
from hypothesis import settings

# The tests import `strategies` as a sibling module.
sys.path.insert(0, os.path.dirname(__file__))

# Fifty examples per property keep the whole run quick (CI runs the suite three times,
# each with new examples); HYPOTHESIS_PROFILE=thorough tries a thousand.
settings.register_profile("quick", max_examples=50, deadline=None)
settings.register_profile("thorough", max_examples=1000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "quick"))


def without_dot(path: str) -> str:
    """PATH with every folder that holds a `dot` program left out."""
    folders = path.split(os.pathsep)
    return os.pathsep.join(f for f in folders if not os.access(os.path.join(f, "dot"), os.X_OK))


# The project must render with no system Graphviz: the whole run, notebooks included
# (their kernels inherit this environment), sees no `dot`.
os.environ["PATH"] = without_dot(os.environ.get("PATH", ""))


def pytest_collection_finish(session):
    # Everything imported so far (SymPy, Hypothesis, the tests) lives for the whole run:
    # frozen, the garbage collector stops walking it at every full collection, and a
    # larger young generation spares it the graphs that training builds and drops
    # (a Value graph holds no reference cycles). A third of training's time otherwise.
    gc.collect()
    gc.freeze()
    gc.set_threshold(50_000, 10, 10)


@pytest.fixture(scope="session")
def results():
    """Each of the four documents, rebuilt and checked once for the whole run (read only)."""
    from autograd_scalar import documents

    return {name: documents.run(name) for name in documents.names()}


@pytest.fixture
def documents_judged_once(results, monkeypatch):
    """The commands take each document from `results` instead of judging it again: for
    tests of what a command prints and writes, which the judging itself does not change
    (`test_documents` tests that). Judging the four takes seconds, and a command that
    draws them all would otherwise pay it again in every such test."""
    from autograd_scalar import documents

    for name in documents.names():  # `documents.run(name)` calls it too
        monkeypatch.setattr(documents.module(name), "run", lambda name=name: results[name])


# micrograd's demo takes 100 steps; by step 30 it separates every training point and its
# loss is a twentieth of the first, and the 65 steps after that cost 14 s of every run.
DEMO_STEPS = 35


@pytest.fixture(scope="session")
def micrograd_demo():
    """micrograd's moons demo: its training loop as micrograd's users write it, with only
    the import changed, its first DEMO_STEPS steps (the learning rate still falls as over
    100), run once for the whole run (read only). Returns the names the program defined
    (`model`, `history`, `X`, `y`, ...)."""
    from micrograd_programs import DEMO_TRAINING, ported

    from autograd_scalar.nn import make_moons  # stands in for scikit-learn's

    program = ported(DEMO_TRAINING)
    assert program.count("range(100)") == 1
    scope: dict = {"make_moons": make_moons}
    exec(program.replace("range(100)", f"range({DEMO_STEPS})"), scope)
    return scope


@pytest.fixture
def no_system_graphviz(monkeypatch, tmp_path):
    """An empty folder as the whole PATH: no `dot` anywhere, and the default renderer.

    Returns that folder, where a test may put a fake `dot` of its own.
    """
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    monkeypatch.setenv("PATH", str(bin_dir))
    monkeypatch.delenv("AUTOGRAD_SCALAR_RENDERER", raising=False)
    return bin_dir


def run_with_file_size_limit(code: str, limit: int, cwd) -> subprocess.CompletedProcess:
    """Run Python `code` in a child process that cannot write a file past `limit` bytes.

    A write past the limit fails midway with OSError (EFBIG), as on a full disk: the
    way to see whether a save keeps the old file whole.
    """
    prelude = (
        "import resource, signal\n"
        "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
        f"resource.setrlimit(resource.RLIMIT_FSIZE, ({limit}, {limit}))\n"
    )
    return subprocess.run(
        [sys.executable, "-c", prelude + code], cwd=cwd, capture_output=True, text=True, check=False
    )
