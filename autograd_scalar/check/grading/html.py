"""What the grading pages share: the page around them, their style, and text made safe.

Every page is one self-contained file: its style inside, no script, no font or image
fetched (its Content-Security-Policy forbids both). Every text a student wrote (a name, a file name, an answer, a message that
quotes an answer) goes through `escape`, in element content and in attributes alike, so
no answer can become markup, and stands in a `<bdi>` (`written`), so no direction mark
in it can reorder the page; ids are made from counts, never from what was written.
"""

from __future__ import annotations

import html
import re

STYLE = """
:root { --right: #1e7d32; --wrong: #c62828; --unanswered: #8d8d8d; --unreadable: #ef6c00; }
body { font: 15px/1.45 system-ui, sans-serif; margin: 2rem auto; max-width: 72rem;
       padding: 0 1rem; color: #222; }
h1 { font-size: 1.6rem; } h2 { margin-top: 2.2rem; border-bottom: 1px solid #ddd; }
small, .muted { color: #666; }
table { border-collapse: collapse; margin: .6rem 0; }
th, td { border: 1px solid #ddd; padding: .25rem .5rem; text-align: left; vertical-align: top; }
thead th { background: #f4f4f4; }
td.points, th.points { text-align: right; white-space: nowrap; }
code, .formula { font-family: ui-monospace, monospace; overflow-wrap: anywhere; }
.formula { font-family: "Times New Roman", serif; font-style: italic; font-size: 1.08em; }
.right { color: var(--right); } .wrong { color: var(--wrong); }
.unanswered { color: var(--unanswered); } .unreadable { color: var(--unreadable); }
td.status-right { background: #e8f5e9; } td.status-wrong { background: #ffebee; }
td.status-unanswered { background: #f5f5f5; } td.status-unreadable { background: #fff3e0; }
.bar { display: flex; height: 1.4rem; max-width: 36rem; border-radius: 3px; overflow: hidden;
       margin: .3rem 0; font-size: .8rem; color: #fff; }
.bar span { display: flex; align-items: center; justify-content: center; min-width: 0; }
.bar .right { background: var(--right); color: #fff; }
.bar .wrong { background: var(--wrong); color: #fff; }
.bar .unanswered { background: var(--unanswered); color: #fff; }
.bar .unreadable { background: var(--unreadable); color: #fff; }
.student:target, .question:target { outline: 3px solid #90caf9; outline-offset: 6px; }
ul.why { margin: .2rem 0; padding-left: 1.2rem; }
svg text { font: 12px system-ui, sans-serif; fill: #333; }
"""

MARKS = {"right": "✓", "wrong": "✗", "unanswered": "·", "unreadable": "?"}
_INDEX = re.compile(r"(?<=[^\W\d_])\d+")  # the 3 of σ3, the 12 of W12


def escape(text: object) -> str:
    """Text as HTML shows it, never as markup (quotes too, for attributes)."""
    return html.escape(str(text), quote=True)


def written(text: object) -> str:
    """Text a student wrote, escaped and isolated: its bidirectional controls (U+202E)
    cannot reorder what stands around it."""
    return f"<bdi>{escape(text)}</bdi>"


def formula_html(text: str) -> str:
    """A formula set as math: a label's index as a subscript (σ3 is σ₃), escaped."""
    pieces, at = [], 0
    for found in _INDEX.finditer(text):
        pieces += [escape(text[at : found.start()]), f"<sub>{escape(found.group())}</sub>"]
        at = found.end()
    pieces.append(escape(text[at:]))
    return f'<span class="formula">{"".join(pieces)}</span>'


def sheet_problems(unread: str, extra: tuple[str, ...], student_reads: bool) -> list[str]:
    """Paragraphs on what could not be read of a sheet: all of it (`unread` says why), or
    keys that name no question (`extra`); worded for the student, or for the teacher."""
    found = []
    if unread:
        whose = "Your sheet" if student_reads else "The sheet"
        found.append(f'<p class="unreadable">{whose} could not be read: {escape(unread)}</p>')
    if extra:
        shown = ", ".join(f"<code>{written(k)}</code>" for k in extra)
        words = (
            "These keys of your sheet are not questions"
            if student_reads
            else ("Not questions of the key")
        )
        found.append(f'<p class="muted">{words}: {shown}</p>')
    return found


def status_html(status: str) -> str:
    return f'<span class="{status}">{MARKS[status]} {status}</span>'


def page(title: str, body: str) -> str:
    """A whole page: `title` (escaped here) and `body` (already HTML)."""
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        # Nothing runs and nothing is fetched, even if a text were ever let through.
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'\">\n"
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n<style>{STYLE}</style>\n</head>\n"
        f"<body>\n{body}\n</body>\n</html>\n"
    )
