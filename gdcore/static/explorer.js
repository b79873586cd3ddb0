// The descent explorer's front end. It only draws the scene that gdcore builds
// in the kernel; gdcore/scene.py describes the scene's format, which this file
// follows. It reads kinds and shapes, never words, and computes no numbers of
// the descent: moving the rate or the steps only picks what to draw.

const BAD = new Set(["diverging", "diverged", "refused"]);
const MARGIN = { top: 10, right: 14, bottom: 40, minLeft: 44 };
const ASPECT = 5 / 6; // a panel's height over its width

// --- the scene -------------------------------------------------------------------

// One block of bytes -> { header, arrays }, each array { data: Float64Array, shape }
// (Float32Array in a saved page, whose header says "float": 4).
function decode(view) {
  const bytes = new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
  const n = new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0, true);
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(4, 4 + n)));
  const start = 4 + n + ((8 - ((4 + n) % 8)) % 8);
  const body = bytes.slice(start).buffer; // a copy starting at 0, so 8-byte aligned
  const Floats = header.float === 4 ? Float32Array : Float64Array;
  const arrays = {};
  let offset = 0;
  for (const [name, shape] of header.arrays) {
    const size = shape.reduce((a, b) => a * b, 1);
    arrays[name] = { data: new Floats(body, offset, size), shape };
    offset += Floats.BYTES_PER_ELEMENT * size;
  }
  return { header, arrays };
}

// The flat index of element `index` in an array of `shape`, C order.
function flat(shape, index) {
  let at = 0;
  for (let d = 0; d < shape.length; d++) at = at * shape[d] + (index[d] ?? 0);
  return at;
}

// One run of the scene: method m, rate r.
function run(scene, m, r) {
  const { paths, excess, lengths, curves } = scene.arrays;
  const p0 = flat(paths.shape, [m, r, 0, 0]);
  const e0 = flat(excess.shape, [m, r, 0]);
  const c0 = flat(curves.shape, [m, r, 0]);
  return {
    length: lengths.data[flat(lengths.shape, [m, r])],
    point: (j) => [paths.data[p0 + 2 * j], paths.data[p0 + 2 * j + 1]],
    x: (j) => paths.data[p0 + 2 * j],
    y: (j) => paths.data[p0 + 2 * j + 1],
    excess: (j) => excess.data[e0 + j],
    curve: (j) => curves.data[c0 + j],
    kind: scene.header.kinds[m][r],
    words: scene.header.words[m][r],
  };
}

// --- drawing ----------------------------------------------------------------------

function el(tag, cls, parent, attrs = {}) {
  const node = document.createElement(tag);
  if (cls) node.className = cls;
  for (const [k, v] of Object.entries(attrs)) {
    if (k.startsWith("aria-") || k === "role") node.setAttribute(k, v);
    else node[k] = v;
  }
  if (parent) parent.appendChild(node);
  return node;
}

function fmt(v) {
  return String(Number(Number(v).toPrecision(3))).replace("-", "−");
}

// The theme's colours, read when drawing, so that a theme change shows at once.
function palette(root) {
  const css = getComputedStyle(root);
  const get = (name, fallback) => css.getPropertyValue(name).trim() || fallback;
  return {
    fg: get("--jp-ui-font-color1", "#1a1a1a"),
    muted: get("--jp-ui-font-color2", "#555"),
    grid: get("--jp-border-color2", "#ddd"),
    frame: get("--jp-border-color1", "#999"),
    bg: get("--jp-layout-color1", "#fff"),
    font: get("--jp-ui-font-family", "sans-serif"),
  };
}

// The width of each canvas's box, as a ResizeObserver last reported it: reading
// clientWidth after the page changed makes the browser lay it out there and then,
// which in JupyterLab's long notebook costs a millisecond or more per canvas.
const widths = new WeakMap();

// A canvas sized to its box in CSS pixels, with a backing store of devicePixelRatio times
// as many pixels; drawing is in CSS pixels.
function fit(canvas) {
  const dpr = window.devicePixelRatio || 1;
  const w = Math.max(120, widths.get(canvas) ?? canvas.clientWidth);
  const h = Math.round(w * ASPECT);
  if (canvas.style.height !== `${h}px`) canvas.style.height = `${h}px`; // no layout to redo
  if (canvas.width !== Math.round(w * dpr) || canvas.height !== Math.round(h * dpr)) {
    canvas.width = Math.round(w * dpr);
    canvas.height = Math.round(h * dpr);
  }
  const ctx = canvas.getContext("2d");
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, w, h);
  return { ctx, w, h };
}

// Axes in the box left for them, mapping data to CSS pixels and back. `ylog` plots log10(y).
function axes(ctx, w, h, geom, colours, ylog = false) {
  ctx.font = `11px ${colours.font}`;
  const widest = Math.max(0, ...geom.yticks.map(([, label]) => ctx.measureText(label).width));
  const box = {
    l: Math.max(MARGIN.minLeft, widest + 26),
    t: MARGIN.top,
    r: w - MARGIN.right,
    b: h - MARGIN.bottom,
  };
  const [x0, x1] = geom.xlim;
  const [y0, y1] = geom.ylim;
  const ty = ylog ? (v) => Math.log10(v) : (v) => v;
  const limit = (v) => Math.max(-1e5, Math.min(1e5, v));
  return {
    box,
    px: (x) => limit(box.l + ((x - x0) / (x1 - x0)) * (box.r - box.l)),
    py: (y) => limit(box.b - ((ty(y) - y0) / (y1 - y0)) * (box.b - box.t)),
    x: (px) => x0 + ((px - box.l) / (box.r - box.l)) * (x1 - x0),
    y: (py) => y0 + ((box.b - py) / (box.b - box.t)) * (y1 - y0),
    draw() {
      const { l, t, r, b } = box;
      ctx.font = `11px ${colours.font}`;
      ctx.lineWidth = 1;
      ctx.strokeStyle = colours.frame;
      ctx.strokeRect(l, t, r - l, b - t);
      ctx.fillStyle = colours.fg;
      ctx.textAlign = "center";
      ctx.textBaseline = "top";
      for (const [v, label] of geom.xticks) {
        const x = l + ((v - x0) / (x1 - x0)) * (r - l);
        ctx.fillRect(x, b, 1, 4);
        // Keep the end labels inside the canvas.
        const half = ctx.measureText(label).width / 2;
        ctx.fillText(label, Math.min(w - half - 1, Math.max(half + 1, x)), b + 6);
      }
      ctx.fillText(geom.xlabel, (l + r) / 2, b + 22);
      ctx.textAlign = "right";
      ctx.textBaseline = "middle";
      for (const [v, label] of geom.yticks) {
        const y = b - ((v - y0) / (y1 - y0)) * (b - t);
        ctx.fillRect(l - 4, y, 4, 1);
        ctx.fillText(label, l - 6, Math.min(b, Math.max(t, y)));
      }
      ctx.save();
      ctx.translate(12, (t + b) / 2);
      ctx.rotate(-Math.PI / 2);
      ctx.textAlign = "center";
      ctx.fillText(geom.ylabel, 0, 0);
      ctx.restore();
    },
  };
}

function clipped(ctx, box, paint) {
  ctx.save();
  ctx.beginPath();
  ctx.rect(box.l, box.t, box.r - box.l, box.b - box.t);
  ctx.clip();
  paint();
  ctx.restore();
}

// A path of more states shown than this is drawn as a bare line: its dots would merge into
// it, and a halo would blot out the paths of other methods beneath it over a wide band;
// either doubles the frame's work.
const DENSE = 300;
// Points nearer than this, in CSS pixels, to the last point drawn add nothing one can see.
const SAME_PLACE = 0.5;
// A long path is stroked in pieces of this many segments: without a GPU, one outline of a
// thousand crossing segments takes several times longer to fill than many short ones.
const PIECE = 12;
// A preview request unanswered for this long, in ms, is taken as lost.
const LOST_MS = 2000;

// A line through n points, the j-th at (x(j), y(j)) in CSS pixels, over a halo of the
// background if one is given, so that it shows on any contour. Nothing is allocated per
// point: a slider move draws thousands, and garbage would be collected mid-frame.
function line(ctx, n, x, y, colour, width, halo) {
  const pieces = [];
  let piece = null;
  let drawn = 0;
  let started = false;
  let lx = 0;
  let ly = 0;
  for (let j = 0; j < n; j++) {
    const px = x(j);
    const py = y(j);
    if (!Number.isFinite(px) || !Number.isFinite(py)) continue;
    const near = started && Math.abs(px - lx) < SAME_PLACE && Math.abs(py - ly) < SAME_PLACE;
    if (near && j < n - 1) continue;
    if (!piece || drawn === PIECE) {
      piece = new Path2D();
      pieces.push(piece);
      drawn = 0;
      if (started) piece.moveTo(lx, ly);
    }
    started ? piece.lineTo(px, py) : piece.moveTo(px, py);
    if (started) drawn++;
    started = true;
    lx = px;
    ly = py;
  }
  // Pieces meet end to end with butt ends: overlapping caps would show on a translucent line.
  ctx.lineJoin = "bevel"; // a sharp turn of a noisy path grows no spike
  for (const [style, w] of halo ? [[halo, width + 2], [colour, width]] : [[colour, width]]) {
    ctx.strokeStyle = style;
    ctx.lineWidth = w;
    for (const p of pieces) ctx.stroke(p);
  }
  ctx.lineJoin = "miter";
}

function dots(ctx, n, x, y, colour, radius) {
  ctx.fillStyle = colour;
  for (let j = 0; j < n; j++) {
    ctx.beginPath();
    ctx.arc(x(j), y(j), radius, 0, 2 * Math.PI);
    ctx.fill();
  }
}

// --- the widget -------------------------------------------------------------------

function render({ model, el: root }) {
  root.classList.add("gd-explorer");
  const title = el("div", "gd-title", root);
  const legend = el("div", "gd-legend", root);
  const panels = el("div", "gd-panels", root);
  const describe = el("p", "gd-sr-only", root, { id: `gd-${Math.random().toString(36).slice(2)}` });
  const surface = el("canvas", "gd-plot gd-surface", panels, {
    tabIndex: 0,
    role: "img",
    "aria-describedby": describe.id,
  });
  const lossPanel = el("canvas", "gd-plot gd-losses", panels, {
    role: "img",
    "aria-label": "Loss against step, on a log scale",
  });
  const dataPanel = el("canvas", "gd-plot gd-data", panels, {
    role: "img",
    "aria-label": "The data, with the model's curve at the step shown",
  });

  const lrRow = el("div", "gd-row gd-rate-row", root);
  el("label", "gd-label", lrRow, { textContent: "learning rate α" });
  const track = el("div", "gd-track", lrRow);
  const lr = el("input", "gd-lr", track, { type: "range", min: 0, step: 1, "aria-label": "learning rate α" });
  const mark = el("div", "gd-bound", track, { title: "2/L: above this, descent diverges" });
  const readout = el("input", "gd-readout", lrRow, {
    type: "text",
    title: "type a rate, then Enter",
    "aria-label": "type a learning rate, then press Enter",
  });

  const stepRow = el("div", "gd-row", root);
  el("label", "gd-label", stepRow, { textContent: "steps" });
  const steps = el("input", "gd-steps", stepRow, { type: "range", min: 0, step: 1, "aria-label": "steps shown" });
  const stepsOut = el("span", "gd-steps-out", stepRow, { "aria-hidden": "true" });
  const play = el("button", "gd-play", stepRow, { textContent: "▶ play", type: "button", "aria-label": "play the descent" });
  const paramRows = el("div", "gd-params", root);
  const status = el("div", "gd-status", root, { role: "status", "aria-live": "polite" });

  // s.scene is the kernel's full scene; s.preview a one-rate scene sent while dragging,
  // drawn in place of the current rate until the full scene comes.
  const s = { scene: null, preview: null, image: null, playing: null, stepCurves: null };

  // In a saved page no kernel answers: the model then says so, with what moves the
  // steps slider by and why the start, a typed rate and β stay as they are.
  const offline = model.get("offline") ?? null;
  if (offline) {
    steps.step = offline.every;
    readout.readOnly = true;
    readout.title = offline.why;
    el("div", "gd-offline-note", root, { textContent: offline.note });
  }
  // Says, in the status line, what this page cannot do; moving a slider clears it.
  const needsKernel = () => {
    s.note = offline.why;
    draw();
  };

  function loadScene() {
    // A saved page's stand-in model hands the scene over decoded already.
    const wire = model.get("wire");
    s.scene = wire.header ? wire : decode(wire);
    s.preview = null;
    s.refused = null;
    s.dismissed = false;
    const h = s.scene.header;
    lr.max = h.rates.length - 1;
    steps.max = s.scene.arrays.paths.shape[2] - 1;
    placeBound(h.bound_at);
    dataPanel.style.display = h.data ? "" : "none";
    h.methods.forEach((method, m) => {
      if (method.param && s.paramInputs?.[m]) s.paramInputs[m].value = method.param.value;
    });
    fromModel();
  }

  function placeBound(at) {
    mark.style.display = at === null ? "none" : "";
    // The thumb's centre travels from half a thumb to the track's width less half a thumb.
    if (at !== null) mark.style.left = `calc(8px + ${at} * (100% - 16px))`;
  }

  // The rate index nearest the kernel's lr: the kernel owns the rate, the slider shows it.
  function nearestRate(value) {
    const rates = s.scene.header.rates;
    let best = 0;
    for (let i = 1; i < rates.length; i++) {
      if (Math.abs(Math.log(rates[i] / value)) < Math.abs(Math.log(rates[best] / value))) best = i;
    }
    return best;
  }

  function fromModel() {
    lr.value = nearestRate(model.get("lr"));
    steps.value = model.get("steps");
    draw();
  }

  // What to draw for the current rate: the preview's run, or the full scene's.
  function current(m) {
    if (s.preview) return run(s.preview, m, 0);
    return run(s.scene, m, +lr.value);
  }

  function drawSurface(k, colours, start) {
    const h = s.scene.header;
    const geom = h.surface;
    const { ctx, w, h: height } = fit(surface);
    const ax = axes(ctx, w, height, geom, colours);
    const { box } = ax;
    clipped(ctx, box, () => {
      if (geom.shape === "contours" && s.image?.complete) {
        ctx.drawImage(s.image, box.l, box.t, box.r - box.l, box.b - box.t);
      }
      if (geom.shape === "curve") {
        const c = s.scene.arrays.curve;
        const [x, y] = [(j) => ax.px(c.data[2 * j]), (j) => ax.py(c.data[2 * j + 1])];
        line(ctx, c.shape[0], x, y, colours.muted, 1.5);
      }
      if (geom.minimum && geom.shape === "contours") {
        ctx.fillStyle = colours.fg;
        ctx.font = `14px ${colours.font}`;
        ctx.textAlign = "center";
        ctx.textBaseline = "middle";
        ctx.fillText("★", ax.px(geom.minimum[0]), ax.py(geom.minimum[1]));
      }
      h.methods.forEach((method, m) => {
        const r = current(m);
        const n = Math.min(r.length, k + 1);
        const [x, y] = [(j) => ax.px(r.x(j)), (j) => ax.py(r.y(j))];
        const sparse = n <= DENSE;
        line(ctx, n, x, y, method.colour, 1.5, sparse ? colours.bg : null);
        if (sparse) dots(ctx, n, x, y, method.colour, n > 60 ? 1.5 : 2.5);
      });
      // The start, drawn from the scene or from where the pointer holds it.
      const [sx, sy] = start ?? current(0).point(0);
      ctx.beginPath();
      ctx.lineWidth = 2;
      ctx.strokeStyle = colours.fg;
      ctx.arc(ax.px(sx), ax.py(sy), 6, 0, 2 * Math.PI);
      ctx.stroke();
    });
    ax.draw();
    s.surfaceAxes = ax;
  }

  function drawLosses(k, colours) {
    const h = s.scene.header;
    const [lo, hi] = h.loss_range;
    const kmax = Math.max(+steps.value, 1); // fixed while play advances k
    const yticks = h.loss_ticks;
    const xticks = [0, Math.round(kmax / 2), kmax].map((j) => [j, String(j)]);
    const geom = { xlim: [0, kmax], ylim: [lo, hi], xticks, yticks, xlabel: "step", ylabel: h.loss_label };
    const { ctx, w, h: height } = fit(lossPanel);
    const ax = axes(ctx, w, height, geom, colours, true);
    const { box } = ax;
    ctx.strokeStyle = colours.grid;
    ctx.lineWidth = 1;
    for (const [e] of yticks) {
      const y = ax.py(10 ** e);
      ctx.beginPath();
      ctx.moveTo(box.l, y);
      ctx.lineTo(box.r, y);
      ctx.stroke();
    }
    h.methods.forEach((method, m) => {
      const r = current(m);
      const n = Math.min(r.length, k + 1);
      // A loss above the panel is drawn on its top edge, and marked there as leaving it.
      let off = -1;
      const y = (j) => {
        const py = ax.py(r.excess(j));
        if (py < box.t && off < 0) off = j;
        return Math.max(box.t, Math.min(box.b, py));
      };
      clipped(ctx, { ...box, t: box.t - 1, b: box.b + 1 }, () => line(ctx, n, ax.px, y, method.colour, 1.5));
      if (off >= 0) {
        // Said in the top right corner, one line per method, clear of the curves' start.
        ctx.fillStyle = method.colour;
        ctx.font = `bold 11px ${colours.font}`;
        ctx.textAlign = "right";
        ctx.textBaseline = "top";
        ctx.fillText(`▲ off the top at step ${off}`, box.r - 4, box.t + 4 + 13 * m);
      }
    });
    ax.draw();
  }

  function drawData(k, colours) {
    const h = s.scene.header;
    if (!h.data) return;
    const { ctx, w, h: height } = fit(dataPanel);
    const ax = axes(ctx, w, height, h.data, colours);
    const pts = s.scene.arrays.points;
    const xs = s.scene.arrays.curve_xs;
    clipped(ctx, ax.box, () => {
      const [px, py] = [(j) => ax.px(pts.data[2 * j]), (j) => ax.py(pts.data[2 * j + 1])];
      dots(ctx, pts.shape[0], px, py, colours.muted, 2.5);
      h.methods.forEach((method, m) => {
        // While playing, the kernel's curve at each step; otherwise the curve at the last step shown.
        const sc = s.stepCurves;
        const perStep = s.playing !== null && sc && sc.rate === +lr.value && !s.preview;
        const y = perStep
          ? (j) => sc.data[flat(sc.shape, [m, Math.min(k, current(m).length - 1), j])]
          : current(m).curve;
        line(ctx, xs.shape[0], (j) => ax.px(xs.data[j]), (j) => ax.py(y(j)), method.colour, 2);
      });
    });
    ax.draw();
  }

  function showStatus(k, playing) {
    const h = s.scene.header;
    // A notice is news of the last change; moving a slider afterwards dismisses it.
    const notice = s.refused ?? (s.dismissed ? null : s.scene.header.notice);
    status.replaceChildren();
    if (s.note) {
      el("div", "gd-line", status, { textContent: s.note });
      status.classList.remove("gd-bad");
      return;
    }
    if (notice) {
      el("div", "gd-line", status, { textContent: notice.words });
      status.classList.toggle("gd-bad", BAD.has(notice.kind));
      return;
    }
    if (playing) {
      el("div", "gd-line", status, { textContent: `step ${k} of ${+steps.value}` });
      status.classList.remove("gd-bad");
      return;
    }
    status.classList.remove("gd-bad");
    h.methods.forEach((method, m) => {
      const r = current(m);
      const row = el("div", "gd-line", status);
      row.classList.toggle("gd-bad", BAD.has(r.kind));
      if (h.methods.length > 1) {
        el("span", "gd-swatch", row, { style: `background:${method.colour}` });
        el("span", "", row, { textContent: `${method.label}: ${r.words}` });
      } else {
        row.textContent = r.words;
      }
    });
  }

  function draw(k = +steps.value, playing = false, start = null) {
    if (!s.scene) return;
    const colours = palette(root);
    drawSurface(k, colours, start);
    drawLosses(k, colours);
    drawData(k, colours);
    const rate = s.preview ? s.preview.header.rates[0] : s.scene.header.rates[+lr.value];
    if (document.activeElement !== readout) readout.value = fmt(rate);
    lr.setAttribute("aria-valuetext", `α = ${fmt(rate)}`);
    stepsOut.textContent = String(k);
    showStatus(k, playing);
    describeStart(start);
  }

  // The start ring moved by hand: until the kernel answers, only the surface changes, and
  // the main thread is left to the browser's frame (and the CPU to the kernel).
  function drawStart(start) {
    if (!s.scene) return;
    drawSurface(+steps.value, palette(root), start);
    describeStart(start);
  }

  function describeStart(start) {
    const h = s.scene.header;
    const [sx, sy] = start ?? current(0).point(0);
    const at = h.surface.shape === "curve" ? fmt(sx) : `(${fmt(sx)}, ${fmt(sy)})`;
    const min = h.surface.minimum ? `(${h.surface.minimum.map(fmt).join(", ")})` : "none";
    surface.setAttribute("aria-label", `Descent plot: start at ${at}, minimum at ${min}`);
    describe.textContent = offline ? status.textContent : `${status.textContent} Arrow keys move the start.`;
  }

  // A slider for each method's own parameter, such as momentum's β. Its runs come from
  // the kernel, so a change asks for a new scene.
  function buildParamRows() {
    s.paramInputs = s.scene.header.methods.map((method, m) => {
      if (!method.param) return null;
      const { name, min, max, value } = method.param;
      const row = el("div", "gd-row", paramRows);
      const text = `${name} · ${method.label}`;
      el("label", "gd-label", row, { textContent: text });
      const input = el("input", "gd-param", row, {
        type: "range",
        min,
        max,
        step: (max - min) / 99,
        value,
        disabled: Boolean(offline),
        title: offline ? offline.why : "",
        "aria-label": text,
      });
      const out = el("span", "gd-param-out", row, { textContent: fmt(value), "aria-hidden": "true" });
      input.addEventListener("input", () => (out.textContent = fmt(input.value)));
      input.addEventListener("change", () => {
        const params = [...model.get("params")];
        params[m] = +input.value;
        s.awaitingScene = true;
        model.set("params", params);
        model.save_changes();
      });
      return input;
    });
  }

  function drawLegend() {
    const h = s.scene.header;
    legend.replaceChildren();
    legend.style.display = h.methods.length > 1 ? "" : "none";
    for (const method of h.methods) {
      const item = el("span", "gd-legend-item", legend);
      el("span", "gd-swatch", item, { style: `background:${method.colour}` });
      el("span", "", item, { textContent: method.label });
    }
  }

  // --- asking the kernel -------------------------------------------------------------

  // One preview in flight at a time; moves made meanwhile are merged into the newest.
  // Every view of the model hears every answer, so each request carries this view's tag.
  // A request unanswered for LOST_MS (the kernel was interrupted, the message lost) no
  // longer holds the next one back; its answer, if it comes, is then ignored.
  const tag = Math.random().toString(36).slice(2);
  const ask = { inFlight: null, since: 0, next: null, count: 0, tag };
  function preview(theta0, rate) {
    const request = { kind: "preview", theta0, lr: rate };
    if (ask.inFlight && performance.now() - ask.since < LOST_MS) {
      ask.next = request;
      return;
    }
    ask.inFlight = `${ask.tag}-${++ask.count}`;
    ask.since = performance.now();
    ask.next = null;
    model.send({ ...request, id: ask.inFlight });
  }
  model.on("msg:custom", (content, buffers) => {
    if (content.kind === "preview") {
      if (!ask.inFlight || content.id !== ask.inFlight) return; // another view's, or stale
      ask.inFlight = null;
      if (s.dragging || s.keyHolding || s.awaitingScene) {
        // A refused start comes back as the current scene with a notice: keep drawing
        // the current scene, and show the notice.
        const reply = decode(buffers[0]);
        s.refused = reply.header.notice;
        s.preview = s.refused ? null : reply;
        // In 1-D the ring sits on the curve, at the loss the kernel found there.
        if (s.preview && s.holding && oneD()) s.holding = current(0).point(0);
        draw(+steps.value, false, s.holding);
      }
      if (ask.next) {
        const next = ask.next;
        ask.next = null;
        preview(next.theta0, next.lr);
      } else if (s.afterPreview) {
        // The last preview asked for is answered: what waits for it goes after this frame,
        // which it would slow down (or in 100 ms, in a hidden tab that draws no frames).
        const then = s.afterPreview;
        requestAnimationFrame(() => setTimeout(then));
        setTimeout(then, 100);
      }
    } else if (content.kind === "play") {
      const view = buffers[0];
      s.stepCurves = {
        rate: content.rate,
        shape: content.shape,
        data: new Float64Array(view.buffer.slice(view.byteOffset, view.byteOffset + view.byteLength)),
      };
    }
  });

  // While the start is held or a run plays, the status changes too often to announce.
  function busy() {
    const held = s.dragging || s.keyHolding || s.awaitingScene || s.playing !== null;
    status.setAttribute("aria-busy", String(Boolean(held)));
  }

  function commitStart(theta0) {
    s.awaitingScene = true;
    model.set("theta0", theta0);
    model.save_changes();
  }

  // --- controls -------------------------------------------------------------------

  // Keys pressed on the explorer's controls are the explorer's: without this,
  // JupyterLab's command mode would read an arrow as "select another cell",
  // and "d d" on a focused slider as "delete this cell".
  root.addEventListener("keydown", (e) => {
    const chord = e.ctrlKey || e.metaKey || e.altKey || (e.shiftKey && e.key === "Enter");
    if (!chord && e.key !== "Escape") e.stopPropagation();
  });

  // Tell the kernel of a move the controls have drawn already. A widget's model fires its
  // change event at once, inside set(); drawn again from there, each move cost two frames' work.
  function tell(name, value) {
    s.telling = true;
    try {
      model.set(name, value);
    } finally {
      s.telling = false;
    }
    model.save_changes();
  }

  lr.addEventListener("input", () => {
    s.afterPreview = null; // a rate typed before this move is no longer wanted
    s.preview = null;
    s.dismissed = true;
    s.note = null;
    draw();
    tell("lr", s.scene.header.rates[+lr.value]);
  });
  steps.addEventListener("input", () => {
    s.dismissed = true;
    s.note = null;
    draw();
    tell("steps", +steps.value);
  });
  readout.addEventListener("keydown", (e) => offline && e.key === "Enter" && needsKernel());
  readout.addEventListener("change", () => {
    const v = Number(readout.value);
    if (!(v > 0 && Number.isFinite(v))) {
      status.textContent = `"${readout.value}" is not a learning rate: type a positive number, e.g. 0.05`;
      status.classList.add("gd-bad");
      return;
    }
    const near = nearestRate(v);
    if (Math.abs(Math.log(s.scene.header.rates[near] / v)) < 1e-9) {
      lr.value = near; // already on the grid: a move of the slider
      lr.dispatchEvent(new Event("input"));
      return;
    }
    // One path first, by message; the whole grid follows as a new scene, asked for once
    // that path is drawn, or after a second if no answer comes.
    s.awaitingScene = true;
    s.holding = null;
    const commit = () => {
      if (s.afterPreview !== commit) return; // done already, or overtaken by another rate
      s.afterPreview = null;
      model.set("lr", v);
      model.save_changes();
    };
    s.afterPreview = commit;
    setTimeout(commit, 1000);
    preview(model.get("theta0"), v);
  });

  play.addEventListener("click", () => {
    if (s.playing !== null) return stop();
    s.note = null;
    const total = +steps.value;
    if (s.scene.header.data) model.send({ kind: "play" });
    const begin = performance.now();
    const duration = Math.min(6000, 400 + 40 * total);
    play.textContent = "■ stop";
    play.setAttribute("aria-label", "stop playing");
    status.setAttribute("aria-busy", "true"); // announce the end, not every frame
    const frame = (now) => {
      const k = Math.min(total, Math.floor(((now - begin) / duration) * total));
      draw(k, true);
      if (k < total) s.playing = requestAnimationFrame(frame);
      else stop();
    };
    s.playing = requestAnimationFrame(frame);
  });
  function stop() {
    cancelAnimationFrame(s.playing);
    s.playing = null;
    play.textContent = "▶ play";
    play.setAttribute("aria-label", "play the descent");
    draw();
    busy();
  }

  // Dragging on the surface moves the start point: the current rate's path follows the
  // pointer, and the whole grid comes when the pointer is released.
  const oneD = () => s.scene.header.surface.shape === "curve";
  const toData = (e) => {
    const ax = s.surfaceAxes;
    const rect = surface.getBoundingClientRect();
    const { l, t, r, b } = ax.box;
    const px = Math.max(l, Math.min(r, e.clientX - rect.left));
    const py = Math.max(t, Math.min(b, e.clientY - rect.top));
    return oneD() ? [ax.x(px)] : [ax.x(px), ax.y(py)];
  };
  // Where the start ring is drawn while it is held: on the curve in 1-D, at the pointer in 2-D.
  const ring = (theta) => (oneD() ? [theta[0], current(0).point(0)[1]] : theta);
  function hold(theta) {
    // The request first: the kernel works on it while the page draws the ring.
    preview(theta, s.scene.header.rates[+lr.value]);
    s.holding = ring(theta);
    drawStart(s.holding);
  }
  surface.addEventListener("pointerdown", (e) => {
    if (e.button !== 0) return; // the main button only
    if (offline) return needsKernel();
    try {
      surface.setPointerCapture(e.pointerId);
    } catch {
      return; // not a live pointer: no drag
    }
    s.dragging = true;
    busy();
    hold(toData(e));
  });
  surface.addEventListener("pointermove", (e) => s.dragging && e.buttons & 1 && hold(toData(e)));
  surface.addEventListener("pointerup", (e) => {
    if (!s.dragging) return;
    s.dragging = false;
    commitStart(toData(e));
  });
  // A drag the browser cancels puts the start back where it was.
  const cancel = () => {
    if (!s.dragging) return;
    s.dragging = false;
    s.holding = s.preview = s.refused = null;
    busy();
    draw();
  };
  surface.addEventListener("pointercancel", cancel);
  surface.addEventListener("lostpointercapture", () => s.dragging && cancel());

  // The arrow keys move the start by a fortieth of the window (Shift: a tenth).
  let keyTimer = null;
  surface.addEventListener("keydown", (e) => {
    const moves = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, 1], ArrowDown: [0, -1] };
    if (!moves[e.key]) return;
    e.preventDefault();
    if (offline) return needsKernel();
    const g = s.scene.header.surface;
    const frac = e.shiftKey ? 0.1 : 0.025;
    const theta = [...(s.keyStart ?? model.get("theta0"))];
    const [dx, dy] = moves[e.key];
    theta[0] = Math.max(g.xlim[0], Math.min(g.xlim[1], theta[0] + dx * frac * (g.xlim[1] - g.xlim[0])));
    if (theta.length > 1) {
      theta[1] = Math.max(g.ylim[0], Math.min(g.ylim[1], theta[1] + dy * frac * (g.ylim[1] - g.ylim[0])));
    }
    s.keyStart = theta;
    s.keyHolding = true;
    busy();
    hold(theta);
    clearTimeout(keyTimer);
    keyTimer = setTimeout(() => {
      s.keyHolding = false;
      s.keyStart = null;
      commitStart(theta);
    }, 300);
  });

  model.on("change:wire", () => {
    s.awaitingScene = false;
    s.holding = null;
    loadScene();
    busy();
  });
  // While a new scene is awaited, the slider waits for it rather than jump to an old rate.
  model.on("change:lr", () => s.telling || s.awaitingScene || fromModel());
  model.on("change:steps", () => s.telling || fromModel());
  model.on("change:backdrop", loadImage);
  function loadImage() {
    const src = model.get("backdrop");
    s.image = null;
    if (!src) return;
    s.image = new Image();
    s.image.onload = () => draw();
    s.image.src = src;
  }

  // Redraw when the cell's width changes, and when JupyterLab's theme does.
  const resized = new ResizeObserver((entries) => {
    let wider = false; // or narrower; a new height is the redraw's own doing
    for (const e of entries) {
      const w = Math.round(e.contentRect.width);
      wider ||= widths.get(e.target) !== w;
      widths.set(e.target, w);
    }
    if (wider) draw();
  });
  for (const canvas of [surface, lossPanel, dataPanel]) resized.observe(canvas);
  // ... and when the screen's pixel ratio does, e.g. on a move to another screen.
  let ratio = null;
  const watchRatio = () => {
    ratio = matchMedia(`(resolution: ${window.devicePixelRatio}dppx)`);
    ratio.addEventListener("change", onRatio, { once: true });
  };
  const onRatio = () => (draw(), watchRatio());
  watchRatio();
  const themed = new MutationObserver(() => draw());
  themed.observe(document.body, { attributes: true, attributeFilter: ["data-jp-theme-name", "data-jp-theme-light"] });

  title.textContent = model.get("title");
  title.style.display = model.get("title") ? "" : "none";
  loadImage();
  loadScene();
  drawLegend();
  buildParamRows();
  return () => {
    if (s.playing !== null) cancelAnimationFrame(s.playing);
    resized.disconnect();
    themed.disconnect();
    ratio.removeEventListener("change", onRatio);
    clearTimeout(keyTimer);
  };
}

export default { render };
