"""Safe YAML reading that remembers where every value stood (``file:line:col``).

The bytes come from ``folderfiles.read_rules_bytes`` (regular files only, at most ``MAX_BYTES`` + 1
bytes, after an ``os.stat``). PyYAML's C parser
composes the node tree; one walk records ``path -> (line, col)``, rejects duplicate keys and
non-word keys, and bounds depth and size. Where the text could hold an anchor (``&``), a tag
(``!``) or very deep nesting, the parser's events are scanned first, in a loop (no recursion), so
each is refused where it stands. Scalars follow YAML 1.2 rather than 1.1: only ``true``/``false``
are booleans (``NO`` is Norway), only plain decimals are integers, and nothing becomes a date
implicitly (dates stay text until our parser reads them). No tag constructs an object.

The common case is read fast (``read_data``): a Rust parser (``yaml-rs``) for files that hold none
of what the two readers could read differently (anchors, tags, escapes, tabs, odd line breaks,
numbers other than plain decimals, non-word keys, flow collections other than simple one-line
ones, a block scalar at the end, deep nesting; what quoted scalars hold is looked past); its
result is then checked to be plain data. Anything else, and any file the fast parser refuses, goes
to the position-keeping reader, so both give the same data for every file
(``tests/test_speed_yaml.py``), and positions are computed only where a problem needs them
(``LazyMarks``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from functools import lru_cache
from itertools import repeat
from pathlib import Path
from typing import Any

import yaml
from yaml.events import AliasEvent, CollectionEndEvent, CollectionStartEvent, NodeEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .errors import Problem, RulesError
from .folderfiles import MAX_BYTES, read_rules_bytes

__all__ = [
    "KEY",
    "MAX_DEPTH",
    "MAX_INT_DIGITS",
    "LazyMarks",
    "Marks",
    "MarksLike",
    "fast_data",
    "key_position",
    "locate",
    "read_data",
    "read_yaml",
]

MAX_DEPTH = 32
MAX_INT_DIGITS = 30
#: Marks holds the position of each value under its path, and of each mapping key under
#: ``(*path, key, KEY)`` (so an unknown key can be reported where the key itself stands).
KEY = "\x00key"
Marks = dict[tuple[str | int, ...], tuple[int, int]]
#: what readers of marks accept: a ``Marks`` dict, or ``LazyMarks`` that reads them when first asked
MarksLike = Mapping[tuple[str | int, ...], tuple[int, int]]

_CBase: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_T = "tag:yaml.org,2002:"
#: The only tags a value may resolve to (implicitly: an explicit tag is refused): plain data.
_INT = _T + "int"
_ALLOWED_TAGS = frozenset(_T + t for t in ("str", "int", "float", "bool", "null", "seq", "map"))
_KEY_WORDS = {_T + "int": "a number", _T + "float": "a number", _T + "bool": "true/false", _T + "null": "nothing"}
#: libyaml's C composer recurses without a guard and crashes the process around 10,000 levels of
#: nesting. A text with fewer than this many ``[``/``{`` and no line indented this deep cannot
#: nest that far; anything else has its depth measured from the parser's events first.
_C_SAFE_NESTING = 1000
#: Characters YAML does not allow in a stream (PyYAML's reader refuses them the same way).
_NOT_PRINTABLE = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


def _yaml12(base: Any) -> Any:
    class Loader(base):  # type: ignore[misc]
        """Safe loader with YAML-1.2-like implicit scalars."""

    dropped = (_T + "timestamp", _T + "bool", _T + "int", _T + "value")
    Loader.yaml_implicit_resolvers = {
        ch: [(tag, rx) for tag, rx in rs if tag not in dropped] for ch, rs in base.yaml_implicit_resolvers.items()
    }
    Loader.add_implicit_resolver(_T + "bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))
    Loader.add_implicit_resolver(_T + "int", re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$"), list("-+0123456789"))
    return Loader


_Loader = _yaml12(_CBase)


def _may_nest_deep(text: str) -> bool:
    """True when ``text`` could nest deeper than the C composer survives (cheap upper bound): it
    holds ``_C_SAFE_NESTING`` brackets, or a line starts with that many (less the brackets) of ``[ \\t?:-]``.
    """
    if len(text) < _C_SAFE_NESTING:
        return False
    opens = text.count("[") + text.count("{")
    if opens >= _C_SAFE_NESTING:
        return True
    run = f"[ \\t?:-]{{{_C_SAFE_NESTING - opens}}}"  # at the start or after a LF: a literal to search for
    return re.match(run, text) is not None or re.search("\\n" + run, text) is not None


def _one(name: str, message: str, code: str, line: int = 1, col: int = 1) -> RulesError:
    return RulesError([Problem(name, line, col, message, code=code)])


def _problem(path: str, node_or_mark: Any, message: str, code: str) -> RulesError:
    mark = getattr(node_or_mark, "start_mark", node_or_mark)
    return _one(path, message, code, getattr(mark, "line", 0) + 1, getattr(mark, "column", 0) + 1)


def _decode(name: str, raw: bytes) -> str:
    """The text of a rules file (a leading byte-order mark dropped); empty or oversized files refused."""
    if len(raw) > MAX_BYTES:
        raise _one(name, f"file is over {MAX_BYTES} bytes; rules files are limited to {MAX_BYTES}", "too_large")
    try:
        decoded = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        col = exc.start - (before.rfind(b"\n") + 1) + 1
        raise _one(name, "file is not UTF-8 text; save it as UTF-8", "encoding", before.count(b"\n") + 1, col) from None
    decoded = decoded.removeprefix("\ufeff")
    if not decoded.strip():
        raise _one(name, "file is empty; expected a mapping such as 'id: CHN-PRK-1961'", "empty")
    return decoded


# ---------------------------------------------------------------- parsing


def read_yaml(path: str | Path, text: str | bytes | None = None) -> tuple[Any, Marks]:
    """Read one YAML document (from ``path``, or ``text`` when given); return the data and its position map.

    Raises ``RulesError`` with one positioned ``Problem`` for any defect of the file itself.
    """
    name = str(path)
    raw = read_rules_bytes(path) if text is None else text.encode() if isinstance(text, str) else text
    decoded = _decode(name, raw)
    try:
        if "&" in decoded or "!" in decoded or _may_nest_deep(decoded):
            _scan_events(name, decoded)
        return _compose(name, decoded)
    except yaml.YAMLError as exc:
        raise _yaml_problem(name, decoded, exc) from None
    except ValueError as exc:  # a scalar Python cannot convert (the walk bounds integers first)
        raise _one(name, f"a value cannot be read: {exc}; write it as plain text in quotes", "bad_value") from None


def read_data(path: str | Path, raw: bytes | None = None) -> tuple[Any, Marks | None]:
    """The data of one rules file (read from ``path`` unless ``raw`` is given), and its marks when
    the position-keeping reader had to read it (``None``: read fast, with no marks kept).

    Raises ``RulesError`` exactly where ``read_yaml`` does: a file the fast path would read
    differently, or cannot read, is read by ``read_yaml``.
    """
    name = str(path)
    data = read_rules_bytes(path) if raw is None else raw
    decoded = _decode(name, data)
    fast = fast_data(decoded)
    if fast is not None:
        return fast, None
    return read_yaml(path, data)


def _fast_parser() -> Any:
    """``yaml_rs``, or None: the fast parser is optional, and without it every file takes the slow path."""
    try:
        import yaml_rs
    except ImportError:  # pragma: no cover - yaml-rs is a dependency; a build without a wheel still works
        return None
    return yaml_rs


_yaml_rs: Any = _fast_parser()

#: what only the position-keeping reader reads as we mean it (or refuses where it stands), in checks
#: that each scan fast: escapes, tabs and line breaks other than LF, a byte-order mark; directives and
#: document markers; a colon that does not end its key (``a:b``, ``:[``, flow ``{a:1}``); and, at the
#: start of a token, an indicator (anchor, alias, tag, flow collection, reserved, complex key) or a
#: block scalar indicator that does not end its line. Merge keys (``<<``) are checked as text.
_DECLINE_CHARS = re.compile(r"[\\\t\r\x85\u2028\u2029\ufeff]")
_DECLINE_LINES = ("%", "---", "...")
_DECLINE_LINE = re.compile(r"\n(?:%|---|\.\.\.)")  # a literal first: a fast search
_DECLINE_COLON = re.compile(r":[^ \n]")
_INDICATOR_CHARS = "[{&*!@`%?|>"
_INDICATOR = re.compile(f"[{re.escape(_INDICATOR_CHARS)}]")
_BLOCK_HEADER = re.compile(r"[-+0-9]*[ ]*(?:#.*)?$", re.M)
#: a line that holds only a comment (whatever it stands in, its text is no number nor property)
_COMMENT_LINE = re.compile(r"^[ ]*#.*$", re.M)
#: a plain token that could be a number to either reader (whole scalars, and some false alarms)
_TOKEN = re.compile(r"[-+.0-9](?<![^\s\[{,:].)[0-9A-Za-z_.:+-]*(?=[ ]*$|[ ]*[,\]}]|[ ]+#|:[ ]|:$)", re.M)
#: every token either reader could take for a number (a superset: it is checked against both)
_NUMBERISH = re.compile(r"[-+]?(?:0[xob][0-9a-f_]*|[0-9_.:]*(?:e[-+]?[0-9_]*)?|\.(?:inf|nan))", re.I)
#: the numbers both read alike: plain decimal integers
_CANONICAL = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")
#: what may follow a whole scalar on its line: the end of the line, a comment, the colon of a key,
#: or (in a flow collection) a comma or a closing bracket
_SCALAR_END = r"(?=[ ]*$|[ ]*[,\]}]|:[ ]|:$|[ ]+#)"
#: a quoted scalar where a token starts, closed on its own line (escapes never get here: a
#: backslash sends the text to the position-keeping reader), as ``_masked`` empties it
_QUOTED = re.compile(r"""(?<=[\s\[{,])(?:"[^"\n]*"|'(?:[^'\n]|'')*')""" + _SCALAR_END, re.M)
#: an item of a one-line flow collection: an emptied quoted scalar, or a plain word (no colon,
#: space, quote, bracket or indicator); its numbers are checked as every token is (``_TOKEN``)
_ITEM = r'(?:""|[-+]?[A-Za-z0-9_][A-Za-z0-9_.+-]*)'
_PAIR = rf"[A-Za-z_][A-Za-z0-9_]*:[ ]+{_ITEM}"
#: a flow collection both readers read alike: on one line, to its end (or a comment), not nested,
#: its items plain words or quoted scalars (``[CHN, PRK]``, ``{ccode: 700, letters: "AFG"}``)
_SEQUENCE = rf"\[[ ]*(?:{_ITEM}(?:[ ]*,[ ]*{_ITEM})*)?[ ]*\]"
_MAPPING = rf"\{{[ ]*(?:{_PAIR}(?:[ ]*,[ ]*{_PAIR})*)?[ ]*\}}"
_FLOW = re.compile(rf"(?:{_SEQUENCE}|{_MAPPING})[ ]*(?:[ ]#.*)?$", re.M)
_INT_BOUND = 10 ** (MAX_INT_DIGITS - 2)


def fast_data(text: str) -> Any | None:
    """The data of a decoded rules text read fast, or ``None`` where the position-keeping reader must
    read it (it could read differently, or the text has a problem to report where it stands).

    >>> fast_data("id: CHN-PRK-1961\\natopid: 3440\\nsigned: 1961-07-11\\n")
    {'id': 'CHN-PRK-1961', 'atopid': 3440, 'signed': '1961-07-11'}
    >>> fast_data("atopid: 017\\n") is None  # a number YAML 1.2 reads as 17, which we keep as text
    True
    """
    if _yaml_rs is None or _odd_or_deep(text):
        return None
    bare = _without_comment_lines(text)
    if "<<" in bare:  # a merge key, quoted or not, is refused where it stands
        return None
    if _declined(bare) and _declined(bare := _masked(bare)):  # a second look, quoted scalars emptied
        return None
    for tok in set(_TOKEN.findall(bare)):  # a file repeats few distinct tokens
        if _NUMBERISH.fullmatch(tok) and not _CANONICAL.fullmatch(tok):
            return None
    try:
        data = _yaml_rs.loads(text, parse_datetime=False)
    except Exception:  # any refusal: the position-keeping reader says where and why
        return None
    return data if type(data) is dict and _plain(data, 0) else None


#: the bytes a text may hold and be read fast without a closer look: LF and printable ASCII but the backslash
_ASCII_PLAIN = bytes([0x0A, *range(0x20, 0x5C), *range(0x5D, 0x7F)])
_NON_ASCII = bytes(range(0x80, 0x100))


def _odd_or_deep(text: str) -> bool:
    """Whether ``text`` holds a character YAML refuses or one the two readers treat apart
    (``_NOT_PRINTABLE``, ``_DECLINE_CHARS``), or could nest deeper than a parser survives
    (``_may_nest_deep``). One pass over the UTF-8 bytes drops the plain ASCII; the regexes read only
    the non-ASCII characters left (every byte of those is >= 0x80, so what is left still decodes).
    """
    try:
        rest = text.encode().translate(None, _ASCII_PLAIN)
    except UnicodeEncodeError:  # a lone surrogate: never in a decoded file
        return True
    if rest:
        if rest.translate(None, _NON_ASCII):  # a control character, a tab, a CR or a backslash
            return True
        odd = rest.decode()
        if _NOT_PRINTABLE.search(odd) or _DECLINE_CHARS.search(odd):
            return True
    return _may_nest_deep(text)


def _without_comment_lines(text: str) -> str:
    """``text`` with every line that holds only a comment emptied (what ``_COMMENT_LINE.sub("", text)``
    gives), found from the few ``#`` a text holds rather than by trying every line.

    >>> _without_comment_lines("# head\\nid: X  # kept\\n  # gone\\n")
    '\\nid: X  # kept\\n\\n'
    """
    parts: list[str] = []
    start = 0
    i = text.find("#")
    while i >= 0:
        line = text.rfind("\n", 0, i) + 1
        if text[line:i].strip(" "):
            i = text.find("#", i + 1)
            continue
        end = text.find("\n", i)
        end = len(text) if end < 0 else end
        parts.append(text[start:line])
        start = end
        i = text.find("#", end)
    parts.append(text[start:])
    return "".join(parts)


def _masked(bare: str) -> str:
    """``bare`` with every quoted scalar that starts a token and closes on its line emptied
    (``"..."`` and ``'...'`` become ``""``): both readers read those as the same text, whatever
    they hold (URLs' colons, brackets, ``#``), so the checks need not look inside them.

    >>> print(_masked("source: 'https://x.org/a#b'\\nparties: [CHN, 'PRK']\\nnote: it's 'so'"))
    source: ""
    parties: [CHN, ""]
    note: it's ""
    """
    return _QUOTED.sub('""', bare)


def _declined(bare: str) -> bool:
    """Whether a text (comment lines dropped) holds anything the two readers could read differently
    (the characters of ``_DECLINE_CHARS`` are checked, on the whole text, by ``_odd_or_deep``)."""
    if _DECLINE_COLON.search(bare):
        return True
    if bare.startswith(_DECLINE_LINES) or _DECLINE_LINE.search(bare):
        return True
    if not any(c in bare for c in _INDICATOR_CHARS):  # most texts hold none: no scan
        return False
    for m in _INDICATOR.finditer(bare):  # an indicator counts only where a token starts
        i = m.start()
        if i and not (bare[i - 1].isspace() or bare[i - 1] in ",:"):
            continue
        if m.group() in "|>" and _BLOCK_HEADER.match(bare, i + 1):
            if _runs_to_the_end(bare, i):
                return True
            continue
        if m.group() in "[{" and _FLOW.match(bare, i):
            continue
        return True
    return False


def _runs_to_the_end(bare: str, i: int) -> bool:
    """Whether the block scalar whose header is at ``i`` may run to the end of the text: no later line
    that holds something is indented as little as the header's line (or less). The readers part
    there: yaml-rs gives an empty body ``"\\n"`` and keeps a last line break the text lacks.

    >>> _runs_to_the_end("a: |\\n  x\\nb: 1\\n", 3), _runs_to_the_end("a: |\\n  x", 3), _runs_to_the_end("a: |\\n", 3)
    (False, True, True)
    """
    start, end = bare.rfind("\n", 0, i) + 1, bare.find("\n", i)
    indent = i - start - len(bare[start:i].lstrip(" "))
    return end < 0 or _closing_line(indent).search(bare, end) is None


@lru_cache(maxsize=64)
def _closing_line(indent: int) -> re.Pattern[str]:
    """A line that holds something, indented ``indent`` spaces or less (found from its line break)."""
    return re.compile(rf"\n[ ]{{0,{indent}}}[^ \n]")


def _plain(value: Any, depth: int) -> bool:
    """Plain data as the position-keeping reader gives it: word keys, no floats, bounded depth and digits."""
    kind = type(value)
    if kind is str or kind is bool or value is None:
        return True
    if kind is int:
        return bool(-_INT_BOUND < value < _INT_BOUND)
    if depth >= MAX_DEPTH or (kind is not dict and kind is not list):
        return False
    if kind is dict and not all(map(isinstance, value, repeat(str))):  # '<<' never gets here (``fast_data``)
        return False
    for v in value.values() if kind is dict else value:
        t = type(v)  # text and numbers, most leaves, need no call
        if t is str or (t is int and -_INT_BOUND < v < _INT_BOUND):
            continue
        if not _plain(v, depth + 1):
            return False
    return True


class LazyMarks(Mapping[tuple[str | int, ...], tuple[int, int]]):
    """The marks of a file read fast, computed by the position-keeping reader when first asked for
    (only a problem needs a position). A file that no longer reads gives no marks (``1:1``)."""

    __slots__ = ("_marks", "_path")

    def __init__(self, path: str | Path) -> None:
        self._path = path
        self._marks: Marks | None = None

    def _load(self) -> Marks:
        if self._marks is None:
            try:
                self._marks = read_yaml(self._path)[1]
            except RulesError:
                self._marks = {}
        return self._marks

    def __getitem__(self, key: tuple[str | int, ...]) -> tuple[int, int]:
        return self._load()[key]

    def __iter__(self) -> Iterator[tuple[str | int, ...]]:
        return iter(self._load())

    def __len__(self) -> int:
        return len(self._load())


def _compose(name: str, text: str) -> tuple[Any, Marks]:
    loader = _Loader(text)
    try:
        root = loader.get_single_node()
        if root is None:
            raise _one(name, "file holds only comments; expected a mapping such as 'id: CHN-PRK-1961'", "empty")
        marks: Marks = {}
        _walk(root, (), name, marks, 0)
        return loader.construct_document(root), marks
    finally:
        loader.dispose()


def _scan_events(name: str, text: str) -> None:
    """Refuse anchors, aliases, explicit tags and nesting deeper than ``MAX_DEPTH`` where they stand.

    Reads the parser's events in a loop (no recursion), so 100,000 levels of nesting are reported
    at the first level too deep, and the C composer never sees them.
    """
    loader = _Loader(text)
    try:
        depth = 0
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, CollectionEndEvent):
                depth -= 1
            elif isinstance(event, NodeEvent):
                _refuse_event(name, event, depth)
                depth += isinstance(event, CollectionStartEvent)
    finally:
        loader.dispose()


def _refuse_event(name: str, event: NodeEvent, depth: int) -> None:
    if depth > MAX_DEPTH:
        raise _problem(name, event, _TOO_DEEP, "too_deep")
    if isinstance(event, AliasEvent):
        msg = f"{_NO_ANCHORS}: replace the alias '*{event.anchor}' with the value"
        raise _problem(name, event, msg, "alias")
    if event.anchor is not None:
        msg = f"{_NO_ANCHORS}: remove the anchor '&{event.anchor}'"
        raise _problem(name, event, msg, "alias")
    tag = getattr(event, "tag", None)
    if tag is not None:
        raise _problem(name, event, _tag_message(tag), "tag")


_NO_ANCHORS = "YAML anchors and aliases are not allowed in rules files"
_TOO_DEEP = f"nesting deeper than {MAX_DEPTH} levels; rules files are flatter than that"


def _tag_message(tag: str) -> str:
    shown = tag.replace(_T, "!!")
    return (
        f"YAML tag {shown!r} is not allowed in rules files (they hold plain text, numbers, lists and mappings); "
        "remove the tag (quote a value that must stay text)"
    )


def _yaml_problem(name: str, text: str, exc: yaml.YAMLError) -> RulesError:
    """One located, one-line problem for a YAML error."""
    if isinstance(exc, yaml.reader.ReaderError):
        return _bad_character(name, text, exc.position)
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        msg = _syntax_message(exc, text, mark)
        opened = exc.context_mark
        if opened is not None and mark is not None and opened.line < mark.line and _OPENED.search(exc.context or ""):
            # an unclosed bracket or quote: where it was opened, not where the parser gave up
            msg = (
                f"{msg}: the bracket or quote opened here is not closed (the parser gave up at line "
                f"{mark.line + 1}); close it, or quote the whole value"
            )
            mark = opened
        return _problem(name, mark, msg, "too_deep" if msg.startswith("nesting deeper") else "yaml_syntax")
    return _one(name, "YAML error: " + " ".join(str(exc).split()), "yaml_syntax")


def _bad_character(name: str, text: str, position: int) -> RulesError:
    """A character YAML refuses, at its own line and column."""
    m = _NOT_PRINTABLE.search(text)
    i = m.start() if m is not None else min(position, len(text))
    char = text[i] if i < len(text) else "\x00"
    breaks = list(_BREAK.finditer(text, 0, i))
    line, col = len(breaks) + 1, i - (breaks[-1].end() if breaks else 0) + 1
    code = ord(char)
    escape = f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
    msg = (
        f"character U+{code:04X} is not allowed in rules files (a control character or noncharacter); "
        f"delete it, or write it as {escape} inside a double-quoted string"
    )
    return _one(name, msg, "bad_character", line, col)


def _walk(node: Node, path: tuple[str | int, ...], name: str, marks: Marks, depth: int) -> None:
    if depth > MAX_DEPTH:
        raise _problem(name, node, _TOO_DEEP, "too_deep")
    if node.tag not in _ALLOWED_TAGS:
        raise _problem(name, node, _tag_message(node.tag), "tag")
    marks[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, ScalarNode):
        if node.tag == _INT and len(node.value) > MAX_INT_DIGITS:
            raise _problem(
                name,
                node,
                f"a number of {len(node.value)} digits; numbers in rules files have at most "
                f"{MAX_INT_DIGITS} (quote it if it is text)",
                "bad_value",
            )
    elif isinstance(node, MappingNode):
        keys: set[str] = set()
        for key, value in node.value:
            _check_key(name, key, keys)
            keys.add(key.value)
            marks[(*path, key.value, KEY)] = (key.start_mark.line + 1, key.start_mark.column + 1)
            _walk(value, (*path, key.value), name, marks, depth + 1)
    elif isinstance(node, SequenceNode):
        for i, value in enumerate(node.value):
            _walk(value, (*path, i), name, marks, depth + 1)


def _check_key(name: str, key: Node, seen: set[str]) -> None:
    """A mapping key is a plain word, not a merge key, and appears once."""
    if not isinstance(key, ScalarNode):
        raise _problem(name, key, "mapping keys must be plain words", "bad_key")
    if key.tag == _T + "merge" or key.value == "<<":
        raise _problem(name, key, "YAML merge keys ('<<') are not allowed in rules files; write the keys out", "alias")
    if key.tag != _T + "str":
        word = _KEY_WORDS.get(key.tag, key.tag.replace(_T, "!!"))
        msg = f"key {key.value!r} reads as {word}; keys are words: rename it, or quote it if it must stay"
        raise _problem(name, key, msg, "bad_key")
    if key.value in seen:
        raise _problem(
            name,
            key,
            f"duplicate key {key.value!r}; each key may appear once (merge the two or delete one)",
            "duplicate_key",
        )


#: parser contexts that start at an opening bracket or quote (``context_mark`` is that character)
_OPENED = re.compile(r"flow (sequence|mapping)|quoted scalar")


def _syntax_message(exc: yaml.MarkedYAMLError, text: str, mark: Any) -> str:
    problem = exc.problem or "invalid YAML"
    if "maximum nesting depth" in problem:  # libyaml's own bound, met while it scans ahead
        return f"nesting deeper than {MAX_DEPTH} levels (here it passes 1000); rules files are flatter than that"
    if "another document" in problem:
        return (
            "a rules file holds one YAML document; "
            "remove the second '---' and what follows, or split it into its own file"
        )
    if "cannot start any token" in problem and mark is not None:
        lines = text.splitlines()
        line = lines[mark.line] if mark.line < len(lines) else ""
        if "\t" in line[: mark.column + 1]:
            return "YAML syntax: a tab cannot indent YAML; indent with spaces"
    if "constructor" in problem:  # a tag the safe loader refuses (normally caught earlier)
        return f"YAML syntax: {problem}; rules files take no tags"
    msg = f"YAML syntax: {problem}"
    if exc.context:
        msg = f"{msg} ({exc.context})"
    return msg


def key_position(loc: tuple[Any, ...], marks: Mapping[tuple[str | int, ...], tuple[int, int]]) -> tuple[int, int]:
    """Where the key at the end of ``loc`` stands (falls back to :func:`locate`).

    >>> key_position(("tittle",), {(): (1, 1), ("tittle",): (2, 9), ("tittle", KEY): (2, 1)})
    (2, 1)
    """
    pos = marks.get((*loc, KEY))
    return pos if pos is not None else locate(loc, marks)


def locate(loc: tuple[Any, ...], marks: Mapping[tuple[str | int, ...], tuple[int, int]]) -> tuple[int, int]:
    """Position of the longest prefix of a pydantic error location that exists in ``marks``.

    >>> locate(("events", 2, "date"), {(): (1, 1), ("events",): (5, 1), ("events", 2): (8, 5)})
    (8, 5)
    """
    best = marks.get((), (1, 1))
    cur: tuple[str | int, ...] = ()
    for part in loc:
        nxt = (*cur, part)
        if nxt in marks:
            cur = nxt
            best = marks[cur]
    return best
