"""The picture in the README is what `autograd-scalar demo` draws today."""

from __future__ import annotations

from pathlib import Path

from autograd_scalar.cli import main

PICTURE = Path(__file__).resolve().parent.parent / "notebooks" / "figures" / "tap-and-knob.svg"


def test_readme_picture_is_the_demo_output(tmp_path, capsys):
    assert main(["demo", "--out", str(tmp_path)]) == 0
    fresh = (tmp_path / "tap-and-knob.svg").read_bytes()
    assert fresh == PICTURE.read_bytes(), (
        "the README's picture is stale: run `autograd-scalar demo` and copy "
        "out/tap-and-knob.svg to notebooks/figures/"
    )
