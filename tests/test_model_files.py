"""Hostile and damaged model files: whatever a file holds, nn.load raises at most a
one-line ModelFileError naming the file, allocates no more than the file's content
warrants, and the command line prints one line and exits 1."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from autograd_scalar import nn
from autograd_scalar.cli import main


def _model_text(**changes) -> str:
    data = {
        "format": "autograd_scalar MLP",
        "version": 1,
        "n_in": 1,
        "layers": [{"activation": "relu", "neurons": [{"w": [1.0], "b": 0.0}]}],
    }
    data.update(changes)
    return json.dumps(data, separators=(",", ":"))


# The memory a load costs is measured in a child process of its own, so that nothing
# else this test run has allocated counts, and a regression cannot exhaust the machine.
_MEASURE = """
import resource, sys, tracemalloc
resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))
from autograd_scalar import nn
tracemalloc.start()
try:
    nn.load(sys.argv[1])
except nn.ModelFileError as error:
    print("ModelFileError:", error)
print("peak", tracemalloc.get_traced_memory()[1])
"""


@pytest.mark.parametrize("n_in", [100_000_000, 10**10])
def test_a_tiny_file_claiming_a_huge_input_size_is_refused_before_allocating(tmp_path, n_in):
    path = tmp_path / "huge.json"
    path.write_text(_model_text(n_in=n_in), encoding="utf-8")
    assert path.stat().st_size < 150
    done = subprocess.run(
        [sys.executable, "-c", _MEASURE, str(path)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    first, peak = done.stdout.splitlines()
    assert first.startswith(f"ModelFileError: {path}: ") and f"n_in is {n_in}" in first
    assert int(peak.split()[1]) < 1_000_000  # bytes: the file's size, not n_in's


def _sparse(path: Path) -> None:
    with open(path, "wb") as file:
        file.truncate(8 << 30)  # 8 GB that take no room on the disk


def _over_the_cap(path: Path) -> None:
    padding = " " * (40 << 20)  # 40 MB: white space around a valid model is still JSON
    path.write_text(padding + _model_text(), encoding="utf-8")


def _zeros(path: Path) -> None:
    path.symlink_to("/dev/zero")


HUGE = {
    "an 8 GB sparse file": (_sparse, "holds more than"),
    "a 40 MB file": (_over_the_cap, "holds more than"),
    "/dev/zero": (_zeros, "not a regular file (a character device)"),
    "a pipe with no writer": (os.mkfifo, "not a regular file (a pipe)"),
}


@pytest.mark.parametrize("name", list(HUGE))
def test_a_file_of_any_size_or_kind_costs_at_most_the_cap_and_gets_one_line(tmp_path, name):
    make, says = HUGE[name]
    path = tmp_path / "model.json"
    make(path)
    done = subprocess.run(
        [sys.executable, "-c", _MEASURE, str(path)],
        capture_output=True,
        text=True,
        check=False,
        timeout=30,  # a load that waits for a pipe's writer would wait forever
    )
    assert done.returncode == 0, done.stderr
    first, peak = done.stdout.splitlines()
    assert first.startswith(f"ModelFileError: {path}: ") and says in first, first
    assert int(peak.split()[1]) < nn.MAX_MODEL_BYTES / 10  # refused before reading
    assert status_and_error(["render", "--model", str(path)])[0] == 1


def status_and_error(argv: list[str]) -> tuple[int, str]:
    done = subprocess.run(
        [sys.executable, "-m", "autograd_scalar", *argv],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert len(done.stderr.splitlines()) == 1, done.stderr
    return done.returncode, done.stderr


def test_a_model_file_as_large_as_the_cap_still_loads(tmp_path):
    path = tmp_path / "model.json"
    text = _model_text()
    path.write_text(text + " " * (nn.MAX_MODEL_BYTES - len(text)), encoding="utf-8")
    assert nn.load(path).sizes == [1]
    path.write_text(text + " " * (nn.MAX_MODEL_BYTES - len(text) + 1), encoding="utf-8")
    with pytest.raises(nn.ModelFileError, match="holds more than"):
        nn.load(path)


def _nested(path: Path) -> None:
    path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")


def _long_integer(path: Path) -> None:
    path.write_text(_model_text().replace('"b":0.0', '"b":' + "7" * 5000), encoding="utf-8")


def _folder(path: Path) -> None:
    path.mkdir()


def _missing(path: Path) -> None:
    pass


def _unreadable(path: Path) -> None:
    path.write_text(_model_text(), encoding="utf-8")
    path.chmod(0)


def _lone_surrogate(key: str):
    def make(path: Path) -> None:
        text = _model_text(input_labels=["x1"])
        text = text.replace('"b":0.0', '"b":0.0,"b_label":"b1","w_labels":["w1"]')
        path.write_text(text.replace('"' + key + '"', '"\\ud800' + key + '"', 1), encoding="utf-8")

    return make


DAMAGE = {
    "100,000 nested brackets": (_nested, "nested too deeply"),
    "a 5,000-digit integer": (_long_integer, "an integer of over"),
    "a folder": (_folder, "cannot read the model file"),
    "a missing file": (_missing, "cannot read the model file: No such file"),
    "an unreadable file": (_unreadable, "cannot read the model file: Permission denied"),
    "a lone surrogate in a weight's label": (_lone_surrogate("w1"), r"w_labels[0]"),
    "a lone surrogate in a bias's label": (_lone_surrogate("b1"), "b_label"),
    "a lone surrogate in an input's label": (_lone_surrogate("x1"), "input_labels[0]"),
}


@pytest.fixture(params=list(DAMAGE))
def damaged(request, tmp_path, monkeypatch):
    """A damaged model file, and what its error must say."""
    make, says = DAMAGE[request.param]
    path = tmp_path / "model.json"
    make(path)
    if request.param == "an unreadable file" and os.access(path, os.R_OK):
        # Run as root, which reads anything: make the read fail as it would for others.
        opened = os.open

        def refuse(file, *args, **kwargs):
            if Path(file) == path:
                raise PermissionError(13, "Permission denied", str(file))
            return opened(file, *args, **kwargs)

        monkeypatch.setattr(os, "open", refuse)
    return path, says


def test_every_damaged_file_gets_a_one_line_model_file_error_naming_it(damaged):
    path, says = damaged
    with pytest.raises(nn.ModelFileError) as info:
        nn.load(path)
    message = str(info.value)
    assert message.startswith(f"{path}: ") and says in message
    assert "\n" not in message and len(message) < 300


def test_the_command_line_prints_one_line_and_exits_1_for_every_damaged_file(damaged, capsys):
    path, says = damaged
    status = main(["render", "--model", str(path), "-o", str(path.parent / "out.svg")])
    out, err = capsys.readouterr()
    assert status == 1 and out == ""
    assert err.count("\n") == 1 and err.startswith(f"autograd-scalar: {path}: ") and says in err


def test_a_label_that_loaded_can_always_be_saved_again(tmp_path):
    path = tmp_path / "model.json"
    path.write_text(_model_text(input_labels=["σ₁ ŷ 🙂"]), encoding="utf-8")
    model = nn.load(path)
    nn.save(model, path)
    assert nn.load(path).input_labels == ["σ₁ ŷ 🙂"]


# Random files: only ModelFileError may come out, whatever the bytes.

_text = st.text() | st.sampled_from(["\ud800", "w\udc80"])  # lone surrogates too
_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | _text,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(_text, children, max_size=4),
    max_leaves=20,
)


def _paths(data):
    """Every place in `data`, as a list of keys, for changing it."""
    yield []
    if isinstance(data, dict):
        items = data.items()
    elif isinstance(data, list):
        items = enumerate(data)
    else:
        return
    for key, value in items:
        for rest in _paths(value):
            yield [key, *rest]


VALID = nn.to_dict(nn.MLP(2, [2, 1], ["tanh", "sigmoid"], seed=0).label_parameters())
PLACES = list(_paths(VALID))


# What a damaged entry may become: anything, or something close to a valid entry.
_entries = _json | st.sampled_from(
    [10**6, -1, 0, 2, 1e308, -0.0, "\ud800", "relu", "linear", [], {}, [0.5], ["w"]]
)


def _like(entry):
    """Mostly an entry of the same kind (a string for a label, a number for a weight)."""
    if isinstance(entry, str):
        return _text | _entries
    if isinstance(entry, (int, float)):
        return st.integers() | st.floats() | _entries
    return _entries


@st.composite
def _damaged_models(draw):
    """A valid model's data with a few places replaced by other JSON, or removed."""
    data = json.loads(json.dumps(VALID))
    for _ in range(draw(st.integers(1, 3))):
        keys = draw(st.sampled_from(PLACES))
        if not keys:
            return draw(_json)
        target = data
        try:
            for key in keys[:-1]:
                target = target[key]
            if draw(st.integers(0, 3)) == 0 and isinstance(target, dict):
                del target[keys[-1]]
            else:
                target[keys[-1]] = draw(_like(target[keys[-1]]))
        except (KeyError, IndexError, TypeError):  # an earlier change took the place away
            pass
    return data


def _load_only_model_file_errors(path: Path) -> None:
    try:
        model = nn.load(path)
    except nn.ModelFileError as error:
        assert str(error).startswith(f"{path}: ") and "\n" not in str(error)
    else:  # what loads must save and load again, the same
        nn.save(model, path)
        assert nn.to_dict(nn.load(path)) == nn.to_dict(model)


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=300))
def test_random_bytes_give_only_model_file_errors(tmp_path, content):
    path = tmp_path / "random.json"
    path.write_bytes(content)
    _load_only_model_file_errors(path)


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(_json | _damaged_models())
def test_random_json_and_damaged_models_give_only_model_file_errors(tmp_path, data):
    path = tmp_path / "random.json"
    path.write_text(json.dumps(data), encoding="utf-8")  # ASCII: surrogates as \ud800
    _load_only_model_file_errors(path)
