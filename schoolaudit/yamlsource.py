"""Reading YAML safely, keeping every node's position for error messages.

Answers files can be hand-edited by anyone, and trusts feed us thousands of
them, so this loader is defensive and fast:

* the file's size is checked before it is read (bounded memory);
* the text must be UTF-8 (a BOM is accepted); anything else is one clear problem;
* a file in the plain part of YAML answers files are written in is read
  quickly (`plainyaml`), its positions kept in an index; any other file is
  composed by PyYAML's C parser (when it is available), and the node graph
  kept, so that any later problem can be pointed at a line and column;
* duplicate keys are problems, never "last one wins";
* aliases may not expand into more than a fixed number of nodes, which stops
  "billion laughs" documents before anything walks them;
* numbers are finite and of a sane length (`.nan`, `.inf`, 5,000 digits and
  `!!int abc` are located problems, not a NaN score or a crash);
* timestamps stay strings: dates are parsed (and checked) by the callers, and
  the data stays JSON-shaped for schema validation.
"""

from __future__ import annotations

import math
import os
import stat
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, cast

import yaml
import yaml.reader
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.resolver import Resolver

from schoolaudit.plainyaml import NotPlain, Root, locate, read_plain
from schoolaudit.problems import Location, Problem, ProblemsError, too_deep
from schoolaudit.values import json_keys, key_text

try:  # the C parser is much faster; fall back to pure Python where it was not built
    from yaml.cyaml import CParser as _Parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml.composer import Composer
    from yaml.parser import Parser
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    class _Parser(Reader, Scanner, Parser, Composer):  # type: ignore[no-redef]
        def __init__(self, stream: str) -> None:
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            Parser.__init__(self)
            Composer.__init__(self)


MAX_FILE_BYTES = 5 * 1024 * 1024
"""Largest YAML file we read. A full answers file is a few tens of kilobytes."""

MAX_EXPANDED_NODES = 250_000
"""Largest node count a document may reach once aliases are expanded."""

_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"


class _Resolver(Resolver):
    """YAML 1.1 resolution (so `yes` is still a boolean) minus timestamps.

    The C parser asks for every scalar's tag, and PyYAML's answer tries a
    regular expression or two each time: a sixth of a file's load. A quoted
    scalar is always a string (no path resolvers are registered), and a plain
    one is looked up in a memo of earlier answers: the keys and words of
    answers files (`answer`, `note`, `gov-01`, `yes`) repeat in every file.
    """

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        if kind is not ScalarNode:
            return super().resolve(kind, value, implicit)  # type: ignore[no-untyped-call]
        if not implicit[0]:
            return self.DEFAULT_SCALAR_TAG
        tag = _PLAIN_TAGS.get(value)
        if tag is None:
            tag = super().resolve(kind, value, implicit)  # type: ignore[no-untyped-call]
            if len(_PLAIN_TAGS) < MAX_REMEMBERED_SCALARS and len(value) <= 40:
                _PLAIN_TAGS[value] = tag
        return tag

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        """Nothing to track: no path resolvers (asked twice per node)."""

    def ascend_resolver(self) -> None:
        """Nothing to track: no path resolvers."""


MAX_REMEMBERED_SCALARS = 20_000
"""How many plain scalars' tags the resolver remembers (a few MiB at most)."""

_PLAIN_TAGS: dict[str, str] = {}


assert not Resolver.yaml_path_resolvers, "the memo in _Resolver.resolve assumes none"
_Resolver.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != _TIMESTAMP_TAG]
    for first, resolvers in Resolver.yaml_implicit_resolvers.items()
}


class _BadValue(yaml.MarkedYAMLError):
    """A scalar whose tag or form cannot be a value (`!!int abc`, `!!bool maybe`, a
    5,000-digit number); `note` carries the hint."""

    code = "yaml/bad-number"


class _BadBoolean(_BadValue):
    code = "yaml/bad-boolean"


MAX_NUMBER_CHARACTERS = 100
"""Longest number we construct. Python refuses to convert more than 4,300 digits,
and nothing a checklist or answers file holds needs more than a few."""


class _Constructor(SafeConstructor):
    """Safe construction that records duplicate keys instead of overwriting."""

    duplicate_keys: list[tuple[ScalarNode, ScalarNode]]

    def construct_mapping(self, node: MappingNode, deep: bool = False) -> dict[Any, Any]:
        if isinstance(node, MappingNode):
            seen: dict[Any, ScalarNode] = {}
            for key_node, _ in node.value:
                if not isinstance(key_node, ScalarNode) or key_node.tag.endswith(":merge"):
                    continue
                identity = self._key_identity(key_node)
                if identity in seen:
                    self.duplicate_keys.append((key_node, seen[identity]))
                else:
                    seen[identity] = key_node
        return super().construct_mapping(node, deep=deep)

    def _key_identity(self, key_node: ScalarNode) -> Any:
        """The key as the data will hold it (in JSON's shape, see `construct`): `1`, `"1"`
        and `0x1` are one key, as are `true` and `yes`, so a second one would silently
        replace the first."""
        try:
            key = self.construct_object(key_node)
            hash(key)
        except (yaml.YAMLError, TypeError, ValueError):
            return (key_node.tag, key_node.value)
        return ("value", key_text(key))

    def construct_yaml_int(self, node: ScalarNode) -> int:
        return int(self._number(node, super().construct_yaml_int))

    def construct_yaml_float(self, node: ScalarNode) -> float:
        value = float(self._number(node, super().construct_yaml_float))
        if not math.isfinite(value):  # `.nan`, `.inf`: no weight, score or answer is one
            raise _BadValue(None, None, f"'{node.value}' is not a finite number", node.start_mark)
        return value

    def construct_yaml_bool(self, node: ScalarNode) -> bool:
        try:
            return bool(super().construct_yaml_bool(node))
        except KeyError:  # `!!bool maybe`
            raise _BadBoolean(
                None,
                None,
                f"'{str(node.value)[:40]}' is not yes or no",
                node.start_mark,
                "write yes or no, or remove the !!bool tag",
            ) from None

    def _number(self, node: ScalarNode, construct: Any) -> Any:
        text = str(node.value)
        if len(text) > MAX_NUMBER_CHARACTERS:
            raise _BadValue(
                None, None, f"this number is {len(text):,} characters long", node.start_mark
            )
        try:
            return construct(node)
        except (ValueError, OverflowError, IndexError):  # `!!int abc`, `!!int ""`
            kind = "a whole number" if node.tag.endswith(":int") else "a number"
            raise _BadValue(None, None, f"'{text[:40]}' is not {kind}", node.start_mark) from None

    def construct_yaml_timestamp(self, node: ScalarNode) -> str:  # type: ignore[override]
        return str(self.construct_scalar(node))


_Constructor.add_constructor(_TIMESTAMP_TAG, _Constructor.construct_yaml_timestamp)  # type: ignore[type-var]
_Constructor.add_constructor("tag:yaml.org,2002:bool", _Constructor.construct_yaml_bool)  # type: ignore[type-var]
_Constructor.add_constructor("tag:yaml.org,2002:int", _Constructor.construct_yaml_int)  # type: ignore[type-var]
_Constructor.add_constructor("tag:yaml.org,2002:float", _Constructor.construct_yaml_float)  # type: ignore[type-var]


class _Loader(_Parser, _Constructor, _Resolver):
    def __init__(self, stream: str) -> None:
        _Parser.__init__(self, stream)
        _Constructor.__init__(self)
        _Resolver.__init__(self)
        self.duplicate_keys = []


@dataclass(frozen=True)
class YamlDocument:
    """A loaded YAML file: its data, plus what locates problems in it: PyYAML's node graph,
    or the index of places `plainyaml` keeps for a file it read."""

    path: str
    data: Any
    root: Node | None
    plain: Root | None = field(default=None, compare=False, repr=False)
    _keys: dict[int, dict[str, tuple[Node, Node]]] = field(
        default_factory=dict, compare=False, repr=False
    )

    def at(self, path: Sequence[str | int], *, key: bool = False) -> Location:
        """The location of the node at `path` (its key with `key=True`).

        A path that runs past the document (a missing key) stops at the
        deepest node that exists, which is where the reader has to look.
        """
        if self.plain is not None:
            line, column = locate(self.plain, path, key=key)
            return Location(self.path, line + 1, column + 1)
        node = self.root
        key_node: Node | None = None
        for part in path:
            child = self._child(node, part)
            if child is None:
                break
            key_node, node = child
        target = key_node if key and key_node is not None else node
        if target is None:
            return Location(self.path, 1, 1)
        return Location(self.path, target.start_mark.line + 1, target.start_mark.column + 1)

    def _child(self, node: Node | None, part: str | int) -> tuple[Node | None, Node] | None:
        """The key and value nodes at `part`; a mapping's keys are indexed on first use, so
        locating every warning in a 200-answer file does not scan the answers each time."""
        if isinstance(node, MappingNode):
            keys = self._keys.get(id(node))
            if keys is None:
                keys = self._keys[id(node)] = {}
                for key_node, value_node in node.value:
                    if isinstance(key_node, ScalarNode):
                        keys.setdefault(key_node.value, (key_node, value_node))  # first wins
            return keys.get(str(part))
        if isinstance(node, SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
            return None, node.value[part]
        return None


def read_text(path: str, *, max_bytes: int = MAX_FILE_BYTES) -> str:
    """The file's text, decoded as UTF-8 (BOM accepted), or a `ProblemsError`."""
    return decode_utf8(path, read_bytes(path, max_bytes=max_bytes))


def read_bytes(path: str, *, max_bytes: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of the regular file at `path`, at most `max_bytes` of them.

    Every input file is read through here. A FIFO, a device or a socket is
    refused without waiting on it (it is opened non-blocking, then checked):
    a pipe named in a batch would hang it, `/dev/zero` would fill memory. The
    read itself is bounded too, in case a file grows while it is read.
    """
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise _fail(path, "file/not-found", "file not found") from None
    except IsADirectoryError:
        raise _fail(path, "file/is-directory", "is a folder, not a file") from None
    except OSError as error:
        raise _fail(path, "file/unreadable", f"cannot read the file: {error.strerror}") from None
    mode = os.fstat(descriptor).st_mode
    if not stat.S_ISREG(mode):
        os.close(descriptor)
        if stat.S_ISDIR(mode):
            raise _fail(path, "file/is-directory", "is a folder, not a file")
        raise _fail(
            path,
            "file/not-regular",
            "is not a regular file (a pipe, device or socket), so it is not read",
            "give the path of a file",
        )
    with os.fdopen(descriptor, "rb") as handle:
        size = os.fstat(descriptor).st_size
        if size > max_bytes:
            raise _too_large(path, size, max_bytes)
        try:
            raw = handle.read(max_bytes + 1)
        except OSError as error:
            raise _fail(
                path, "file/unreadable", f"cannot read the file: {error.strerror}"
            ) from None
    if len(raw) > max_bytes:
        raise _too_large(path, len(raw), max_bytes)
    return raw


def read_ahead(paths: Sequence[str]) -> None:
    """Ask the kernel to start reading `paths` into memory: files about to be read.

    A batch reads thousands of files, often from a disk or share nothing has
    read lately; a worker waiting on each file in turn leaves its core idle.
    Told a little ahead, the kernel reads them while the workers check others.
    Only a hint: regular files only (opened as `read_bytes` opens them, so a
    pipe never blocks), and nothing is said of a file that cannot be opened.
    """
    advise = getattr(os, "posix_fadvise", None)
    if advise is None:
        return
    for path in paths:
        try:
            descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        except OSError:
            continue
        try:
            if stat.S_ISREG(os.fstat(descriptor).st_mode):
                advise(descriptor, 0, 0, os.POSIX_FADV_WILLNEED)
        except OSError:
            pass
        finally:
            os.close(descriptor)


def _too_large(path: str, size: int, max_bytes: int) -> ProblemsError:
    return _fail(
        path,
        "file/too-large",
        f"file is too large ({size:,} bytes; the limit is {max_bytes:,})",
        "is this the right file?",
    )


ZIP_MAGIC = b"PK\x03\x04"  # how every zip (.xlsx, .docx, .ods, …) begins


def decode_utf8(path: str, raw: bytes) -> str:
    """Decode bytes as UTF-8, naming the line and column of the first bad byte."""
    if raw.startswith(ZIP_MAGIC):  # a zip: .xlsx, .docx, .ods, …
        raise _fail(
            path,
            "file/spreadsheet",
            "this is a spreadsheet or other zipped document, not a YAML file",
            "give the answers file (.yaml), or a filled template named .xlsx",
        )
    other = _other_encoding(raw)
    if other:
        raise _fail(path, "file/encoding", f"file is {other}, not UTF-8", "save it as UTF-8")
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        before = raw[: error.start].decode("utf-8", errors="replace")
        line = before.count("\n") + 1
        column = len(before) - (before.rfind("\n") + 1) + 1
        raise ProblemsError(
            [
                Problem(
                    "file/encoding",
                    f"file is not valid UTF-8 (byte 0x{raw[error.start]:02x})",
                    Location(path, line, column),
                    "save it as UTF-8",
                )
            ]
        ) from None
    if "\x00" in text:
        raise _fail(path, "file/binary", "file is binary, not YAML text")
    return text


def _other_encoding(raw: bytes) -> str | None:
    """UTF-32 or UTF-16 (with or without a byte-order mark), named as what it is.

    UTF-32's BOM begins with UTF-16's, so it is tested first; without a BOM,
    text in either shows as NUL bytes in a regular pattern (ASCII text in
    UTF-16 has every other byte NUL).
    """
    if raw.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return "UTF-32"
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "UTF-16"
    head = raw[: min(len(raw), 64) // 4 * 4]
    if head and b"\x00" in head:
        if head[1::4].count(0) == head[2::4].count(0) == head[3::4].count(0) == len(head) // 4:
            return "UTF-32"  # little-endian ASCII: one letter, three NULs
        if head[0::4].count(0) == head[1::4].count(0) == head[2::4].count(0) == len(head) // 4:
            return "UTF-32"
        if head[1::2].count(0) == len(head) // 2 or head[0::2].count(0) == len(head) // 2:
            return "UTF-16"
    return None


def load_yaml(path: str, *, max_bytes: int = MAX_FILE_BYTES) -> YamlDocument:
    """Load one YAML document from `path`, or raise `ProblemsError` with every problem."""
    return parse_yaml(read_text(path, max_bytes=max_bytes), path)


def parse_yaml(text: str, path: str) -> YamlDocument:
    """Parse YAML text already in memory; `path` only names it in messages."""
    return read_plain_yaml(text, path) or parse_with_pyyaml(text, path)


def read_plain_yaml(text: str, path: str) -> YamlDocument | None:
    """The document, if `plainyaml` can read it (nearly every answers file: see there);
    None for PyYAML to read."""
    plain = read_plain(text, _PLAIN_VALUES, _TEXT_KEYS)
    if plain is None:
        return None
    data, root = plain
    return YamlDocument(path, data, None, plain=root)


def parse_with_pyyaml(text: str, path: str) -> YamlDocument:
    """Parse any YAML text with PyYAML, which words every syntax error (and is what a file
    `plainyaml` reads must agree with)."""
    try:
        loader = _Loader(text)
    except yaml.reader.ReaderError as error:  # the pure-Python reader checks characters here
        raise ProblemsError([_character_problem(path, text, error)]) from None
    root: Node | None = None
    try:
        root = loader.get_single_node()
        if root is not None and "*" in text and "&" in text:  # an alias needs an anchor
            _check_expansion(root, path)
        data = construct(loader, root) if root is not None else None
    except _BadValue as error:
        mark = error.problem_mark
        raise ProblemsError(
            [
                Problem(
                    error.code,
                    str(error.problem),
                    Location(path, mark.line + 1, mark.column + 1) if mark else Location(path),
                    error.note or "write it as a number, or put it in quotes if it is text",
                )
            ]
        ) from None
    except yaml.MarkedYAMLError as error:
        raise ProblemsError([_syntax_problem(path, text, error)]) from None
    except yaml.reader.ReaderError as error:
        raise ProblemsError([_character_problem(path, text, error)]) from None
    except yaml.YAMLError as error:
        first_line = str(error).splitlines()[0] if str(error) else "invalid YAML"
        raise _fail(path, "yaml/syntax", f"YAML error: {first_line}") from None
    except RecursionError:
        where = Location(path)
        if root is not None:  # composed, but too deep to build
            where = Location(path, root.start_mark.line + 1, root.start_mark.column + 1)
        raise ProblemsError([too_deep(where)]) from None
    finally:
        loader.dispose()
    if loader.duplicate_keys:
        raise ProblemsError(
            [
                Problem(
                    "yaml/duplicate-key",
                    _duplicate_text(again, first),
                    Location(path, again.start_mark.line + 1, again.start_mark.column + 1),
                    "keep one of them",
                )
                for again, first in loader.duplicate_keys
            ]
        )
    return YamlDocument(path, data, root)


def _duplicate_text(again: ScalarNode, first: ScalarNode) -> str:
    line = first.start_mark.line + 1
    if again.value == first.value:
        return f"duplicate key '{again.value}' (first given on line {line})"
    return (
        f"duplicate key '{again.value}': YAML reads it as the same key "
        f"as '{first.value}' on line {line}"
    )


class _Unusual(Exception):
    """A node the quick construction leaves to PyYAML's own constructor."""


_STR = "tag:yaml.org,2002:str"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"


def construct(loader: _Loader, root: Node) -> Any:
    """The document's data, built from its node graph, its keys strings as in JSON.

    Every reader hands the checks JSON-shaped data (YAML's `1:` or `yes:` keys
    become "1" and "yes"); building it so here spares a second walk of every
    file. Two keys that would become one ("1" and 1, yes and true) are
    duplicates, never one silently replacing the other.

    Answers files are plain mappings, lists and scalars; PyYAML's constructor
    handles every YAML feature, one generic dispatch per node, and is about a
    quarter of the time it takes to load a file. `_quick` builds the same data
    directly for the plain cases (core tags, scalar keys, duplicate keys
    recorded as `_Constructor` does) and hands the whole document to PyYAML's
    constructor on anything else: merge keys, other tags, complex keys, or an
    alias to a node still being built.
    """
    duplicates: list[tuple[ScalarNode, ScalarNode]] = []
    try:
        data = _quick(loader, root, {}, set(), duplicates)
    except (_Unusual, RecursionError):  # PyYAML's constructor builds deep documents flat
        return json_keys(loader.construct_document(root))
    loader.duplicate_keys.extend(duplicates)
    return data


def _quick(
    loader: _Loader,
    node: Node,
    built: dict[int, Any],
    building: set[int],
    duplicates: list[tuple[ScalarNode, ScalarNode]],
) -> Any:
    """`node`'s data; runs once per mapping and list of every file of a batch, so the
    common cases (a string key, a string value) are handled inline."""
    if type(node) is ScalarNode:
        return node.value if node.tag == _STR else _scalar(loader, node)
    key = id(node)
    if key in built:
        return built[key]  # an alias: the same object, as PyYAML gives
    if key in building:
        raise _Unusual  # a recursive alias
    building.add(key)
    value: Any
    if type(node) is MappingNode and node.tag == _MAP:
        value = {}
        for key_node, value_node in node.value:
            if type(key_node) is not ScalarNode:
                raise _Unusual
            key_value = key_node.value if key_node.tag == _STR else _other_key(loader, key_node)
            if key_value in value:  # 1, "1" and 0x1 are one key, as are true and yes
                duplicates.append((key_node, _first_key(node, key_node, key_value, loader)))
            if type(value_node) is ScalarNode and value_node.tag == _STR:
                value[key_value] = value_node.value
            else:
                value[key_value] = _quick(loader, value_node, built, building, duplicates)
    elif type(node) is SequenceNode and node.tag == _SEQ:
        value = [_quick(loader, item, built, building, duplicates) for item in node.value]
    else:
        raise _Unusual
    building.discard(key)
    built[key] = value
    return value


def _first_key(node: MappingNode, again: ScalarNode, key: str, loader: _Loader) -> ScalarNode:
    """The key node that first gave `key` in `node` (a duplicate was found: rare)."""
    for key_node, _ in node.value:
        if key_node is again:
            break
        if _key(loader, key_node) == key:
            return cast(ScalarNode, key_node)
    return again


def _key(loader: _Loader, key_node: ScalarNode) -> str:
    """A key as the data holds it (`_quick` tests for the common string inline)."""
    return key_node.value if key_node.tag == _STR else _other_key(loader, key_node)


def _other_key(loader: _Loader, key_node: ScalarNode) -> str:
    """A key that is not plainly a string (`1`, `yes`), as JSON text; a merge key is unusual."""
    if key_node.tag.endswith(":merge"):
        raise _Unusual
    return key_text(_scalar(loader, key_node))


def _scalar(loader: _Constructor, node: ScalarNode) -> Any:
    """A scalar's value by its tag; `_Unusual` for a tag the quick paths leave to PyYAML."""
    tag = node.tag
    if tag == _STR:
        return node.value
    constructor = _SCALARS.get(tag)
    if constructor is None:
        raise _Unusual
    return constructor(loader, node)


_SCALARS = {
    "tag:yaml.org,2002:null": _Constructor.construct_yaml_null,
    "tag:yaml.org,2002:bool": _Constructor.construct_yaml_bool,
    "tag:yaml.org,2002:int": _Constructor.construct_yaml_int,
    "tag:yaml.org,2002:float": _Constructor.construct_yaml_float,
    _TIMESTAMP_TAG: _Constructor.construct_yaml_timestamp,
}


_RESOLVER = _Resolver()
_CONSTRUCTOR = _Constructor()


class _PlainValues(dict[str, Any]):
    """Plain scalars' values as PyYAML reads them (YAML 1.1: `yes` is true, a date stays
    text), for `plainyaml`; `NotPlain` for a tag or value PyYAML should read and word.

    Short ones are remembered, as the resolver's tags are: `yes`, `partial` and `3`
    come back in every file, and they are immutable.
    """

    def __missing__(self, text: str) -> Any:
        tag = _RESOLVER.resolve(ScalarNode, text, (True, False))
        try:
            value = _scalar(_CONSTRUCTOR, ScalarNode(tag, text))
        except _Unusual:  # a merge key or `=`
            raise NotPlain from None
        except (yaml.YAMLError, ValueError, OverflowError, IndexError):
            raise NotPlain from None  # `.nan`, a 5,000-digit number: PyYAML locates it
        if len(self) < MAX_REMEMBERED_SCALARS and len(text) <= 40:
            self[text] = value
        return value


class _TextKeys(dict[str, bool]):
    """Whether a plain key is text, remembered: `yes:`, `1:` and `~:` are not (PyYAML's
    keys become JSON's, and two that become one are duplicates), so `plainyaml` leaves
    them to PyYAML."""

    def __missing__(self, text: str) -> bool:
        is_text = _RESOLVER.resolve(ScalarNode, text, (True, False)) == _STR
        if len(self) < MAX_REMEMBERED_SCALARS:
            self[text] = is_text
        return bool(is_text)


_PLAIN_VALUES = _PlainValues()
_TEXT_KEYS = _TextKeys()


def _syntax_problem(path: str, text: str, error: yaml.MarkedYAMLError) -> Problem:
    mark = error.problem_mark or error.context_mark
    what = error.problem or error.context or "invalid YAML"
    if error.context and what.startswith("but "):
        what = f"{error.context}, {what}"
    if "nesting depth" in what:  # libyaml's own limit (PyYAML 6.0.4 and later)
        line, column = (mark.line + 1, mark.column + 1) if mark is not None else (None, None)
        return too_deep(Location(path, line, column))
    hint = "check the indentation and quoting around here"
    if mark is not None and _character_at(text, mark.line, mark.column) == "\t":
        hint = "YAML does not allow tabs for indentation: use spaces"
    if mark is None:
        return Problem("yaml/syntax", f"YAML syntax error: {what}", Location(path), hint)
    return Problem(
        "yaml/syntax",
        f"YAML syntax error: {what}",
        Location(path, mark.line + 1, mark.column + 1),
        hint,
    )


def _character_at(text: str, line: int, column: int) -> str:
    lines = text.splitlines()
    return lines[line][column : column + 1] if line < len(lines) else ""


def _character_problem(path: str, text: str, error: yaml.reader.ReaderError) -> Problem:
    before = text[: error.position]
    line = before.count("\n") + 1
    column = len(before) - (before.rfind("\n") + 1) + 1
    return Problem(
        "yaml/character",
        f"the file contains a control character (U+{error.character:04X}) that YAML does not allow",
        Location(path, line, column),
        "delete it: it often comes from text pasted from another program",
    )


def _check_expansion(root: Node, path: str) -> None:
    """Refuse documents whose aliases would expand past `MAX_EXPANDED_NODES`.

    Sizes are memoised per node, so this walk is linear in the number of
    distinct nodes however deeply the aliases nest.
    """
    sizes: dict[int, int] = {}
    open_nodes: set[int] = set()  # nodes whose children are still being sized
    stack: list[tuple[Node, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        if id(node) in sizes:
            continue
        children = _children(node)
        if not children_done:
            if id(node) in open_nodes:  # met again inside itself: `&a [*a]`
                raise ProblemsError([_self_alias(path, node)])
            open_nodes.add(id(node))
        if children_done or not children:
            total = 1 + sum(sizes.get(id(child), 0) for child in children)
            if total > MAX_EXPANDED_NODES:
                raise ProblemsError(
                    [
                        Problem(
                            "yaml/alias-bomb",
                            "aliases in this document expand to more than "
                            f"{MAX_EXPANDED_NODES:,} values",
                            Location(path, node.start_mark.line + 1, node.start_mark.column + 1),
                            "write the values out instead of using anchors and aliases",
                        )
                    ]
                )
            sizes[id(node)] = total
            open_nodes.discard(id(node))
            continue
        stack.append((node, True))
        stack.extend((child, False) for child in children if id(child) not in sizes)


def _self_alias(path: str, node: Node) -> Problem:
    return Problem(
        "yaml/self-alias",
        "an alias refers to itself",
        Location(path, node.start_mark.line + 1, node.start_mark.column + 1),
        "an anchored value cannot contain its own alias; write the value out",
    )


def _children(node: Node) -> list[Node]:
    if isinstance(node, MappingNode):
        return [part for pair in node.value for part in pair]
    if isinstance(node, SequenceNode):
        return list(node.value)
    return []


def _fail(path: str, code: str, message: str, hint: str | None = None) -> ProblemsError:
    return ProblemsError([Problem(code, message, Location(path), hint)])
