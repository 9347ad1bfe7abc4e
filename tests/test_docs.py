"""The instructor and learner guides stay true to the course they describe.

- both guides mention every notebook, and the instructor guide names every exercise check;
- the measured timing tables between the ``timings`` markers are exactly what ``make bench`` would
  write from ``benchmarks/results.md`` (when it has notebook rows);
- every "mistake" example in the guides prints exactly the text the guide says the check prints;
- the README links to both guides, and every relative link in the docs points to a file that
  exists (and every in-page anchor to a heading).
"""

from __future__ import annotations

import contextlib
import importlib.util
import io
import linecache
import re
from pathlib import Path

import numpy as np
import pytest

from dlcourse import check

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
INSTRUCTOR = DOCS / "instructor-guide.md"
LEARNER = DOCS / "learner-guide.md"
GUIDES = [INSTRUCTOR, LEARNER]
NOTEBOOKS = sorted(p.stem for p in (ROOT / "notebooks").glob("*.ipynb"))
RESULTS = ROOT / "benchmarks" / "results.md"

# A code block, the fixed phrase, then the block of text the check prints.
EXAMPLE = re.compile(
    r"```python\n(?P<code>(?:(?!```).)*?)```\n\nThe check prints:\n\n```text\n(?P<printed>.*?)```",
    re.S,
)
LINK = re.compile(r"(?<!!)\[[^\]]*\]\(([^)\s]+)\)")


def _bench():
    """benchmarks/run_all.py, imported from its path (benchmarks/ is not a package)."""
    spec = importlib.util.spec_from_file_location(
        "bench_run_all", ROOT / "benchmarks" / "run_all.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def _examples() -> list[tuple[str, str, str]]:
    """(id, code, printed) for every check example in the guides."""
    found = []
    for guide in GUIDES:
        for i, m in enumerate(EXAMPLE.finditer(_text(guide)), start=1):
            name = re.search(r"check\.(\w+)\(", m["code"])
            label = f"{guide.stem}-{i}-{name.group(1) if name else 'no-check'}"
            found.append((label, m["code"], m["printed"]))
    return found


EXAMPLES = _examples()


def _run(code: str, label: str) -> str:
    """Execute an example as a notebook cell would, with `np` and `check` imported; return stdout."""
    filename = f"<guide example {label}>"
    # Register the source, so a check that reports "at line N: <code>" can show the line.
    linecache.cache[filename] = (len(code), None, code.splitlines(keepends=True), filename)
    namespace = {"np": np, "check": check}
    out = io.StringIO()
    with contextlib.redirect_stdout(out), np.errstate(all="ignore"):
        exec(compile(code, filename, "exec"), namespace)
    return out.getvalue()


def _strip_code(markdown: str) -> str:
    """The markdown without fenced code blocks and inline code (links there are not links)."""
    markdown = re.sub(r"```.*?```", "", markdown, flags=re.S)
    return re.sub(r"`[^`\n]*`", "", markdown)


def _anchors(markdown: str) -> set[str]:
    """GitHub's anchors for the headings of a markdown file."""
    anchors = set()
    for heading in re.findall(r"^#{1,6} +(.+?) *$", _strip_code_blocks(markdown), re.M):
        slug = heading.strip().lower().replace("`", "")
        slug = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", slug)  # a link in a heading keeps its text
        slug = re.sub(r"[^\w\- ]", "", slug).replace(" ", "-")
        anchors.add(slug)
    return anchors


def _strip_code_blocks(markdown: str) -> str:
    return re.sub(r"```.*?```", "", markdown, flags=re.S)


@pytest.mark.parametrize("guide", GUIDES, ids=lambda p: p.stem)
def test_guides_mention_every_notebook(guide):
    assert NOTEBOOKS, "no notebooks found"
    text = _text(guide)
    missing = [stem for stem in NOTEBOOKS if stem not in text]
    assert not missing, f"{guide.name} does not mention {missing}"


def test_instructor_guide_names_every_exercise_check():
    text = _text(INSTRUCTOR)
    missing = [name for name in check.exercises() if f"check.{name}(" not in text]
    assert not missing, f"the instructor guide does not mention these checks: {missing}"


def test_every_exercise_has_a_mistake_example():
    covered = {re.search(r"check\.(\w+)\(", code).group(1) for _, code, _ in EXAMPLES}
    missing = sorted(set(check.exercises()) - covered)
    assert not missing, f"no 'The check prints:' example for {missing}"


@pytest.mark.parametrize(
    ("label", "code", "printed"), EXAMPLES, ids=[label for label, _, _ in EXAMPLES]
)
def test_examples_print_what_the_guide_says(label, code, printed):
    got = _run(code, label)
    # Trailing spaces are not kept in the markdown (NumPy's error messages end with one).
    got_lines = [line.rstrip() for line in got.rstrip("\n").splitlines()]
    assert got_lines == printed.rstrip("\n").splitlines()
    assert "❌" in got, "an example of a mistake must fail its check"


@pytest.mark.parametrize("guide", GUIDES, ids=lambda p: p.stem)
def test_timings_block_matches_the_benchmark_results(guide):
    bench = _bench()
    text = _text(guide)
    assert text.count(bench.START) == 1 and text.count(bench.END) == 1
    block = text.split(bench.START, 1)[1].split(bench.END, 1)[0].strip("\n")
    assert block.startswith("| notebook | run time"), "the timings block must hold a table"
    results = _text(RESULTS) if RESULTS.exists() else ""
    if not bench.notebook_times(results):
        pytest.skip("benchmarks/results.md has no notebook times yet (run `make bench`)")
    assert block == bench.timings_table(results), (
        f"{guide.name}: the timings differ from benchmarks/results.md; run `make bench` "
        "(it rewrites the block between the markers)"
    )


def test_update_guides_rewrites_only_the_marked_block(tmp_path, monkeypatch):
    bench = _bench()
    results = (
        "| execute 00_start_here | 1.25 | s | <= 60 s | yes | |\n"
        "| execute 03_neurons | 7.5 | s | <= 60 s | yes | |\n"
    )
    copies = []
    for guide in GUIDES:
        copy = tmp_path / guide.name
        copy.write_text(_text(guide), encoding="utf-8")
        copies.append(copy)
    monkeypatch.setattr(bench, "GUIDES", copies)
    bench.update_guides(results)
    for guide, copy in zip(GUIDES, copies, strict=True):
        before, after = _text(guide), _text(copy)
        assert "| 03_neurons | 8 s |" in after and "| all eleven | 9 s |" in after
        head, tail = before.split(bench.START)[0], before.split(bench.END)[1]
        assert after.startswith(head + bench.START) and after.endswith(bench.END + tail)


def test_readme_links_to_both_guides():
    links = LINK.findall(_text(ROOT / "README.md"))
    assert "docs/instructor-guide.md" in links
    assert "docs/learner-guide.md" in links


@pytest.mark.parametrize("doc", sorted(DOCS.glob("*.md")), ids=lambda p: p.name)
def test_relative_links_point_to_existing_files(doc):
    text = _text(doc)
    broken = []
    for target in LINK.findall(_strip_code(text)):
        if re.match(r"[a-z][a-z0-9+.-]*:", target):  # https:, http:, mailto:
            continue
        path, _, anchor = target.partition("#")
        file = (doc.parent / path).resolve() if path else doc
        if not file.exists():
            broken.append(target)
        elif anchor and file.suffix == ".md" and anchor not in _anchors(_text(file)):
            broken.append(target)
    assert not broken, f"{doc.name}: broken links {broken}"


def test_guides_link_each_other():
    assert "(learner-guide.md" in _text(INSTRUCTOR)
    assert "(instructor-guide.md" in _text(LEARNER)


# ---- The mistake catalogue (docs/mistakes.md), generated from the checkers ------------------------


def test_mistake_catalogue_is_up_to_date():
    from dlcourse.course import mistakes

    committed = _text(DOCS / "mistakes.md") if (DOCS / "mistakes.md").exists() else ""
    assert committed == mistakes.render(), (
        "docs/mistakes.md differs from what the exercise checkers say today; regenerate it with "
        f"`{mistakes.COMMAND}` and commit it"
    )


def test_mistake_catalogue_lists_every_exercise_with_its_hint():
    from dlcourse.course import mistakes

    catalogue = mistakes.notebook_exercises()
    listed = [ex for exercises in catalogue.values() for ex in exercises]
    assert sorted(ex.name for ex in listed) == check.exercises()
    text = mistakes.render()
    for ex in listed:
        assert f"`check.{ex.name}`" in text
        assert ex.hints or ex.messages, f"no message found for check.{ex.name}"


def test_mistake_catalogue_reads_messages_not_docstrings_or_case_labels():
    from dlcourse.course import mistakes

    source = '''
def demo(answer):
    """Check Exercise 9.9: the docstring is not a message."""
    cases = [Case((1,), label="a case label is not a message either")]
    for value, text in [(2, "a table of case labels, skipped too")]:
        cases.append(_demo_case(value, text))
    if answer is None:
        print(f"{FAIL} {name}: the answer is None, a named mistake")
        print("   Hint: return the value instead of printing it.")
        return False
    return check_function("demo", answer, _ref, cases, hint="add the bias once, not twice.")
'''
    found = mistakes._strings(mistakes.ast.parse(source), "demo")
    assert found == [
        ("❌ demo: the answer is None, a named mistake", False),
        ("return the value instead of printing it.", True),
        ("add the bias once, not twice.", True),
    ]
