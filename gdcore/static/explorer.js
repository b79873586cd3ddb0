// The descent explorer's front end. It only draws: every number comes from
// gdcore in the kernel, which sends the paths for the whole grid of learning
// rates at once, so moving the slider redraws without a kernel round trip.

const PATH = "#d62728";

function el(tag, cls, parent, attrs = {}) {
  const node = document.createElement(tag);
  if (cls) node.className = cls;
  Object.assign(node, attrs);
  if (parent) parent.appendChild(node);
  return node;
}

function floats(view) {
  // Copy, because a Float64Array needs an 8-byte-aligned offset.
  if (!view || !view.byteLength) return new Float64Array(0);
  return new Float64Array(view.buffer.slice(view.byteOffset, view.byteOffset + view.byteLength));
}

function mapper(frame) {
  const [left, top, right, bottom] = frame.box;
  const [x0, x1] = frame.xlim;
  const [y0, y1] = frame.ylim;
  const clamp = (v) => Math.max(-1e5, Math.min(1e5, v));
  return {
    px: (x) => clamp(left + ((x - x0) / (x1 - x0)) * (right - left)),
    py: (y) => clamp(bottom - ((y - y0) / (y1 - y0)) * (bottom - top)),
    x: (px) => x0 + ((px - left) / (right - left)) * (x1 - x0),
    y: (py) => y0 + ((bottom - py) / (bottom - top)) * (y1 - y0),
    box: frame.box,
  };
}

function clipTo(ctx, box) {
  const [l, t, r, b] = box;
  ctx.beginPath();
  ctx.rect(l, t, r - l, b - t);
  ctx.clip();
}

// Stroke the line through n points, kept inside the axes box.
function trace(ctx, box, n, point, width) {
  ctx.save();
  clipTo(ctx, box);
  ctx.strokeStyle = PATH;
  ctx.lineWidth = width;
  ctx.beginPath();
  for (let j = 0; j < n; j++) {
    const [x, y] = point(j);
    j ? ctx.lineTo(x, y) : ctx.moveTo(x, y);
  }
  ctx.stroke();
  ctx.restore();
}

function fmt(v) {
  return String(Number(Number(v).toPrecision(3)));
}

function render({ model, el: root }) {
  root.classList.add("gd-explorer");
  const title = el("div", "gd-title", root);
  const panels = el("div", "gd-panels", root);
  const surface = el("canvas", "gd-plot gd-surface", panels);
  const lossPanel = el("canvas", "gd-plot gd-losses", panels);
  const dataPanel = el("canvas", "gd-plot gd-data", panels);

  const lrRow = el("div", "gd-row", root);
  el("label", "gd-label", lrRow, { textContent: "learning rate α" });
  const track = el("div", "gd-track", lrRow);
  const lr = el("input", "gd-lr", track, { type: "range", min: 0, step: 1 });
  const mark = el("div", "gd-bound", track, { title: "2/L: above this, descent diverges" });
  const readout = el("input", "gd-readout", lrRow, { type: "text", title: "type a rate, then Enter" });

  const stepRow = el("div", "gd-row", root);
  el("label", "gd-label", stepRow, { textContent: "steps" });
  const steps = el("input", "gd-steps", stepRow, { type: "range", min: 0, step: 1 });
  const stepsOut = el("span", "gd-steps-out", stepRow);
  const play = el("button", "gd-play", stepRow, { textContent: "▶ play", type: "button" });
  const status = el("div", "gd-status", root);

  const s = { images: [], paths: null, losses: null, curves: null, shown: null };

  function load() {
    const backgrounds = model.get("backgrounds");
    const frames = model.get("frames");
    s.frames = frames.map(mapper);
    s.images = backgrounds.map((src) => {
      const img = new Image();
      img.onload = () => draw();
      img.src = src;
      return img;
    });
    const [w, h] = frames[0].size;
    for (const c of [surface, lossPanel, dataPanel]) {
      c.width = w;
      c.height = h;
    }
    dataPanel.style.display = backgrounds.length > 1 ? "" : "none";
    title.textContent = model.get("title");
    title.style.display = model.get("title") ? "" : "none";
  }

  function loadNumbers() {
    s.lrs = model.get("lrs");
    s.width = model.get("max_steps") + 1;
    s.lengths = model.get("lengths");
    s.paths = floats(model.get("paths"));
    s.losses = floats(model.get("losses"));
    s.curves = floats(model.get("curves"));
    s.xs = model.get("curve_xs");
    lr.max = s.lrs.length - 1;
    steps.max = model.get("max_steps");
    placeBound();
  }

  function placeBound() {
    // A loss without a minimum has no 2/L: the kernel sends no bound, and no mark is drawn.
    const bound = model.get("bound");
    const lo = Math.log(s.lrs[0]);
    const hi = Math.log(s.lrs[s.lrs.length - 1]);
    if (!(bound > 0) || !(hi > lo)) {
      mark.style.display = "none";
      return;
    }
    const f = (Math.log(bound) - lo) / (hi - lo);
    mark.style.display = f >= 0 && f <= 1 ? "" : "none";
    // The thumb's centre travels from half a thumb to the track's width less half a thumb.
    mark.style.left = `calc(8px + ${f} * (100% - 16px))`;
  }

  function drawSurface(i, k) {
    const ctx = surface.getContext("2d");
    const m = s.frames[0];
    ctx.clearRect(0, 0, surface.width, surface.height);
    if (s.images[0].complete) ctx.drawImage(s.images[0], 0, 0);
    const n = Math.min(s.lengths[i], k + 1);
    const base = i * s.width * 2;
    const at = (j) => [m.px(s.paths[base + 2 * j]), m.py(s.paths[base + 2 * j + 1])];
    trace(ctx, m.box, n, at, 1.5);
    ctx.save();
    clipTo(ctx, m.box);
    ctx.fillStyle = PATH;
    ctx.strokeStyle = PATH;
    const dot = n > 60 ? 1.5 : 2.5;
    for (let j = 0; j < n; j++) {
      ctx.beginPath();
      ctx.arc(...at(j), dot, 0, 2 * Math.PI);
      ctx.fill();
    }
    ctx.beginPath();
    ctx.lineWidth = 2;
    ctx.arc(...at(0), 6, 0, 2 * Math.PI);
    ctx.stroke();
    ctx.restore();
  }

  function drawLosses(i, k) {
    const ctx = lossPanel.getContext("2d");
    const [w, h] = [lossPanel.width, lossPanel.height];
    const [l, t, r, b] = [62, 12, w - 12, h - 45];
    const [lo, hi] = model.get("loss_range");
    const kmax = Math.max(+steps.value, 1); // fixed while play advances k
    const px = (j) => l + (j / kmax) * (r - l);
    const py = (v) => b - ((Math.log10(v) - lo) / (hi - lo)) * (b - t);
    ctx.clearRect(0, 0, w, h);
    ctx.font = "11px sans-serif";
    ctx.fillStyle = "#444";
    ctx.strokeStyle = "#ddd";
    const every = Math.max(1, Math.ceil((hi - lo) / 6));
    for (let e = Math.ceil(lo); e <= hi; e += every) {
      ctx.beginPath();
      ctx.moveTo(l, py(10 ** e));
      ctx.lineTo(r, py(10 ** e));
      ctx.stroke();
      ctx.fillText(`1e${e}`, 8, py(10 ** e) + 4);
    }
    for (const j of [0, Math.round(kmax / 2), kmax]) ctx.fillText(String(j), px(j) - 4, b + 15);
    ctx.fillText("step", (l + r) / 2 - 12, b + 32);
    ctx.strokeStyle = "#888";
    ctx.strokeRect(l, t, r - l, b - t);
    ctx.fillText(model.get("loss_label"), l + 4, t + 12);
    const n = Math.min(s.lengths[i], k + 1);
    const base = i * s.width;
    const clamp = (y) => Math.max(-1e5, Math.min(1e5, y));
    trace(ctx, [l, t, r, b], n, (j) => [px(j), clamp(py(s.losses[base + j]))], 1.5);
  }

  function drawData(i, k) {
    if (s.images.length < 2) return;
    const ctx = dataPanel.getContext("2d");
    const m = s.frames[1];
    ctx.clearRect(0, 0, dataPanel.width, dataPanel.height);
    if (s.images[1].complete) ctx.drawImage(s.images[1], 0, 0);
    const nx = s.xs.length;
    // During play the kernel's per-step curves are used; otherwise the curve at the last step.
    const perStep = s.stepCurves && s.stepCurvesIndex === i;
    const row = perStep ? Math.min(k, s.lengths[i] - 1) : i;
    const source = perStep ? s.stepCurves : s.curves;
    trace(ctx, m.box, nx, (j) => [m.px(s.xs[j]), m.py(source[row * nx + j])], 2);
  }

  function draw(k = +steps.value, statusText = null) {
    if (!s.frames || !s.paths) return;
    const i = +lr.value;
    drawSurface(i, k);
    drawLosses(i, k);
    drawData(i, k);
    if (document.activeElement !== readout) readout.value = fmt(s.lrs[i]);
    stepsOut.textContent = String(k);
    status.textContent = statusText ?? model.get("statuses")[i] ?? "";
    status.classList.toggle("gd-bad", /diverg/.test(status.textContent));
  }

  function syncFromModel() {
    lr.value = model.get("lr_index");
    steps.value = model.get("steps");
    draw();
  }

  // Keys pressed on the explorer's controls are the explorer's: without this,
  // JupyterLab's command mode would read an arrow as "select another cell",
  // and "d d" on a focused slider as "delete this cell".
  root.addEventListener("keydown", (e) => {
    const chord = e.ctrlKey || e.metaKey || e.altKey || (e.shiftKey && e.key === "Enter");
    if (!chord && e.key !== "Escape") e.stopPropagation();
  });

  lr.addEventListener("input", () => {
    draw();
    model.set("lr_index", +lr.value);
    model.save_changes();
  });
  steps.addEventListener("input", () => {
    draw();
    model.set("steps", +steps.value);
    model.save_changes();
  });
  readout.addEventListener("change", () => {
    const v = Number(readout.value);
    if (!(v > 0 && Number.isFinite(v))) {
      status.textContent = `"${readout.value}" is not a learning rate: type a positive number, e.g. 0.05`;
      status.classList.add("gd-bad");
      return;
    }
    status.textContent = `descending at α = ${fmt(v)}…`;
    model.set("lr", v);
    model.save_changes();
  });

  let anim = null;
  play.addEventListener("click", () => {
    if (anim) return stop();
    const total = +steps.value;
    model.set("play_index", +lr.value);
    model.save_changes();
    const start = performance.now();
    const duration = Math.min(6000, 400 + 40 * total);
    play.textContent = "■ stop";
    const frame = (now) => {
      const k = Math.min(total, Math.floor(((now - start) / duration) * total));
      draw(k, `step ${k} of ${total}`);
      if (k < total) anim = requestAnimationFrame(frame);
      else stop();
    };
    anim = requestAnimationFrame(frame);
  });
  function stop() {
    cancelAnimationFrame(anim);
    anim = null;
    play.textContent = "▶ play";
    draw();
  }

  // Dragging on the surface moves the start point; the kernel then descends from there.
  let dragging = false;
  // Where the pointer is on the canvas, kept inside the axes box.
  const pointer = (e) => {
    const rect = surface.getBoundingClientRect();
    const [l, t, r, b] = s.frames[0].box;
    const px = ((e.clientX - rect.left) * surface.width) / rect.width;
    const py = ((e.clientY - rect.top) * surface.height) / rect.height;
    return [Math.max(l, Math.min(r, px)), Math.max(t, Math.min(b, py))];
  };
  const toData = (e) => {
    const m = s.frames[0];
    const [px, py] = pointer(e);
    return model.get("names").length === 1 ? [m.x(px)] : [m.x(px), m.y(py)];
  };
  const previewStart = (e) => {
    const ctx = surface.getContext("2d");
    ctx.clearRect(0, 0, surface.width, surface.height);
    ctx.drawImage(s.images[0], 0, 0);
    ctx.strokeStyle = PATH;
    ctx.lineWidth = 2;
    ctx.beginPath();
    ctx.arc(...pointer(e), 6, 0, 2 * Math.PI);
    ctx.stroke();
  };
  surface.addEventListener("pointerdown", (e) => {
    dragging = true;
    surface.setPointerCapture(e.pointerId);
    previewStart(e);
  });
  surface.addEventListener("pointermove", (e) => dragging && previewStart(e));
  surface.addEventListener("pointerup", (e) => {
    if (!dragging) return;
    dragging = false;
    status.textContent = "descending from the new start…";
    model.set("theta0", toData(e));
    model.save_changes();
  });

  model.on("change:backgrounds", () => (load(), draw()));
  model.on("change:paths", () => (loadNumbers(), syncFromModel()));
  model.on("change:curves", () => ((s.curves = floats(model.get("curves"))), draw()));
  model.on("change:step_curves", () => {
    s.stepCurves = floats(model.get("step_curves"));
    s.stepCurvesIndex = model.get("step_curves_index");
  });
  model.on("change:statuses", () => draw());
  // The kernel's own words, e.g. why a start point was refused.
  model.on("change:status", () => {
    if (model.get("status").startsWith("cannot")) status.textContent = model.get("status");
  });
  model.on("change:lr_index", syncFromModel);
  model.on("change:steps", syncFromModel);
  model.on("change:bound", placeBound);
  model.on("change:loss_label", () => draw());

  load();
  loadNumbers();
  s.stepCurves = floats(model.get("step_curves"));
  s.stepCurvesIndex = model.get("step_curves_index");
  syncFromModel();
  return () => anim && cancelAnimationFrame(anim);
}

export default { render };
