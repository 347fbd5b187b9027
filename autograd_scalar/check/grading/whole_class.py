"""Grading a class: one key, many sheets, in parallel processes, the same result however run.

`grade(key, sheets)` reads the key once, checks the key's own answers (a slip in the key
is refused before anyone is graded against it), finds the sheets (files, or folders of
`.toml` files, searched below), and marks every sheet. The key's graph is built once per
process and replayed for every answer (`judge.Marker` keeps what each question needs).
From `PARALLEL_FROM` sheets on, the sheets are shared among processes, each of which
builds the key again from the same bytes; the students are sorted by name and file in
the end, so the result does not depend on the order the sheets were given in, nor on
the number of processes.
"""

from __future__ import annotations

import math
import multiprocessing
import os
import signal
import sys
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path
from typing import Any

from ...errors import CheckFileError, quoted
from .judge import Marker
from .key import Key, key_from_source, read_key
from .precision import DEFAULT, Precision
from .result import ClassResult
from .sheet import StudentResult, grade_sheet

PARALLEL_FROM = 40  # fewer sheets are graded in this process: starting others costs more


def grade(
    key: str | os.PathLike[str] | Key,
    sheets: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    *,
    processes: int | None = None,
    progress: bool = False,
    precision: Precision = DEFAULT,
) -> ClassResult:
    """Every sheet graded against the key: a `ClassResult` (students, per-question summary).

    `sheets` is a file, a folder (its `.toml` files, below it too) or a list of them.
    `processes` defaults to the machine's cores (one for a small class); `progress`
    shows a progress bar on stderr. `precision` is how a number answer is held where the
    key does not say (by default, at least 3 significant figures). A key that cannot be
    used raises `CheckFileError` (one line); a sheet that cannot be read is graded as
    unreadable, with why.
    """
    key, marker = usable_key(key, precision)
    files = sheet_files([sheets] if isinstance(sheets, (str, os.PathLike)) else sheets, key.path)
    if not files:
        raise CheckFileError(
            ", ".join(map(os.fsdecode, _as_list(sheets))) or "(none)",
            "no sheets: give .toml files, or folders that hold them",
        )
    count = _processes(processes, len(files))
    with _bar(len(files), progress) as bar:
        if count == 1:
            students = []
            for file in files:
                students.append(grade_sheet(file, key, marker))
                bar.update(1)
        else:
            students = _in_parallel(key, precision, files, count, bar)
    return ClassResult.of(key, marker, students)


def usable_key(
    key: str | os.PathLike[str] | Key, precision: Precision = DEFAULT
) -> tuple[Key, Marker]:
    """The key (read from its file when given as a path) and its marker, its own answers
    checked: a CheckFileError in one line for a key that cannot be graded against."""
    if not isinstance(key, Key):
        key = read_key(key, precision)
    marker = Marker.of(key)
    check_own_answers(key, marker)
    return key, marker


def check_own_answers(key: Key, marker: Marker) -> None:
    """Refuses a key whose own answer to a question is not right, in one line."""
    for question in key.questions:
        if question.answer is None:
            continue
        graded = marker.mark(question, question.answer)
        if graded.status == "right":
            continue
        why = graded.diagnosis[0] if graded.diagnosis else graded.status
        if graded.status == "wrong":
            why = f"computed {graded.computed:.6g}; {why}"
        shown = "" if graded.answer is None else f" {quoted(graded.answer)}"
        what = 'is empty ("")' if graded.status == "unanswered" else f"is {graded.status} ({why})"
        raise CheckFileError(
            key.path,
            f"[claims] {quoted(question.name)}: the key's own answer{shown} {what}; "
            "correct the key, or leave its answer out",
        )


def sheet_files(given: Iterable[str | os.PathLike[str]], key_path: str = "") -> list[str]:
    """The sheets' paths: each file given, and the `.toml` files below each folder
    (hidden ones and the key aside), once each, in an order that does not depend on
    the order given. A path that does not exist is a CheckFileError: a slip in the
    command, not a student's sheet."""
    found: dict[str, str] = {}  # the real path: the shortest spelling of it
    key_real = os.path.realpath(key_path) if key_path else ""
    for path in given:
        path = os.fsdecode(path)
        if not os.path.exists(path):
            raise CheckFileError(path, "no such file or folder")
        if os.path.isdir(path):
            inside = [
                str(p)
                for p in Path(path).rglob("*.toml")
                if not any(part.startswith(".") for part in p.relative_to(path).parts)
                and p.is_file()
            ]
        else:
            inside = [path]
        for file in inside:
            file = os.path.normpath(file)
            real = os.path.realpath(file)
            if real == key_real:
                continue
            if real not in found or (len(file), file) < (len(found[real]), found[real]):
                found[real] = file
    return sorted(found.values())


def _in_parallel(
    key: Key, precision: Precision, files: list[str], count: int, bar: Any
) -> list[StudentResult]:
    chunk = max(1, min(25, math.ceil(len(files) / (count * 6))))
    chunks = [files[i : i + chunk] for i in range(0, len(files), chunk)]
    methods = multiprocessing.get_all_start_methods()
    # Not fork: the parent may have threads (a notebook's kernel), which fork does not copy.
    context = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
    students: list[StudentResult] = []
    pool = ProcessPoolExecutor(
        count, mp_context=context, initializer=_start, initargs=(key.path, key.source, precision)
    )
    try:
        for done in as_completed([pool.submit(_grade_files, part) for part in chunks]):
            part = done.result()
            students += part
            bar.update(len(part))
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    return students


_WORKER: tuple[Key, Marker] | None = None  # a worker's key and marker


def _start(path: str, source: bytes, precision: Precision) -> None:
    """A worker's start: the key built again from the same bytes. Ctrl-C is the parent's
    to handle: it stops handing out sheets and waits for the workers' last ones."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    global _WORKER
    key = key_from_source(path, source, precision)
    _WORKER = key, Marker.of(key)


def _grade_files(files: list[str]) -> list[StudentResult]:
    assert _WORKER is not None
    key, marker = _WORKER
    return [grade_sheet(file, key, marker) for file in files]


def _processes(asked: int | None, sheets: int) -> int:
    if asked is not None:
        if isinstance(asked, bool) or not isinstance(asked, int) or asked < 1:
            raise ValueError(f"processes is a whole number >= 1, got {asked!r}")
        return min(asked, sheets)
    if sheets < PARALLEL_FROM:
        return 1
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return max(1, min(cores or 1, sheets // 10))


def _bar(total: int, shown: bool) -> Any:
    from tqdm import tqdm

    return tqdm(total=total, disable=not shown, unit="sheet", file=sys.stderr, leave=False)


def _as_list(sheets: object) -> list[str]:
    if isinstance(sheets, (str, os.PathLike)):
        return [os.fsdecode(sheets)]
    return [os.fsdecode(s) for s in sheets]  # type: ignore[attr-defined]
