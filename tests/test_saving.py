"""save and load: exact round trips, atomic writes, and a clear error for each damage."""

from __future__ import annotations

import copy
import json
import math

import pytest
from conftest import run_with_file_size_limit
from hypothesis import given, settings
from hypothesis import strategies as st

from autograd_scalar import nn


def labelled_model() -> nn.MLP:
    model = nn.MLP(
        2, [3, 2, 1], ["tanh", "relu", "sigmoid"], seed=7, numbering="input", weight_prefix="w"
    )
    return model.label_nodes(net="net_n{}", out="out_n{}", inputs="x{}", start=3)


def test_save_then_load_gives_the_same_bits_labels_and_predictions(tmp_path):
    model = labelled_model()
    model.set("w1", 0.1)  # not exact in binary: its bits must survive anyway
    model.set("b2", -1e-300)
    path = tmp_path / "model.json"
    nn.save(model, path)
    loaded = nn.load(path)
    assert loaded.activations == model.activations and loaded.sizes == model.sizes
    assert [(n, p.data.hex(), p.label) for n, p in loaded.named_parameters()] == [
        (n, p.data.hex(), p.label) for n, p in model.named_parameters()
    ]
    for x in ([0.23, 0.55], [-1.5, 2.0], [0.0, 0.0]):
        assert loaded(x).data.hex() == model(x).data.hex()
    out = loaded([0.23, 0.55])
    assert out.label == "out_n8" and out.parents[0].label == "net_n8"


@settings(max_examples=30, deadline=None)
@given(st.lists(st.floats(allow_nan=False, allow_infinity=False), min_size=9, max_size=9))
def test_every_finite_float_round_trips_bit_for_bit(tmp_path_factory, numbers):
    model = nn.MLP(2, [2, 1], seed=0)
    for p, number in zip(model.parameters(), numbers, strict=True):
        p.data = number
    path = tmp_path_factory.mktemp("round") / "m.json"
    nn.save(model, path)
    assert [p.data.hex() for p in nn.load(path).parameters()] == [x.hex() for x in numbers]


def test_the_file_is_plain_json_with_the_architecture(tmp_path):
    path = tmp_path / "model.json"
    nn.save(labelled_model(), path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["n_in"] == 2
    assert [layer["activation"] for layer in data["layers"]] == ["tanh", "relu", "sigmoid"]
    assert data["layers"][0]["neurons"][0]["w_labels"] == ["w1", "w4"]


def test_a_save_that_fails_midway_keeps_the_old_file_whole_and_leaves_no_temporary_file(tmp_path):
    path = tmp_path / "model.json"
    nn.save(nn.MLP(1, [1]), path)  # a small model file, well under the limit below
    before = path.read_bytes()
    big = "from autograd_scalar import nn\nnn.save(nn.MLP(2, [16, 16, 1]), 'model.json')\n"
    done = run_with_file_size_limit(big, limit=len(before) + 100, cwd=tmp_path)
    assert done.returncode != 0 and "OSError" in done.stderr  # the write really failed
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["model.json"]
    nn.save(nn.MLP(2, [16, 16, 1]), path)  # without the limit the same save succeeds
    assert nn.load(path).sizes == [16, 16, 1]


def _damaged(change):
    data = nn.to_dict(labelled_model())
    change(data)
    return data


def _set(keys, value):
    def change(data):
        target = data
        for key in keys[:-1]:
            target = target[key]
        target[keys[-1]] = value

    return change


def _delete(keys):
    def change(data):
        target = data
        for key in keys[:-1]:
            target = target[key]
        del target[keys[-1]]

    return change


@pytest.mark.parametrize(
    "change, message",
    [
        (_delete(["layers"]), "the key 'layers' is missing"),
        (
            _delete(["layers", 1, "neurons", 0, "b"]),
            r"layers\[1\]\.neurons\[0\]: the key 'b' is missing",
        ),
        (_delete(["layers", 0, "activation"]), r"layers\[0\]: the key 'activation' is missing"),
        (
            _set(["layers", 1, "neurons", 1, "w"], [0.1, 0.2]),
            r"layers\[1\]\.neurons\[1\]\.w: has 2 weights, but layer 1 takes 3",
        ),
        (
            _set(["layers", 2, "neurons", 0, "w", 1], "abc"),
            r"layers\[2\]\.neurons\[0\]\.w\[1\]: expected a number, got 'abc'",
        ),
        (
            _set(["layers", 0, "neurons", 2, "b"], math.nan),
            r"layers\[0\]\.neurons\[2\]\.b: expected a finite number, got nan",
        ),
        (_set(["layers", 0, "neurons", 0, "w", 0], math.inf), r"w\[0\]: expected a finite number"),
        (_set(["layers", 0, "neurons", 0, "w", 0], True), r"w\[0\]: expected a number, got True"),
        (_set(["layers"], {"0": {}}), r"damaged.json: layers: expected a list"),
        (_set(["layers", 1], "relu"), r"layers\[1\]: expected an object"),
        (
            _set(["layers", 1, "activation"], "softmax"),
            r"layers\[1\]\.activation: 'softmax' is not one of",
        ),
        (_set(["n_in"], "2"), r"n_in: expected a whole number"),
        (_set(["version"], 99), "99 is not 1"),
        (_set(["format"], "pickle"), "'format' is 'pickle'"),
        (
            _set(["layers", 0, "neurons", 1, "w_labels"], ["w2"]),
            r"neurons\[1\]\.w_labels: expected 2 strings",
        ),
        (_set(["layers", 2, "neurons"], []), r"layers\[2\]\.neurons: the list is empty"),
    ],
)
def test_each_kind_of_damage_gets_an_error_naming_where(tmp_path, change, message):
    path = tmp_path / "damaged.json"
    path.write_text(json.dumps(_damaged(change)), encoding="utf-8")
    with pytest.raises(nn.ModelFileError, match=message):
        nn.load(path)


def test_json_nan_and_overflowing_numbers_are_refused(tmp_path):
    text = json.dumps(nn.to_dict(nn.MLP(1, [1], seed=0)))
    for bad in ("NaN", "Infinity", "1e400"):
        damaged = text.replace('"b": 0.0', f'"b": {bad}')
        assert damaged != text
        path = tmp_path / "bad.json"
        path.write_text(damaged, encoding="utf-8")
        with pytest.raises(nn.ModelFileError, match=r"neurons\[0\]\.b: expected a finite number"):
            nn.load(path)


def test_a_file_that_is_not_json_says_where_it_breaks(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('{"format": "autograd_scalar MLP",\n "layers": [', encoding="utf-8")
    with pytest.raises(nn.ModelFileError, match="not valid JSON.*line 2"):
        nn.load(path)


def test_from_dict_does_not_touch_the_data_it_reads():
    data = nn.to_dict(labelled_model())
    kept = copy.deepcopy(data)
    nn.from_dict(data)
    assert data == kept


def test_a_weight_too_large_for_a_float_or_a_binary_file_gets_a_model_file_error(tmp_path):
    path = tmp_path / "model.json"
    nn.save(nn.MLP(2, [1], seed=1), path)
    data = json.loads(path.read_text())
    data["layers"][0]["neurons"][0]["w"][0] = 10**400
    path.write_text(json.dumps(data))
    with pytest.raises(nn.ModelFileError, match=r"w\[0\]: expected a finite number"):
        nn.load(path)
    path.write_bytes(b"\xff\xfe\x00")
    with pytest.raises(nn.ModelFileError, match="not UTF-8"):
        nn.load(path)


def test_a_label_no_file_can_hold_is_refused_by_save_naming_its_place(tmp_path):
    model = labelled_model()
    model.layers[1].neurons[0].w[1].label = "w\ud800"  # a lone surrogate: Python holds it
    path = tmp_path / "model.json"
    with pytest.raises(ValueError, match=r"layers\[1\]\.neurons\[0\]\.w_labels\[1\]: 'w\\ud800'"):
        nn.save(model, path)
    assert list(tmp_path.iterdir()) == []
