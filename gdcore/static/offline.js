// A saved explorer: a stand-in for the widget's model, so that explorer.js draws
// a page with no kernel behind it. gdcore/pages.py describes what is saved; this
// file only looks it up. It runs in the same scope as explorer.js (decode, flat,
// render), which gdcore/pages.py puts before it. It hands explorer.js its scenes
// decoded, as { header, arrays }.

// Base64 text of gzipped bytes -> the bytes.
async function unpack(text) {
  const packed = Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
  const stream = new Blob([packed]).stream().pipeThrough(new DecompressionStream("gzip"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

// Catmull-Rom weights of the four nodes around a point a fraction t past the second.
const cubic = (t) => [
  (((2 - t) * t - 1) * t) / 2,
  ((3 * t - 5) * t * t + 2) / 2,
  (((4 - 3 * t) * t + 1) * t) / 2,
  ((t - 1) * t * t) / 2,
];

// The model's curve at one point of parameter space, read off the saved table by
// cubic interpolation along each parameter (exact for a model linear in each one);
// NaNs outside the table, where no curve is drawn.
function curveReader(table, values) {
  const n = table.nodes;
  const dims = table.lo.length;
  const P = values.length / n ** dims;
  // The curve at a node; one node past an edge, continued along a straight line.
  const row = (idx) => {
    const d = idx.findIndex((k) => k < 0 || k > n - 1);
    if (d < 0) {
      const node = dims === 1 ? idx[0] : idx[1] * n + idx[0];
      return values.subarray(node * P, node * P + P);
    }
    const edge = idx[d] < 0 ? 0 : n - 1;
    const [at, next] = [[...idx], [...idx]];
    at[d] = edge;
    next[d] = edge + (edge === 0 ? 1 : -1);
    const [a, b] = [row(at), row(next)];
    return a.map((v, j) => 2 * v - b[j]);
  };
  const taps = dims === 1 ? [[0], [1], [2], [3]] : [0, 1, 2, 3].flatMap((b) => [0, 1, 2, 3].map((a) => [a, b]));
  return (theta) => {
    const out = new Float64Array(P).fill(NaN);
    const at = table.lo.map((lo, d) => ((theta[d] - lo) / (table.hi[d] - lo)) * (n - 1));
    if (at.some((u) => !(u >= 0 && u <= n - 1))) return out;
    const i = at.map((u) => Math.min(Math.floor(u), n - 2));
    const w = at.map((u, d) => cubic(u - i[d]));
    out.fill(0);
    for (const tap of taps) {
      const weight = tap.reduce((product, k, d) => product * w[d][k], 1);
      const r = row(tap.map((k, d) => i[d] - 1 + k));
      for (let j = 0; j < P; j++) out[j] += weight * r[j];
    }
    return out;
  };
}

// What the kernel would answer, from what was saved: `state` as gdcore/pages.py
// writes it, the saved scene's bytes, and the model's table as floats (or null).
function standIn(state, wire, tableValues) {
  const saved = decode(new DataView(wire.buffer));
  const traits = { ...state, wire: saved };
  const handlers = {};
  const fire = (name, ...args) => (handlers[name] ?? []).forEach((f) => f(...args));
  const { paths, lengths } = saved.arrays;
  const [M, R] = lengths.shape;
  const curveAt = tableValues && curveReader(state.table, tableValues);
  const oneD = saved.header.surface.shape === "curve";
  // Where run (m, r) is at step k: a point of parameter space.
  const theta = (m, r, k) => {
    const j = Math.min(k, lengths.data[flat(lengths.shape, [m, r])] - 1);
    const at = flat(paths.shape, [m, r, j, 0]);
    return oneD ? [paths.data[at]] : [paths.data[at], paths.data[at + 1]];
  };

  // The scene at k steps, a count the page saved: gdcore's statuses at k, and the
  // model's curve at each run's state k.
  function atSteps(k) {
    if (k === saved.header.steps) return saved;
    const stop = k / state.offline.every;
    const { kinds, words, texts } = state.statuses;
    const header = {
      ...saved.header,
      steps: k,
      kinds: kinds[stop],
      words: words[stop].map((row) => row.map((w) => texts[w])),
    };
    const arrays = { ...saved.arrays };
    if (curveAt) {
      const { shape } = saved.arrays.curves;
      const data = new Float64Array(shape.reduce((a, b) => a * b, 1));
      for (let m = 0; m < M; m++) {
        for (let r = 0; r < R; r++) data.set(curveAt(theta(m, r, k)), flat(shape, [m, r, 0]));
      }
      arrays.curves = { data, shape };
    }
    return { header, arrays };
  }

  // While playing: the model's curve at every step of the current rate.
  function playReply() {
    const found = saved.header.rates.indexOf(traits.lr);
    const rate = found >= 0 ? found : saved.header.rate;
    const S = paths.shape[2];
    const P = saved.arrays.curves.shape[2];
    const data = new Float64Array(M * S * P);
    for (let m = 0; m < M; m++) {
      for (let k = 0; k < S; k++) data.set(curveAt(theta(m, rate, k)), (m * S + k) * P);
    }
    return [{ kind: "play", rate, shape: [M, S, P] }, [new DataView(data.buffer)]];
  }

  let shownSteps = state.steps;
  return {
    get: (name) => traits[name],
    set: (name, value) => (traits[name] = value),
    save_changes() {
      if (traits.steps === shownSteps) return;
      shownSteps = traits.steps;
      traits.wire = atSteps(shownSteps);
      fire("change:wire");
    },
    send(content) {
      if (content.kind === "play" && curveAt) setTimeout(() => fire("msg:custom", ...playReply()));
    },
    on: (name, handler) => (handlers[name] ??= []).push(handler),
    off() {},
  };
}

// Pages follow the reader's light or dark preference; the explorer redraws on the change.
function followTheme() {
  const dark = matchMedia("(prefers-color-scheme: dark)");
  const apply = () => document.body.setAttribute("data-jp-theme-light", String(!dark.matches));
  dark.addEventListener("change", apply);
  apply();
}

async function mountAll() {
  followTheme();
  for (const node of document.querySelectorAll("[data-gd-explorer]")) {
    try {
      const state = JSON.parse(document.getElementById(node.dataset.gdExplorer).textContent);
      const wire = await unpack(state.wire);
      const tableValues = state.table && new Float32Array((await unpack(state.table.values)).buffer);
      state.statuses = JSON.parse(new TextDecoder().decode(await unpack(state.statuses)));
      render({ model: standIn(state, wire, tableValues), el: node });
    } catch (err) {
      node.textContent = `This explorer could not be drawn here (${err.message}); open the lesson in JupyterLab.`;
      console.error(err);
    }
  }
}

mountAll();
