"""Drive the lessons in a real JupyterLab + headless Chromium.

Shared by ``tests/browser`` and ``benchmarks/slider_latency.py``. JupyterLab is started with
``expose_app_in_browser`` so the page exposes ``window.jupyterapp``: we run cells through its
command registry and read errors from the notebook model instead of scraping the DOM.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from playwright.sync_api import Browser, Locator, Page, Playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from gdcore import lab as lab_flag

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SERVER_START_TIMEOUT = 90  # s; a cold start on a slow CI machine
KERNEL_READY_TIMEOUT = 60_000  # ms
RUN_ALL_TIMEOUT = 300_000  # ms; lessons may take about a minute, leave a wide margin
WIDGET_RENDER_TIMEOUT = 30_000  # ms

# Lab settings written to a throw-away settings dir: no news prompt, no update check.
_LAB_SETTINGS = {
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
        "fetchNews": "false",
        "checkForUpdates": False,
    },
    # Keep every cell in the page: with windowing, cells far below the viewport may be
    # detached, and a test would miss the explorers in them.
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
}

# Helpers injected into every page before JupyterLab loads (see new_lab_page).
_PAGE_HELPERS = r"""
window.__gd = {
  panel(path) {
    const app = window.jupyterapp;
    if (!app) return null;
    for (const w of app.shell.widgets('main')) {
      if (w.context && w.context.path === path && w.content && w.content.model) return w;
    }
    return null;
  },
  kernelIdle(path) {
    const p = this.panel(path);
    return !!p && p.context.isReady && p.sessionContext.session?.kernel?.status === 'idle';
  },
  runAll(path) {
    const app = window.jupyterapp;
    app.shell.activateById(this.panel(path).id);
    this.run = {done: false, error: null};
    app.commands.execute('notebook:run-all-cells')
      .catch(e => { this.run.error = String(e); })
      .finally(() => { this.run.done = true; });
  },
  runFinished(path) {
    const p = this.panel(path);
    const busy = [...p.node.querySelectorAll('.jp-InputPrompt')]
      .some(e => e.textContent.includes('*'));
    return this.run.done && !busy && this.kernelIdle(path);
  },
  outputsWith(path, text) {
    return [...this.panel(path).node.querySelectorAll('.jp-OutputArea-output')]
      .filter(e => e.textContent.includes(text)).length;
  },
  errors(path) {
    // Error outputs render with the stderr mime type, so ask the model, not the DOM.
    const found = [];
    this.panel(path).content.model.toJSON().cells.forEach((cell, index) => {
      for (const out of cell.outputs || []) {
        if (out.output_type === 'error') {
          found.push({index, source: [].concat(cell.source).join(''), ename: out.ename,
                      evalue: out.evalue, traceback: out.traceback.join('\n')});
        }
      }
    });
    return found;
  },
  canvasSig(c) {
    // Hash the raw pixels (fast); WebGL canvases have no 2d context, use toDataURL there.
    const ctx = c.width && c.height ? c.getContext('2d') : null;
    if (!ctx) return c.toDataURL();
    const px = new Uint32Array(ctx.getImageData(0, 0, c.width, c.height).data.buffer);
    let h = 0x811c9dc5;
    for (let i = 0; i < px.length; i++) h = Math.imul(h ^ px[i], 16777619);
    return `${c.width}x${c.height}:${(h >>> 0).toString(16)}`;
  },
  explorerState(el) {
    return {canvas: [...el.querySelectorAll('canvas.gd-plot')].map(c => this.canvasSig(c)),
            status: el.querySelector('.gd-status')?.textContent ?? null};
  },
  explorerChanged(el, before) {
    const now = this.explorerState(el);
    return now.status !== before.status && now.canvas.some((sig, i) => sig !== before.canvas[i]);
  },
  // Signature of what a slider redraws: an explorer's canvases, or the newest loaded <img>
  // inside an ipywidgets interact (null while the new image is still loading).
  sig(el, kind) {
    if (kind === 'canvas') return this.explorerState(el).canvas.join('|');
    const imgs = el.querySelectorAll('img');
    const img = imgs[imgs.length - 1];
    return img && img.complete && img.naturalWidth ? img.src : null;
  },
  // Call fn(t) once the next frame has been rendered, at that moment t: a task posted from
  // requestAnimationFrame runs after the frame's style, layout, paint and canvas raster.
  // Checking pixels costs milliseconds at devicePixelRatio 2, so it is done after t is read.
  afterFrame(fn) {
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => fn(performance.now());
      channel.port2.postMessage(null);
    });
  },
  // Arm a latency probe: the next keydown (capture phase) starts the clock; it stops at the
  // end of the first frame rendered whose signature differs.
  armLatency(el, kind) {
    const before = this.sig(el, kind);
    const probe = this.probe = {ms: null};
    const onKey = () => {
      window.removeEventListener('keydown', onKey, true);
      const t0 = performance.now();
      const tick = async (t) => {
        const now = this.sig(el, kind);
        if (now === null || now === before) return this.afterFrame(tick);
        if (kind === 'img') {
          const imgs = el.querySelectorAll('img');
          await imgs[imgs.length - 1].decode().catch(() => {});
          t = performance.now();
        }
        probe.ms = t - t0;
      };
      this.afterFrame(tick);
    };
    window.addEventListener('keydown', onKey, true);
  },
  // Resolve once the signature has stayed the same for `frames` animation frames.
  settle(el, kind, frames, timeoutMs) {
    return new Promise(resolve => {
      const start = performance.now();
      let last = this.sig(el, kind), same = 0;
      const tick = () => {
        const now = this.sig(el, kind);
        same = now !== null && now === last ? same + 1 : 0;
        last = now;
        if (same >= frames || performance.now() - start > timeoutMs) resolve(same >= frames);
        else requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
  },
};
"""


class BrowserNotFound(RuntimeError):
    """No Chromium to drive."""


def lessons_dir() -> Path:
    """The lessons to test: ``$GDCORE_LESSONS_DIR`` if set (e.g. a mock), else ``notebooks/``."""
    return Path(os.environ.get("GDCORE_LESSONS_DIR", REPO / "notebooks")).resolve()


def lesson_paths() -> list[Path]:
    return sorted(lessons_dir().glob("*.ipynb"))


def find_browser(pw: Playwright) -> str:
    """Chromium to use: ``$GDCORE_BROWSER``, Debian's, then one Playwright already has."""
    if env := os.environ.get("GDCORE_BROWSER"):
        if not Path(env).is_file():
            raise BrowserNotFound(f"GDCORE_BROWSER={env!r} is not a file")
        return env
    for candidate in ("/usr/bin/chromium", pw.chromium.executable_path):
        if Path(candidate).is_file():
            return candidate
    raise BrowserNotFound(
        "no Chromium found: set GDCORE_BROWSER to a Chromium binary, "
        "or install Debian's (`apt-get install chromium`)"
    )


def launch_browser(pw: Playwright, executable: str) -> Browser:
    return pw.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)


@dataclass
class Lab:
    """A running JupyterLab serving a temporary copy of the lessons from ``root``."""

    url: str
    token: str = field(repr=False)
    root: Path
    proc: subprocess.Popen = field(repr=False)

    def notebook_url(self, name: str) -> str:
        # `reset`: a page shows this notebook alone. Otherwise JupyterLab restores every
        # notebook opened before in its workspace, and starts a kernel for each.
        return f"{self.url}/lab/tree/{name}?reset&token={self.token}"

    def api(self, path: str, method: str = "GET"):
        req = urllib.request.Request(
            f"{self.url}/api/{path}",
            method=method,
            headers={"Authorization": f"token {self.token}"},
        )
        with urllib.request.urlopen(req, timeout=10) as resp:
            body = resp.read()
        return json.loads(body) if body else None

    def shutdown_kernels(self) -> None:
        """Stop every kernel, so lessons don't pile up kernels (and memory) in one session."""
        for kernel in self.api("kernels"):
            with contextlib.suppress(urllib.error.HTTPError):  # already gone
                self.api(f"kernels/{kernel['id']}", method="DELETE")


def write_notebook(path: Path, cells: list[str]) -> None:
    """Write a notebook of these code cells, for the python3 kernel, to ``path``."""
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    nbformat.write(nb, path)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def start_lab(source: Path) -> Iterator[Lab]:
    """Run JupyterLab on a copy of ``source`` with throw-away config, settings and workspaces.

    Only the user-level Jupyter dirs are redirected: the venv's labextensions and its
    python3 kernelspec live under ``sys.prefix`` and are still found.
    """
    with tempfile.TemporaryDirectory(prefix="gdcore-lab-") as tmp:
        tmp = Path(tmp)
        root = tmp / "notebooks"  # autosave may write here, never to the repo
        shutil.copytree(source, root, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
        for rel, value in _LAB_SETTINGS.items():
            (tmp / "settings" / rel).parent.mkdir(parents=True, exist_ok=True)
            (tmp / "settings" / rel).write_text(json.dumps(value))
        env = os.environ | {
            "JUPYTER_CONFIG_DIR": str(tmp / "config"),
            "JUPYTER_DATA_DIR": str(tmp / "data"),
            "JUPYTER_RUNTIME_DIR": str(tmp / "runtime"),
            "IPYTHONDIR": str(tmp / "ipython"),  # no personal startup files in the kernel
        }
        port, token = _free_port(), secrets.token_hex(24)
        cmd = [
            sys.executable,
            "-m",
            "jupyterlab",
            "--no-browser",
            "--ServerApp.ip=127.0.0.1",
            f"--ServerApp.port={port}",
            "--ServerApp.port_retries=0",
            "--ServerApp.allow_root=True",  # CI containers often run as root
            f"--IdentityProvider.token={token}",
            f"--ServerApp.root_dir={root}",
            f"--LabApp.workspaces_dir={tmp / 'workspaces'}",
            f"--LabApp.user_settings_dir={tmp / 'settings'}",
            "--LabApp.expose_app_in_browser=True",
            "--LabApp.news_url=None",
            "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
            lab_flag.FLAG,  # as `make lab` starts it: kernel messages leave at once
        ]
        log_path = tmp / "server.log"
        with log_path.open("wb") as log:
            proc = subprocess.Popen(
                cmd, env=env, cwd=root, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
            )
        lab = Lab(url=f"http://127.0.0.1:{port}", token=token, root=root, proc=proc)
        try:
            _wait_for_server(lab, log_path)
            yield lab
        finally:
            with contextlib.suppress(OSError):
                lab.shutdown_kernels()
            _stop(proc)


def _wait_for_server(lab: Lab, log_path: Path) -> None:
    deadline = time.monotonic() + SERVER_START_TIMEOUT
    while time.monotonic() < deadline:
        if lab.proc.poll() is not None:
            break
        with contextlib.suppress(OSError):  # not listening yet
            lab.api("status")
            return
        time.sleep(0.2)
    tail = log_path.read_text(errors="replace")[-3000:]
    raise RuntimeError(f"JupyterLab did not come up at {lab.url}; server log:\n{tail}")


def _stop(proc: subprocess.Popen) -> None:
    """SIGTERM the server's process group (it shuts its kernels down), SIGKILL if it hangs."""
    for sig, wait in ((signal.SIGTERM, 20), (signal.SIGKILL, 10)):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, sig)
        try:
            proc.wait(wait)
            return
        except subprocess.TimeoutExpired:
            continue


def new_lab_page(browser: Browser) -> Page:
    """A fresh browser context with the page helpers and JS error logs."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(_PAGE_HELPERS)
    page = context.new_page()
    page.uncaught_errors = []  # uncaught JS exceptions, e.g. a widget whose render() throws
    page.console_errors = []  # console.error: context for failure messages, often benign
    page.on("pageerror", lambda exc: page.uncaught_errors.append(str(exc)))
    page.on("console", lambda msg: _log_console_error(page, msg))
    return page


def _log_console_error(page: Page, msg) -> None:
    if msg.type == "error":
        page.console_errors.append(msg.text.splitlines()[0])  # the message, not the JS stack


@dataclass
class CellError:
    index: int  # 0-based position in the notebook
    ename: str
    evalue: str
    source: str = field(repr=False)
    traceback: str = field(repr=False)  # with ANSI colour codes, as the kernel sent it

    def __str__(self) -> str:
        first_line = next(iter(self.source.strip().splitlines()), "")
        return f"cell {self.index + 1} ({first_line!r}): {self.ename}: {self.evalue}"

    def plain_traceback(self) -> str:
        return re.sub(r"\x1b\[[0-9;]*m", "", self.traceback)


@dataclass
class RunResult:
    errors: list[CellError]
    loading_widgets: int  # outputs still showing "Loading widget..."
    broken_widgets: int  # outputs showing "Error displaying widget"


def open_notebook(page: Page, lab: Lab, name: str) -> None:
    """Open ``name`` (relative to the served dir) and wait for its kernel to be idle."""
    page.goto(lab.notebook_url(name))
    page.wait_for_function("p => __gd.kernelIdle(p)", arg=name, timeout=KERNEL_READY_TIMEOUT)
    page.evaluate("() => jupyterapp.shell.collapseLeft()")  # more room for the lesson


def run_notebook(page: Page, lab: Lab, name: str) -> RunResult:
    """Open a notebook, run all cells, wait for them and their widgets, report what went wrong."""
    open_notebook(page, lab, name)
    page.evaluate("p => __gd.runAll(p)", name)
    page.wait_for_function("p => __gd.runFinished(p)", arg=name, timeout=RUN_ALL_TIMEOUT)
    if run_error := page.evaluate("() => __gd.run.error"):
        raise RuntimeError(f"{name}: 'Run All Cells' failed: {run_error}")
    # Widget views render asynchronously after the kernel went idle; give them a bounded time.
    with contextlib.suppress(PlaywrightTimeoutError):  # counted and reported below
        page.wait_for_function(
            "p => __gd.outputsWith(p, 'Loading widget') === 0",
            arg=name,
            timeout=WIDGET_RENDER_TIMEOUT,
        )
    return RunResult(
        errors=[CellError(**e) for e in page.evaluate("p => __gd.errors(p)", name)],
        loading_widgets=page.evaluate("p => __gd.outputsWith(p, 'Loading widget')", name),
        broken_widgets=page.evaluate("p => __gd.outputsWith(p, 'Error displaying widget')", name),
    )


def wait_kernel_idle(page: Page, name: str, timeout: float = KERNEL_READY_TIMEOUT) -> None:
    page.wait_for_function("p => __gd.kernelIdle(p)", arg=name, timeout=timeout)


def arrow_away_from_end(slider: Locator) -> str:
    """The arrow key that moves a slider: a range input or an ARIA slider (ipywidgets' handle).
    One sitting at its maximum can only go left."""
    at_max = slider.evaluate(
        """e => {
        const num = (prop, aria) => Number(e[prop] || e.getAttribute(aria));
        return num('value', 'aria-valuenow') >= num('max', 'aria-valuemax');
      }"""
    )
    return "ArrowLeft" if at_max else "ArrowRight"


def save_screenshot(page: Page, path: Path) -> None:
    """Screenshot the whole notebook: JupyterLab scrolls inside a fixed-size shell, so grow the
    viewport to the notebook's height and scroll it to the top first."""
    path.parent.mkdir(parents=True, exist_ok=True)
    scroller = (
        "document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-WindowedPanel-outer')"
    )
    height = page.evaluate(f"() => {scroller}?.scrollHeight ?? 0")
    size = page.viewport_size
    page.set_viewport_size(
        {"width": size["width"], "height": min(max(size["height"], height + 200), 16000)}
    )
    try:
        page.evaluate(
            f"""() => new Promise(done => {{
                const s = {scroller};
                if (s) s.scrollTop = 0;
                requestAnimationFrame(() => requestAnimationFrame(done));
            }})"""
        )
        page.screenshot(path=path, full_page=True)
    finally:
        page.set_viewport_size(size)
