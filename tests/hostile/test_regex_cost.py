"""Every regular expression of the generator runs in linear time.

Python's `re` backtracks: a pattern such as `<!--.*?-->` retried at each of
20,000 openers with no closer reads the rest of the text each time, and a
1 MB file (the size limit) would keep the build busy for hours. This test
finds every pattern written in `hooks/` (as a literal, by reading the source
with `ast`), and runs each on long lines made of the pattern's own
characters: repeated openers with no closer, runs of one character, two
characters alternating. A linear pattern reads such a line in milliseconds;
a quadratic one takes seconds at this length and hours at 1 MB. The bound is
a hang detector, two orders of magnitude above what a linear pattern costs,
not a speed target (speed is bench's).
"""
from __future__ import annotations

import ast
import importlib
import json
import pkgutil
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

# The parser behind `re` (named sre_parse before 3.11, which now warns).
from re import _constants as sre_constants  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]

import pytest

HOOKS = Path(__file__).resolve().parents[2] / "hooks"
LENGTH = 100_000
BOUND_S = 1.0
_RE_FUNCTIONS = {"compile", "search", "match", "fullmatch", "sub", "subn", "split", "findall", "finditer"}


@dataclass(frozen=True)
class Written:
    where: str  # file:line
    pattern: re.Pattern[str]


def _flags(node: ast.expr | None) -> int:
    """The value of a flags argument made of `re.X` names joined by `|`."""
    if node is None:
        return 0
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
        return _flags(node.left) | _flags(node.right)
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "re":
        return int(getattr(re, node.attr))
    raise ValueError(ast.unparse(node))


def _literal(node: ast.expr) -> str | None:
    """A pattern's text when the source spells it out (f-strings of constants
    too, the way the number patterns are assembled, are left out)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def written_patterns() -> list[Written]:
    found = []
    for path in sorted(HOOKS.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id == "re"
                and node.func.attr in _RE_FUNCTIONS
                and node.args
            ):
                continue
            text = _literal(node.args[0])
            if text is None:
                continue
            flag_node = next((keyword.value for keyword in node.keywords if keyword.arg == "flags"), None)
            if flag_node is None and node.func.attr == "compile" and len(node.args) > 1:
                flag_node = node.args[1]
            where = f"{path.relative_to(HOOKS.parent)}:{node.lineno}"
            found.append(Written(where, re.compile(text, _flags(flag_node))))
    return found


def module_patterns() -> list[Written]:
    """The patterns the modules hold once imported: those assembled from
    parts (f-strings) as well as the literal ones."""
    import publication

    found = []

    def collect(where: str, value: object) -> None:
        if isinstance(value, re.Pattern) and isinstance(value.pattern, str):
            found.append(Written(where, value))
        elif isinstance(value, list | tuple):
            for item in value:
                collect(where, item)
        elif isinstance(value, dict):
            for item in value.values():
                collect(where, item)

    for info in pkgutil.walk_packages(publication.__path__, "publication."):
        if info.name.endswith("__main__"):
            continue
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            collect(f"{info.name}.{name}", value)
    return found


def all_patterns() -> list[Written]:
    unique: dict[tuple[str, int], Written] = {}
    for written in written_patterns() + module_patterns():
        unique.setdefault((written.pattern.pattern, written.pattern.flags), written)
    return list(unique.values())


def _characters(pattern: re.Pattern[str]) -> list[str]:
    """The characters a pattern spells out (literals, and one member of each
    class), which are what can make it start and retry."""
    seen: list[str] = []

    def walk(parsed: sre_parse.SubPattern) -> None:
        for op, value in parsed:
            if op is sre_constants.LITERAL:
                seen.append(chr(value))
            elif op is sre_constants.IN:
                for item_op, item in value:
                    if item_op is sre_constants.LITERAL:
                        seen.append(chr(item))
                    elif item_op is sre_constants.RANGE:
                        seen.append(chr(item[0]))
            elif op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT, sre_constants.POSSESSIVE_REPEAT):
                walk(value[2])
            elif op is sre_constants.SUBPATTERN:
                walk(value[3])
            elif op is sre_constants.BRANCH:
                for branch in value[1]:
                    walk(branch)
            elif op in (sre_constants.ASSERT, sre_constants.ASSERT_NOT):
                walk(value[1])

    walk(sre_parse.parse(pattern.pattern, pattern.flags))
    return list(dict.fromkeys(seen + [" ", "\n", "a", "1"]))


def _openers(pattern: re.Pattern[str]) -> list[str]:
    """The pattern's leading literal text (`<!--`, `{#`, `](`...): repeated
    with no closer, it is what makes a backtracking search quadratic."""
    parsed = sre_parse.parse(pattern.pattern, pattern.flags)
    prefixes = [""]
    for op, value in parsed:
        if op is sre_constants.LITERAL:
            prefixes = [prefix + chr(value) for prefix in prefixes]
        elif op is sre_constants.IN and len(value) <= 8:
            options = [chr(item) for item_op, item in value if item_op is sre_constants.LITERAL]
            if not options:
                break
            prefixes = [prefix + option for prefix in prefixes for option in options]
        elif op is sre_constants.AT:
            continue
        else:
            break
    return [prefix for prefix in prefixes if prefix]


def hostile_lines(pattern: re.Pattern[str]) -> list[str]:
    characters = _characters(pattern)
    units = set(characters)
    units |= {first + second for first in characters for second in characters if first != second}
    for opener in _openers(pattern):
        units |= {opener, opener + " ", opener + "a", opener + "1"}
    return [(unit * (LENGTH // len(unit) + 1))[:LENGTH] for unit in sorted(units)]


PATTERNS = all_patterns()


def test_the_patterns_are_found() -> None:
    # The finder reads the whole generator: if it saw nothing, the test
    # below would pass on nothing.
    assert len(PATTERNS) > 50
    assert any("translation/qa.py" in written.where for written in PATTERNS)


# Run in a child process: a match in Python's `re` cannot be interrupted, and
# an exponential pattern would hold the test run for hours.
_TIMER = """
import json, re, sys, time
task = json.load(sys.stdin)
pattern = re.compile(task["pattern"], task["flags"])
slowest = [0.0, ""]
for line in task["lines"]:
    start = time.perf_counter()
    for _ in pattern.finditer(line):
        pass
    elapsed = time.perf_counter() - start
    if elapsed > slowest[0]:
        slowest = [elapsed, line[:12]]
    if elapsed > task["bound"]:
        break
print(json.dumps(slowest))
"""


@pytest.mark.parametrize("written", PATTERNS, ids=lambda written: written.where)
def test_every_pattern_reads_a_hostile_line_in_linear_time(written: Written) -> None:
    lines = hostile_lines(written.pattern)
    task = {"pattern": written.pattern.pattern, "flags": written.pattern.flags, "lines": lines, "bound": BOUND_S}
    named = f"{written.where}: /{written.pattern.pattern}/"
    fix = "it backtracks (quadratic or worse): bound what its repeats may cross"
    try:
        child = subprocess.run(
            [sys.executable, "-c", _TIMER],
            check=False,
            input=json.dumps(task),
            capture_output=True,
            text=True,
            timeout=BOUND_S * 10 + len(lines) * 0.05,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"{named} did not finish on {LENGTH:,} characters: {fix}", pytrace=False)
    assert child.returncode == 0, child.stderr
    elapsed, sample = json.loads(child.stdout)
    assert elapsed < BOUND_S, f"{named} took {elapsed:.1f} s on {LENGTH:,} characters of {sample!r}…: {fix}"
