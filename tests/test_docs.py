"""The instructor and learner guides stay true to the course they describe.

- both guides mention every notebook, and the instructor guide names every exercise check;
- the measured timing tables between the ``timings`` markers are exactly what ``make bench`` would
  write from ``benchmarks/results.md`` (when it has notebook rows);
- every "mistake" example in the guides prints exactly the text the guide says the check prints,
  and each notebook's notes show its two most common mistakes;
- the schedules add up, use the minutes the notebook notes give, keep a setup buffer, and teach no
  notebook before its prerequisites (as each notebook states them in its first cell);
- the mistake catalogue (``docs/mistakes.md``) is exactly what the checkers generate today;
- the README links to both guides, and every relative link in the docs points to a file that
  exists (and every in-page anchor to a heading).
"""

from __future__ import annotations

import contextlib
import importlib.util
import io
import json
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
    assert not missing, (
        f"the instructor guide does not mention these checks: {missing}; add each to the "
        "**Exercises:** line of its notebook's notes in docs/instructor-guide.md"
    )


def test_every_notebook_note_shows_its_two_most_common_mistakes():
    notes = _notes()
    assert sorted(notes) == NOTEBOOKS
    for stem, note in notes.items():
        shown = len(EXAMPLE.findall(note))
        assert shown == 2, (
            f"the notes on {stem} show {shown} mistakes with their check output, not 2"
        )


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


def test_mistakes_command_writes_the_catalogue(tmp_path, capsys):
    from dlcourse.__main__ import main
    from dlcourse.course import mistakes

    out = tmp_path / "mistakes.md"
    assert main(["mistakes", "-o", str(out)]) == 0
    assert _text(out) == mistakes.render()
    assert main(["mistakes"]) == 0
    assert capsys.readouterr().out.endswith(mistakes.render())


def test_mistake_catalogue_lists_every_exercise_with_its_hint():
    from dlcourse.course import mistakes

    catalogue = mistakes.notebook_exercises()
    listed = [ex for exercises in catalogue.values() for ex in exercises]
    assert sorted(ex.name for ex in listed) == check.exercises()
    text = mistakes.render()
    for ex in listed:
        assert f"`check.{ex.name}`" in text
        assert ex.hints or ex.mistakes or ex.messages, f"no message found for check.{ex.name}"


def test_mistake_catalogue_reads_messages_not_docstrings_or_case_labels():
    from dlcourse.course import mistakes

    source = '''
def demo(answer):
    """Check Exercise 9.9: the docstring is not a message."""
    cases = [Case((1,), label="a case label is not a message either")]
    for value, text in [(2, "a table of case labels, skipped too")]:
        cases.append(_demo_case(value, text))
    known = [Mistake("a missing bias", lambda x: x, "add b to every weighted sum.")]
    if answer is None:
        print(f"{FAIL} {name}: the answer is None, which is a message")
        print("   Hint: return the value instead of printing it.")
        return False
    return check_function("demo", answer, _ref, cases, hint="add the bias once, not twice.")
'''
    found = mistakes._strings(mistakes.ast.parse(source), "demo")
    assert found == [
        ("a missing bias: add b to every weighted sum.", mistakes.MISTAKE),
        ("❌ demo: the answer is None, which is a message", mistakes.MESSAGE),
        ("return the value instead of printing it.", mistakes.HINT),
        ("add the bias once, not twice.", mistakes.HINT),
    ]


# ---- The notebook notes and the schedules ---------------------------------------------------------

NOTE_HEADING = re.compile(r"^### (\d\d) · .*$", re.M)
MINUTES = re.compile(
    r"\*\*Minutes:\*\* (?P<teach>\d+) teaching \+ (?P<exercise>\d+) exercises = (?P<total>\d+) "
    r"in the room \(a learner alone: (?P<alone>[^)]*)\)"
)
ROW = re.compile(r"^\| (\d\d):(\d\d)-(\d\d):(\d\d) \| (\d+) \| ([^|]*) \| *(\d\d)? *\|$", re.M)


def _notes() -> dict[str, str]:
    """{notebook stem: its section in the instructor guide's "Notebook by notebook"}."""
    part = _text(INSTRUCTOR).split("## 3. Notebook by notebook", 1)[1].split("\n## ", 1)[0]
    pieces = NOTE_HEADING.split(part)[1:]
    by_number = {stem[:2]: stem for stem in NOTEBOOKS}
    return {by_number[num]: body for num, body in zip(pieces[::2], pieces[1::2], strict=True)}


def _minutes() -> dict[str, dict[str, int | str]]:
    """{notebook number: its minutes line}, from the notes."""
    found = {}
    for stem, note in _notes().items():
        m = MINUTES.search(note)
        assert m, f"the notes on {stem} have no '**Minutes:** T teaching + E exercises = N' line"
        found[stem[:2]] = {k: v if k == "alone" else int(v) for k, v in m.groupdict().items()}
    return found


def _first_cell(stem: str) -> str:
    cell = json.loads((ROOT / "notebooks" / f"{stem}.ipynb").read_text(encoding="utf-8"))["cells"][
        0
    ]
    return "".join(cell["source"])


def _study_minutes(first_cell: str) -> list[int]:
    """The study time a notebook announces: [45] for "about 45 minutes", [45, 60] for "45-60"."""
    m = re.search(r"[Ss]tudy time[.:]?\*\*\s*(?:about )?(\d+)(?:-(\d+))? minutes", first_cell)
    assert m, "no study time found"
    return [int(v) for v in m.groups() if v]


def _prerequisites(first_cell: str) -> set[str]:
    """The notebook numbers named in the first sentence of the "Prerequisites" paragraph."""
    m = re.search(r"\*\*Prerequisites[.:]?\*\*(.*?)(?:\.\s|\.$|\n\n)", first_cell, re.S)
    assert m, "no prerequisites found"
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", m.group(1))  # a link keeps its text
    found = set()
    for first, last in re.findall(r"\b(\d\d)(?:_\w+)?\s+to\s+(\d\d)(?!\d)", text):
        found |= {f"{n:02d}" for n in range(int(first), int(last) + 1)}
    return found | set(re.findall(r"\b(\d\d)(?:_\w+)?\b", text))


def test_prerequisites_are_read_from_the_first_sentence_with_ranges():
    cell = (
        "# Title\n\n**Prerequisites:** [03_neurons](03_neurons.ipynb) to "
        "[05_activation_functions](05_activation_functions.ipynb), and notebook 01.\n"
        "You do not need notebooks 06-08 yet."
    )
    assert _prerequisites(cell) == {"01", "03", "04", "05"}
    assert _study_minutes("**Study time:** about 90 minutes.") == [90]
    assert _study_minutes("**Estimated study time:** 45-60 minutes.") == [45, 60]


def test_notes_minutes_add_up_and_share_the_study_time_sensibly():
    minutes = _minutes()
    study = {stem[:2]: _study_minutes(_first_cell(stem)) for stem in NOTEBOOKS}
    for num, m in minutes.items():
        assert m["teach"] + m["exercise"] == m["total"], f"notebook {num}: minutes do not add up"
        assert [int(v) for v in re.findall(r"\d+", m["alone"])] == study[num], (
            f"notebook {num}: the notes say a learner alone needs {m['alone']} minutes, the "
            f"notebook says {study[num]}"
        )
        mean = sum(study[num]) / len(study[num])
        assert 0.25 <= m["teach"] / mean <= 0.45, (
            f"notebook {num}: {m['teach']} teaching minutes for {mean:.0f} minutes of study"
        )
        assert m["total"] < mean, f"notebook {num}: more time in the room than alone"
    longest = max(study, key=lambda n: sum(study[n]) / len(study[n]))
    assert minutes[longest]["teach"] == max(m["teach"] for m in minutes.values())


def _schedules() -> dict[str, str]:
    """{heading: section} for every schedule in "Timings and schedules"."""
    part = _text(INSTRUCTOR).split("## 2. Timings and schedules", 1)[1].split("\n## ", 1)[0]
    sections = re.split(r"^### (.+)$", part, flags=re.M)[1:]
    return {
        heading: body
        for heading, body in zip(sections[::2], sections[1::2], strict=True)
        if "| time | min | what | notebook |" in body
    }


def test_the_guide_has_a_full_day_and_a_half_day():
    headings = list(_schedules())
    assert any(h.startswith("Full day") for h in headings), headings
    assert any(h.startswith("Half day") for h in headings), headings


@pytest.mark.parametrize("heading", list(_schedules()))
def test_schedule_adds_up_and_matches_the_notes(heading):
    body = _schedules()[heading]
    rows = ROW.findall(body)
    assert rows, f"{heading}: no rows found"
    minutes = _minutes()
    total = 0
    previous_end = None
    for h1, m1, h2, m2, length, _, notebook in rows:
        start, end = int(h1) * 60 + int(m1), int(h2) * 60 + int(m2)
        assert previous_end in (None, start), f"{heading}: a gap or overlap before {h1}:{m1}"
        assert end - start == int(length), f"{heading}: {h1}:{m1}-{h2}:{m2} is not {length} min"
        if notebook:
            assert int(length) == minutes[notebook]["total"], (
                f"{heading}: notebook {notebook} gets {length} min, its notes say "
                f"{minutes[notebook]['total']}"
            )
        previous_end = end
        total += int(length)
    assert any("setup buffer" in what for *_, what, _ in rows), f"{heading}: no setup buffer"
    stated = re.search(r"\((\d+) h(?: (\d+) min)?", heading)
    assert stated, f"{heading}: the heading does not give the length"
    assert total == int(stated[1]) * 60 + int(stated[2] or 0), f"{heading}: rows add up to {total}"


@pytest.mark.parametrize("heading", list(_schedules()))
def test_schedule_teaches_no_notebook_before_its_prerequisites(heading):
    body = _schedules()[heading]
    assumed = re.search(r"\*\*Assumes:\*\*([^(]*)", body)
    done = set(re.findall(r"\b\d\d\b", assumed[1])) if assumed else set()
    stems = {stem[:2]: stem for stem in NOTEBOOKS}
    for *_, notebook in ROW.findall(body):
        if not notebook:
            continue
        missing = sorted(_prerequisites(_first_cell(stems[notebook])) - done)
        assert not missing, (
            f"{heading}: notebook {notebook} comes before its prerequisites {missing}"
        )
        done.add(notebook)
    if heading.startswith("Full day"):
        assert done == set(stems), f"{heading}: the full day leaves out {sorted(set(stems) - done)}"


def test_learner_guide_gives_each_notebook_its_own_study_time():
    rows = dict(re.findall(r"^\| \d\d \| \[(\w+)\]\([^)]*\) \| ([^|]*) \|$", _text(LEARNER), re.M))
    assert sorted(rows) == NOTEBOOKS
    for stem, text in rows.items():
        assert [int(v) for v in re.findall(r"\d+", text)] == _study_minutes(_first_cell(stem)), (
            f"docs/learner-guide.md gives {stem} {text!r}; the notebook's first cell says otherwise"
        )


def test_mistake_catalogue_follows_the_helpers_a_checker_uses(tmp_path, monkeypatch):
    from dlcourse.course import mistakes

    (tmp_path / "demo_checks.py").write_text(
        """
__all__ = ["demo", "other"]


class Mistake:
    def __init__(self, *parts):
        '''A stand-in for the checkers' Mistake, whose docstring is not a message.'''


Case = Mistake
_MISTAKES = [Mistake("a transposed matrix", None, "rows are examples, keep W as it is.")]


def _explain(got):
    return "the shape is (3, 2): this looks like the outer product the wrong way round"


def _demo_case(seed):
    return Case((seed,), label="a case label, not a message")


def other(answer):
    print("a message of another exercise, not of this one")


def demo(answer):
    cases = [_demo_case(1)]
    print(_explain(answer), _MISTAKES, cases)
""",
        encoding="utf-8",
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    module = importlib.import_module("demo_checks")
    found = [
        text
        for tree in mistakes._checker_sources(module, "demo")
        for text, _ in mistakes._strings(tree, "demo")
    ]
    assert found == [
        "a transposed matrix: rows are examples, keep W as it is.",
        "the shape is (3, 2): this looks like the outer product the wrong way round",
    ]


def test_room_setup_names_the_notebooks_left_out_of_the_browser_edition():
    from dlcourse.course import site

    bullet = re.search(r"^- \*\*TensorFlow cells\.\*\*.*?(?=^- )", _text(INSTRUCTOR), re.M | re.S)
    assert bullet, "the zero-install section has no 'TensorFlow cells' bullet"
    listed = re.search(r"((?:\d\d(?:, | and )?)+) \(Keras throughout\)", bullet.group(0))
    assert listed, "the bullet does not list the notebooks left out, 'NN and NN (Keras throughout)'"
    named = set(re.findall(r"\d\d", listed.group(1)))
    numbers = {stem[:2] for stem in site.FULL_INSTALL_ONLY}
    assert numbers == named, (
        f"the browser edition leaves out {sorted(numbers)}; the guide says {named}"
    )
