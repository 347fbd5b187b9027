"""`autograd-scalar check FILE.toml`: check a derivation written in a file, no Python needed.

The file gives the leaves (`[values]`), the equations that build the network
(`[equations]`, read by the formula parser: never `eval`) and the claims to check
(`[claims]`: a node's value, or a partial written `∂out/∂x`, as a number or a formula):

    output = "ℓ"
    [values]
    X1 = 0.6
    [equations]
    Z1 = "W1·X1 + W2·X2 + b1"
    "σ1" = "sigmoid(Z1)"
    [claims]
    "∂ℓ/∂W5" = "(σ3 − y)·σ1"

Each claim is printed with its verdict, its diagnosis and the right formula; `--json`
prints one object instead. `--answers ANSWERS.toml` takes the claims from another file
(holding `[claims]` only), so a class's answers are graded against one network. Exit
status: 0 when every claim is right, 1 when one is wrong, 2 when a file cannot be used
(one line naming the file, the key and the place in the text).
"""

from __future__ import annotations

import argparse
import json
import re
import tomllib
import unicodedata
from pathlib import Path
from typing import Any

from ..check.equations import build
from ..check.partial import check_partial
from ..check.value import check_value
from ..check.verdict import Verdict
from ..core.value import Value
from ..errors import AutogradError, EquationError, FormulaError, UsageError

MAX_BYTES = 1_000_000
NETWORK_KEYS = {"output", "values", "equations", "claims"}
PARTIAL = re.compile(r"∂\s*(?P<of>.+?)\s*/\s*∂\s*(?P<wrt>.+?)\s*")


def add_to(commands: Any) -> None:
    check = commands.add_parser("check", help="check the claims of a derivation written in TOML")
    check.add_argument("file", metavar="FILE.toml", help="the network: values, equations, claims")
    check.add_argument(
        "--answers", metavar="ANSWERS.toml", help="check this file's [claims] instead"
    )
    check.add_argument("--json", action="store_true", help="print one JSON object")
    check.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    network = _read(args.file)
    _only(args.file, network, NETWORK_KEYS)
    nodes = _build(args.file, network)
    output = _output(args.file, network, nodes)
    if args.answers is not None:
        answers = _read(args.answers)
        _only(args.answers, answers, {"claims"})
        source, claims = args.answers, answers.get("claims")
    else:
        source, claims = args.file, network.get("claims")
    if not isinstance(claims, dict) or not claims:
        raise UsageError(f"{source}: no [claims] to check")
    # A class's answers are graded one by one: an answer that cannot be read is wrong,
    # and the others are still checked. In the network's own file it is a mistake (exit 2).
    graded = args.answers is not None
    checked = [_check(source, key, stated, nodes, graded) for key, stated in claims.items()]
    results = [record for record, _ in checked]
    wrong = sum(1 for r in results if r["verdict"] != "right")
    if args.json:
        summary = {"file": args.file, "answers": args.answers, "output": output.label,
                   "claims": results, "checked": len(results), "wrong": wrong}  # fmt: skip
        print(json.dumps(summary, ensure_ascii=False, indent=2))
    else:
        for _, report in checked:
            print(report)
        print(f"{len(results)} claim{'s' * (len(results) != 1)} checked, {wrong} wrong")
    return 1 if wrong else 0


def _read(path: str) -> dict[str, Any]:
    """The file as TOML, or a usage error in one line naming the file and the place."""
    try:
        size = Path(path).stat().st_size
        if size > MAX_BYTES:
            raise UsageError(f"{path}: {size:,} bytes; a derivation file is at most {MAX_BYTES:,}")
        text = Path(path).read_bytes().decode("utf-8")
    except UnicodeDecodeError as error:
        raise UsageError(f"{path}: not UTF-8 text (byte {error.start + 1})") from None
    except OSError as error:
        raise UsageError(f"{path}: cannot be read: {error.strerror or error}") from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise UsageError(f"{path}: {_toml_problem(text, str(error))}") from None
    except RecursionError:
        raise UsageError(f"{path}: nested too deeply to be a derivation") from None


def _toml_problem(text: str, message: str) -> str:
    """TOML's message, or for a key given twice, which key and on which lines."""
    if message.startswith("Cannot overwrite a value"):
        table = ""
        seen: dict[tuple[str, str], int] = {}
        for number, line in enumerate(text.splitlines(), 1):
            header = re.match(r"\s*\[\s*([^\]]+?)\s*\]", line)
            if header:
                table = header.group(1)
                continue
            key = re.match(r"""\s*("([^"\\]*)"|'([^']*)'|[A-Za-z0-9_-]+)\s*=""", line)
            if key:
                name = key.group(2) or key.group(3) or key.group(1)
                name = unicodedata.normalize("NFC", name)
                if (table, name) in seen:
                    where = f"[{table}] " if table else ""
                    return (
                        f"{where}{name!r} is defined twice (lines {seen[(table, name)]} and "
                        f"{number})"
                    )
                seen[(table, name)] = number
    return f"not valid TOML: {message}"


def _only(path: str, data: dict[str, Any], allowed: set[str]) -> None:
    for key, value in data.items():
        if key not in allowed:
            known = ", ".join(sorted(allowed))
            raise UsageError(f"{path}: unknown key {key!r}; a file here holds {known}")
        if key != "output" and not isinstance(value, dict):
            raise UsageError(f"{path}: {key} is a table: write [{key}] on a line of its own")


def _build(path: str, network: dict[str, Any]) -> dict[str, Value]:
    try:
        return build(network.get("values", {}), network.get("equations", {}))
    except EquationError as error:
        raise UsageError(f"{path}: {error.line()}") from None


def _output(path: str, network: dict[str, Any], nodes: dict[str, Value]) -> Value:
    """The node named by `output`, or the last equation's when there is none."""
    label = network.get("output")
    if label is None:
        equations = list(network.get("equations", {}))
        if not equations:
            raise UsageError(f"{path}: no [equations]: there is nothing to differentiate")
        label = equations[-1]
    if not isinstance(label, str) or unicodedata.normalize("NFC", label) not in nodes:
        raise UsageError(f"{path}: output = {label!r} names no node; {_labels(nodes)}")
    return nodes[unicodedata.normalize("NFC", label)]


def _labels(nodes: dict[str, Value]) -> str:
    shown = sorted(nodes)
    return "the labels are " + ", ".join(shown[:20]) + (", …" if len(shown) > 20 else "")


def _check(
    path: str, key: str, stated: Any, nodes: dict[str, Value], graded: bool = False
) -> tuple[dict[str, Any], str]:
    """One claim checked: the JSON-ready record of its verdict, and its printed report.

    `graded` (an answers file): an answer that cannot be read is judged wrong, with why.
    """
    try:
        return _judge(path, key, stated, nodes)
    except UsageError as error:
        if not graded:
            raise
        why = str(error).split(": ", 2)[-1]
        record = {"claim": f"{key} = {stated}", "kind": "unreadable", "verdict": "wrong",
                  "claimed": None, "computed": None, "points_checked": 0,
                  "diagnosis": [f"the answer cannot be read: {why}"], "correct_formula": None}  # fmt: skip
        return record, f"✗ {key} = {stated}: the answer cannot be read: {why}"
    except AutogradError as error:  # the engine could not compute something the file asks
        raise UsageError(f"{path}: [claims] {key!r}: {str(error).splitlines()[0]}") from None


def _judge(path: str, key: str, stated: Any, nodes: dict[str, Value]) -> tuple[dict[str, Any], str]:
    where = f"{path}: [claims] {key!r}"
    if isinstance(stated, bool) or not isinstance(stated, (str, int, float)):
        raise UsageError(f"{where}: a claim is a number or a formula in quotes, got {stated!r}")
    partial = PARTIAL.fullmatch(key)
    wanted = [partial.group("of"), partial.group("wrt")] if partial else [key.strip()]
    found = []
    for label in wanted:
        label = unicodedata.normalize("NFC", label)
        if label not in nodes:
            raise UsageError(f"{where}: {label!r} names no node; {_labels(nodes)}")
        found.append(nodes[label])
    try:
        if partial:
            verdict = check_partial(found[0], found[1], stated)
        else:
            verdict = check_value(found[0], stated)
    except FormulaError as error:
        place = f" (at character {error.start + 1})" if error.text else ""
        word = error.text[error.start : error.end] if error.text else ""
        message = error.message
        if word in nodes and "no node label" in message:  # defined, but not upstream
            message = f"{word!r} is in this file, but {found[0].label} does not depend on it"
        raise UsageError(f"{where} = {stated!r}: {message}{place}") from None
    except ValueError as error:  # a number that is not finite
        raise UsageError(f"{where}: {error}") from None
    return _record(key, stated, verdict, partial is not None), str(verdict)


def _record(key: str, stated: Any, verdict: Verdict, is_partial: bool) -> dict[str, Any]:
    data = verdict.as_dict()
    if is_partial:
        detail = verdict.detail
        if verdict.diagnosis is not None and not verdict.diagnosis.findings:
            detail += "; " + verdict.diagnosis.lines()[0]
    else:
        detail = "" if verdict.ok else f"off by {verdict.error:.6g}"
    return {
        "claim": f"{key} = {stated}",
        "kind": "partial" if is_partial else "value",
        "verdict": data["verdict"],
        "claimed": data["claimed"],
        "computed": data["computed"],
        "points_checked": data["points_checked"],
        "diagnosis": data["diagnosis"],
        "correct_formula": data["correct_formula"],
        "detail": detail,
    }
