"""The lessons as a static site: ``python -m gdcore.site [NOTEBOOKS] [OUT]``, or ``make site``.

Each lesson is run afresh in a kernel, so its pages show what today's gdcore
computes; every explorer then open is saved as :mod:`gdcore.pages` describes.
The pages need no Python and no network: maths is MathML, written here from
the LaTeX that sympy prints, and styles and scripts are files beside the pages.

OUT holds ``index.html``, one page per lesson and ``assets/``; open it from disk,
or copy it to any static host.
"""

import html
import importlib.util
import io
import json
import re
import sys
import tempfile
from pathlib import Path

import nbformat
from fontTools import subset
from fontTools.ttLib import TTFont
from jinja2 import pass_context
from latex2mathml.converter import convert
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError
from nbconvert.exporters import HTMLExporter
from nbconvert.filters.markdown_mistune import IPythonRenderer, MarkdownWithMath

from . import pages

# Markers for the test suite, not for readers.
_NBVAL_LINE = re.compile(r"^[ \t]*# NBVAL_\w+[ \t]*(?:\n|$)", re.MULTILINE)
_LESSON_LINK = re.compile(r'href="([\w-]+)\.ipynb(#[^"]*)?"')
_WIDGET = "application/vnd.jupyter.widget-view+json"
_MATH = re.compile(r"<math\b.*?</math>", re.DOTALL)
_TAG = re.compile(r"<[^>]+>")
# Brackets and big operators, which MathML stretches with the font's own variants.
_STRETCHY = "()[]{}|‖⌈⌉⌊⌋∑∏∫√"


def build(notebooks="notebooks", out="site", timeout=600):
    """Run every lesson in ``notebooks`` and write the site to ``out``; returns its pages."""
    notebooks, out = Path(notebooks), Path(out)
    lessons = sorted(notebooks.glob("[0-9][0-9]_*.ipynb"))
    if not lessons:
        raise ValueError(f"no lessons (NN_name.ipynb) in {str(notebooks)!r}")
    (out / "assets").mkdir(parents=True, exist_ok=True)
    (out / "assets" / "site.css").write_text(pages.stylesheet(notebook=True), encoding="utf-8")
    (out / "assets" / "explorer.js").write_text(pages.script(), encoding="utf-8")
    exporter = _LessonExporter()
    written, titles = [], []
    for i, path in enumerate(lessons):
        nb = _run(path, timeout)
        titles.append(_title(nb, path.stem))
        nav = _nav(lessons, i)
        text, _ = exporter.from_notebook_node(nb, resources={"nav": nav})
        page = out / f"{path.stem}.html"
        page.write_text(text, encoding="utf-8")
        written.append(page)
    index = out / "index.html"
    index.write_text(_index([p.name for p in written], titles), encoding="utf-8")
    maths = "".join(m for page in written for m in _MATH.findall(page.read_text(encoding="utf-8")))
    (out / "assets" / "math.woff").write_bytes(math_font(html.unescape(_TAG.sub("", maths))))
    return [index, *written]


def _run(path, timeout):
    """The lesson executed, with every explorer it opened saved in its output."""
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
    )
    with tempfile.TemporaryDirectory() as tmp, client.setup_kernel():
        for index, cell in enumerate(nb.cells):
            try:
                client.execute_cell(cell, index)
            except CellExecutionError as err:
                raise RuntimeError(f"{path.name}, cell {index + 1}, failed: {err}") from None
        saved = Path(tmp) / "explorers.json"
        collect = f"import gdcore.pages\ngdcore.pages.save_open({str(saved)!r})"
        nb.cells.append(nbformat.v4.new_code_cell(collect))
        client.execute_cell(nb.cells[-1], len(nb.cells) - 1)
        nb.cells.pop()
        states = json.loads(saved.read_text())
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.source = _NBVAL_LINE.sub("", cell.source)
            for output in cell.outputs:
                _save_explorer(output.get("data", {}), states)
    return nb


def _save_explorer(data, states):
    """An explorer's output becomes its saved page element; any other widget keeps its
    other outputs, a picture or its text."""
    view = data.pop(_WIDGET, None)
    if view and view["model_id"] in states:
        key = view["model_id"]
        data.clear()
        data["text/html"] = pages.placeholder(f"gd-{key}", states[key])


def _title(nb, fallback):
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return fallback


def _nav(lessons, i):
    links = ['<a href="index.html">All lessons</a>']
    if i > 0:
        links.append(f'<a href="{lessons[i - 1].stem}.html">← previous</a>')
    if i + 1 < len(lessons):
        links.append(f'<a href="{lessons[i + 1].stem}.html">next →</a>')
    return f'<nav class="gd-site-nav">{" ".join(links)}</nav>'


def _index(names, titles):
    items = "\n".join(
        f'<li><a href="{html.escape(n)}">{html.escape(t)}</a></li>' for n, t in zip(names, titles)
    )
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Learn gradient descent by doing it</title>
<link rel="stylesheet" href="assets/site.css">
</head>
<body class="jp-Notebook" data-jp-theme-light="true">
<main class="gd-page gd-index">
<h1>Learn gradient descent by doing it</h1>
<p>The lessons as pages: the learning-rate slider, the steps and play work in your
browser, with numbers that gdcore computed. To write code, drag a start point or
try your own model, run the lessons in JupyterLab.</p>
<ul class="gd-lessons">
{items}
</ul>
</main>
</body>
</html>
"""


def math_font(text):
    """A web font for the maths in ``text``: STIX Two Math, cut down to the characters
    used and renamed, as its licence asks of a modified copy. MathML needs a font
    with a MATH table to stretch brackets and set sums; few readers have one."""
    package = Path(importlib.util.find_spec("ziamath").origin).parent
    font = TTFont(package / "fonts" / "STIXTwoMath-Regular.ttf")
    options = subset.Options(layout_features=["*"], name_IDs=["*"], flavor="woff")
    cut = subset.Subsetter(options)
    cut.populate(text=text + _STRETCHY)
    cut.subset(font)
    names = font["name"]
    for record in list(names.names):
        if record.nameID in (1, 3, 4, 6, 16, 17):
            names.removeNames(nameID=record.nameID)
    for name_id, value in ((1, "Lesson Math"), (4, "Lesson Math"), (6, "LessonMath")):
        names.setName(value, name_id, 3, 1, 0x409)
    buffer = io.BytesIO()
    font.save(buffer)
    return buffer.getvalue()


# --- from notebook to page --------------------------------------------------------


def mathml(tex, display="block"):
    """LaTeX, with or without its $ or $$ delimiters, as MathML."""
    tex = tex.strip()
    for mark in ("$$", "$"):
        if tex.startswith(mark) and tex.endswith(mark) and len(tex) > 2 * len(mark):
            tex = tex[len(mark) : -len(mark)]
            break
    return convert(tex, display=display)


class _MathRenderer(IPythonRenderer):
    """Markdown's maths as MathML, and links between lessons to their pages."""

    def block_math(self, body):
        return mathml(body)

    def inline_math(self, body):
        return mathml(body, display="inline")

    def latex_environment(self, name, body):
        return mathml(f"\\begin{{{name}}}{body}\\end{{{name}}}")

    def link(self, text, url, title=None):
        return _LESSON_LINK.sub(r'href="\1.html\2"', super().link(text, url, title))


class _LessonExporter(HTMLExporter):
    """nbconvert's "lab" page, with MathML for maths and saved explorers for widgets."""

    def __init__(self):
        super().__init__(
            template_name="lab",
            template_file="lesson.html.j2",
            extra_template_paths=[str(pages.STATIC)],
        )

    @pass_context
    def markdown2html(self, context, source):
        """nbconvert's own filter, with _MathRenderer for its renderer."""
        renderer = _MathRenderer(
            escape=False,
            attachments=context.get("cell", {}).get("attachments", {}),
            embed_images=self.embed_images,
            path=context.get("resources", {}).get("metadata", {}).get("path", ""),
            anchor_link_text=self.anchor_link_text,
            exclude_anchor_links=self.exclude_anchor_links,
            **self.lexer_options,
        )
        return MarkdownWithMath(renderer=renderer).render(source)

    def default_filters(self):
        yield from super().default_filters()
        yield ("mathml", mathml)


if __name__ == "__main__":
    for page in build(*sys.argv[1:3]):
        print(f"{page}  {page.stat().st_size / 1e3:.0f} kB")
