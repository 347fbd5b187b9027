"""Code written for micrograd runs here with only its import changed.

The programs (`micrograd_programs`) are run as micrograd users write them, after
replacing the import: its README's expression here, its moons demo's training loop
once for the whole run (`micrograd_demo`).
"""

from __future__ import annotations

from micrograd_programs import DEMO_TRAINING, README_EXAMPLE, ported


def test_micrograds_readme_example_gives_its_documented_numbers():
    scope: dict = {}
    exec(ported(README_EXAMPLE), scope)
    assert scope["results"] == (24.7041, 138.8338, 645.5773)


def test_micrograds_demo_training_loop_runs_and_learns(micrograd_demo):
    scope = micrograd_demo
    history = scope["history"]
    (first_loss, _), (last_loss, last_accuracy) = history[0], history[-1]
    assert last_loss < first_loss / 5 and last_accuracy >= 0.95
    assert scope["linear"].activation == "linear" and scope["layer"].activation == "linear"
    assert len(scope["model"].parameters()) == 337  # micrograd's count for 2-16-16-1


def test_the_port_changes_only_the_imports():
    for source in (README_EXAMPLE, DEMO_TRAINING):
        before = [line for line in source.splitlines() if "micrograd" not in line]
        after = [line for line in ported(source).splitlines() if "autograd_scalar" not in line]
        assert before == after
