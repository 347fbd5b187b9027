"""The spellings of the previous release still work for one release, and say what replaces them."""

from __future__ import annotations

import pytest

from autograd_scalar import Value, nn


def test_named_is_labelled_with_a_warning():
    node = Value(1.0) * 2
    with pytest.warns(DeprecationWarning, match=r"labelled\(\)"):
        same = node.named("Z1")
    assert same is node and node.label == "Z1"


def test_mlp_labels_is_numbering_with_a_warning():
    with pytest.warns(DeprecationWarning, match="numbering="):
        old = nn.MLP(2, [2, 1], labels="input", weight_prefix="w")
    new = nn.MLP(2, [2, 1], numbering="input", weight_prefix="w")
    assert [p.label for p in old.parameters()] == [p.label for p in new.parameters()]
    assert [p.label for p in new.parameters()][:4] == ["w1", "w3", "b1", "w2"]


def test_label_parameters_order_is_numbering_with_a_warning():
    model = nn.MLP(2, [2, 1])
    with pytest.warns(DeprecationWarning, match="numbering="):
        model.label_parameters(order="neuron")
    assert [p.label for p in model.parameters()][:3] == ["W1", "W2", "b1"]


def test_name_nodes_is_label_nodes_with_a_warning():
    model = nn.MLP(2, [1], "sigmoid")
    with pytest.warns(DeprecationWarning, match=r"label_nodes\(\)"):
        model.name_nodes(net="Z{}", out="σ{}", inputs="X{}")
    out = model([0.5, -1.0])
    assert out.label == "σ1" and out.parents[0].label == "Z1"


def test_partial_verdict_is_verdict_with_a_warning():
    import autograd_scalar
    from autograd_scalar import check
    from autograd_scalar.check import Verdict

    with pytest.warns(DeprecationWarning, match="now Verdict"):
        assert autograd_scalar.PartialVerdict is Verdict
    with pytest.warns(DeprecationWarning, match="now Verdict"):
        from autograd_scalar.check import PartialVerdict
    assert PartialVerdict is Verdict
    with pytest.warns(DeprecationWarning, match="now Verdict"):
        assert check.ValueVerdict is Verdict
    assert "PartialVerdict" not in autograd_scalar.__all__ and "Verdict" in autograd_scalar.__all__


def test_the_documents_verdict_is_check_s_verdict_with_a_warning():
    from autograd_scalar import documents
    from autograd_scalar.check import Verdict

    with pytest.warns(DeprecationWarning, match="check.Verdict"):
        assert documents.Verdict is Verdict
    assert "Verdict" not in documents.__all__
