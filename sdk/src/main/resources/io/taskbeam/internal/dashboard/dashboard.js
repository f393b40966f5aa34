'use strict';
// The dashboard's page script: applies each state message (from /events, or the one a frozen
// page, the run's report, carries) to the DOM; a frozen page draws at once, with no server. Counts sit in elements with ids and data-count attributes, so tests
// and scripts can read them; the task stream keeps the last BAR_CAPACITY bars, like the server.
(function () {
  const NS = 'http://www.w3.org/2000/svg';
  const BAR_CAPACITY = 10000;
  const FAILED = '#d62728';
  const COUNTS = ['submitted', 'waiting', 'running', 'done', 'failed', 'cancelled'];
  const SPLIT = [['compileMicros', '#bab0ac'], ['waitMicros', '#edc948'],
    ['taskMicros', '#4e79a7'], ['finishMicros', '#76b7b2']];
  const bars = [];
  let graph = {mode: 'tasks', nodes: [], edges: [], functionEdges: [], states: ''};
  let last = null;
  let drawPending = false;

  const $ = (id) => document.getElementById(id);

  function el(tag, attrs, text) {
    const e = document.createElement(tag);
    for (const k in attrs || {}) e.setAttribute(k, attrs[k]);
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function svgEl(tag, attrs, text) {
    const e = document.createElementNS(NS, tag);
    for (const k in attrs || {}) e.setAttribute(k, attrs[k]);
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function seconds(micros) {
    const s = micros / 1e6;
    return (s < 10 ? s.toFixed(3) : s < 100 ? s.toFixed(2) : s.toFixed(1)) + ' s';
  }

  function setStatus(status) {
    $('status').dataset.status = status;
    $('status').textContent = status;
  }

  function apply(state) {
    last = state;
    $('title').textContent = state.app;
    document.title = 'taskbeam ' + (FROZEN ? 'report' : 'dashboard') + ': ' + state.app;
    $('runner').textContent = state.runner + ', parallelism ' + state.parallelism;
    $('elapsed').textContent = 'elapsed ' + seconds(state.elapsedMicros);
    setStatus(state.status);
    progress(state);
    failure(state);
    syncs(state);
    workers(state);
    running(state);
    for (const b of state.bars.items) bars.push(b);
    if (bars.length > BAR_CAPACITY) bars.splice(0, bars.length - BAR_CAPACITY);
    $('stream-note').textContent = state.bars.dropped > 0
      ? 'The last ' + BAR_CAPACITY + ' task calls; ' + state.bars.dropped + ' older ones are counted above.'
      : FROZEN ? 'Every task call of the run, one lane per worker thread.' : 'Bars appear when their chunk ends.';
    if (state.graph.nodes) {
      graph = state.graph;
    } else {
      graph.states = state.graph.states;
    }
    graph.mode = state.graph.mode;
    if (state.report) {
      TaskbeamReport.render(state, {el: el, seconds: seconds});
    }
    if (FROZEN) {
      drawStream();
      drawGraph();
    } else if (!drawPending) {
      drawPending = true;
      requestAnimationFrame(() => { drawPending = false; drawStream(); drawGraph(); });
    }
  }

  function progress(state) {
    const body = $('functions');
    state.functions.forEach((f, i) => {
      let row = body.querySelector('tr[data-function="' + CSS.escape(f.name) + '"]');
      if (!row) {
        row = el('tr', {'data-function': f.name});
        const name = el('td');
        name.appendChild(el('i', {class: 'swatch', style: 'display:inline-block;width:10px;height:10px;margin-right:4px;background:' + f.colour}));
        name.appendChild(document.createTextNode(f.name));
        row.appendChild(name);
        for (const c of COUNTS) row.appendChild(el('td', {class: 'n', 'data-count': c}, '0'));
        const meter = el('td', {class: 'bar'});
        meter.appendChild(el('div', {class: 'meter'})).appendChild(el('i', {style: 'background:' + f.colour}));
        row.appendChild(meter);
        body.appendChild(row);
        const legend = el('span');
        legend.appendChild(el('i', {style: 'background:' + f.colour}));
        legend.appendChild(document.createTextNode(f.name));
        $('legend').appendChild(legend);
      }
      fill(row, f);
    });
    fill($('totals'), state.totals);
  }

  function fill(row, counts) {
    for (const c of COUNTS) row.querySelector('[data-count="' + c + '"]').textContent = counts[c];
    const ended = counts.done + counts.failed + counts.cancelled;
    row.querySelector('.meter i').style.width =
      (counts.submitted === 0 ? 0 : Math.min(100, 100 * ended / counts.submitted)) + '%';
  }

  function failure(state) {
    $('failure-box').hidden = state.failure === null;
    $('failure').textContent = state.failure || '';
    $('failed-task').textContent = state.failedTask ? 'first failed task: ' + state.failedTask : '';
  }

  function syncs(state) {
    const body = $('syncs').tBodies[0];
    body.replaceChildren();
    for (const s of state.syncs) {
      const row = el('tr', {'data-sync': s.sync, 'data-result': s.running ? 'running' : s.error ? 'failed' : 'finished'});
      for (const v of [s.sync, s.tasks, s.stages, s.chunks]) row.appendChild(el('td', {class: 'n'}, v));
      for (const k of ['totalMicros', 'compileMicros', 'waitMicros', 'taskMicros', 'finishMicros']) {
        row.appendChild(el('td', {class: 'n'}, seconds(s[k])));
      }
      const split = el('div', {class: 'split'});
      for (const [k, colour] of SPLIT) {
        split.appendChild(el('i', {style: 'background:' + colour + ';width:' + (s.totalMicros > 0 ? 100 * s[k] / s.totalMicros : 0) + '%', title: k}));
      }
      row.appendChild(el('td')).appendChild(split);
      row.appendChild(el('td', {}, s.running ? 'running' : s.error ? 'FAILED: ' + s.error : 'finished'));
      body.appendChild(row);
    }
    $('sync-note').textContent = state.syncCount > state.syncs.length
      ? 'The last ' + state.syncs.length + ' of ' + state.syncCount + ' sync points.' : '';
  }

  function bytes(n) {
    if (n < 0) return '-';
    const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
    let i = 0;
    while (n >= 1024 && i < units.length - 1) { n /= 1024; i++; }
    return (i === 0 ? n : n.toFixed(1)) + ' ' + units[i];
  }

  function permille(p) {
    return p < 0 ? '-' : (p / 10).toFixed(1) + ' %';
  }

  // One row per worker process: what the task stream saw (threads, tasks, busy time) and the
  // runner's last sample of it (CPU, heap, slots), matched by the process's name.
  function workers(state) {
    const body = $('workers').tBodies[0];
    body.replaceChildren();
    const gauges = new Map((state.gauges || []).map((g) => [g.process, g]));
    const rows = state.workers.map((w) => [w.process, w]);
    for (const g of gauges.values()) {
      if (!state.workers.some((w) => w.process === g.process)) rows.push([g.process, {host: g.host}]);
    }
    for (const [process, w] of rows) {
      const g = gauges.get(process);
      const row = el('tr', {'data-process': process});
      row.appendChild(el('td', {}, process));
      row.appendChild(el('td', {}, w.host || (g && g.host) || ''));
      row.appendChild(el('td', {class: 'n'}, w.lanes === undefined ? '-' : w.lanes));
      row.appendChild(el('td', {class: 'n'}, w.tasks === undefined ? '-' : w.tasks));
      row.appendChild(el('td', {class: 'n'}, w.busyMicros === undefined ? '-' : seconds(w.busyMicros)));
      row.appendChild(el('td', {class: 'n', 'data-gauge': 'cpu'}, g ? permille(g.cpuPermille) : '-'));
      row.appendChild(el('td', {class: 'n', 'data-gauge': 'peak-cpu'}, g ? permille(g.peakCpuPermille) : '-'));
      row.appendChild(el('td', {class: 'n', 'data-gauge': 'heap'}, g ? bytes(g.heapUsed) : '-'));
      row.appendChild(el('td', {class: 'n', 'data-gauge': 'peak-heap'}, g ? bytes(g.peakHeapUsed) : '-'));
      row.appendChild(el('td', {class: 'n', 'data-gauge': 'heap-max'}, g ? bytes(g.heapMax) : '-'));
      row.appendChild(el('td', {class: 'n', 'data-gauge': 'slots'}, g && g.slots >= 0 ? g.busySlots + ' / ' + g.slots : '-'));
      row.appendChild(el('td', {'data-gauge': 'trend'})).appendChild(sparkline(g));
      body.appendChild(row);
    }
    $('workers-note').textContent = gauges.size === 0
      ? (FROZEN ? 'CPU and heap are sampled only while the dashboard is on (--dashboard).' : 'Waiting for the first sample of the workers.')
      : (FROZEN ? 'CPU and heap: the last sample and the peak while the run went on; ' : 'CPU and heap sampled every second; ') +
        ([...gauges.values()].some((g) => g.slotsFrom === 'threads')
          ? 'the driver\'s JVM runs the tasks: busy slots are the tasks running of the parallelism.'
          : 'busy slots: slots the cluster gave to a job.');
    store(state);
  }

  // The worker's last samples, oldest first: CPU of the machine (0..100 %) and heap in use (of the
  // heap's limit, or of its peak when the limit is unknown), one point a sample.
  function sparkline(g) {
    const w = 120;
    const h = 20;
    const s = svgEl('svg', {width: w, height: h, 'data-samples': g ? g.heapHistory.length : 0});
    if (!g) return s;
    s.appendChild(svgEl('rect', {x: 0, y: 0, width: w, height: h, fill: '#f7f7f7'}));
    const heapScale = g.heapMax > 0 ? g.heapMax : Math.max(1, g.peakHeapUsed);
    const line = (values, scale, colour) => {
      const n = values.length;
      if (n === 0) return;
      const points = values.map((v, i) => {
        const x = n === 1 ? w - 1 : (w - 1) * i / (n - 1);
        const y = h - 1 - (h - 2) * Math.max(0, Math.min(1, v / scale));
        return x.toFixed(1) + ',' + y.toFixed(1);
      });
      s.appendChild(svgEl('polyline', {points: points.join(' '), fill: 'none', stroke: colour, 'stroke-width': 1.2}));
    };
    line(g.cpuHistory.map((v) => Math.max(0, v)), 1000, '#4e79a7');
    line(g.heapHistory.map((v) => Math.max(0, v)), heapScale, '#f28e2b');
    s.appendChild(svgEl('title', {}, g.heapHistory.length + ' samples, one a second'));
    return s;
  }

  function store(state) {
    const s = state.store;
    if (!s) return;
    const body = $('store').tBodies[0];
    body.replaceChildren();
    for (const w of s.workers) {
      const row = el('tr', {'data-process': w.process});
      row.appendChild(el('td', {}, w.process));
      row.appendChild(el('td', {class: 'n'}, w.cacheHits));
      row.appendChild(el('td', {class: 'n'}, w.cacheMisses));
      row.appendChild(el('td', {class: 'n', 'data-hit-rate': ''}, permille(w.hitPermille)));
      row.appendChild(el('td', {class: 'n'}, bytes(w.bytesRead)));
      body.appendChild(row);
    }
    $('cache-hits').textContent = s.cacheHits;
    $('cache-misses').textContent = s.cacheMisses;
    $('cache-hit-rate').textContent = permille(s.hitPermille);
    $('store-bytes').textContent = bytes(s.bytesRead);
  }

  function running(state) {
    const list = $('running');
    list.replaceChildren();
    for (const r of state.running) {
      list.appendChild(el('li', {'data-task': r.task},
        r.task + ' (' + r.function + '), running for ' + seconds(Math.max(0, state.elapsedMicros - r.sinceMicros))));
    }
    if (state.running.length === 0) list.appendChild(el('li', {}, 'none'));
  }

  function drawStream() {
    const s = $('task-stream');
    const lanes = last.lanes;
    const labelWidth = 260;
    const width = 1200;
    const row = 16;
    let from = Infinity;
    let to = last.elapsedMicros;
    for (const b of bars) { from = Math.min(from, b[2]); to = Math.max(to, b[3]); }
    if (!isFinite(from)) from = 0;
    const span = Math.max(1, to - from);
    const x = (t) => labelWidth + (width - labelWidth - 10) * (t - from) / span;
    s.replaceChildren();
    s.setAttribute('height', Math.max(20, lanes.length * row + 24));
    s.dataset.lanes = lanes.length;
    s.dataset.bars = bars.length;
    lanes.forEach((lane, i) => {
      s.appendChild(svgEl('rect', {class: 'lane', x: labelWidth, y: i * row, width: width - labelWidth - 10, height: row - 2, fill: '#f2f5f9'}));
      s.appendChild(svgEl('text', {x: 2, y: i * row + 11, 'data-process': lane.process}, lane.process + ' ' + lane.label));
    });
    for (const b of bars) {
      const failed = b[4] === 'f';
      const rect = svgEl('rect', {x: x(b[2]), y: b[0] * row + 1, width: Math.max(1, x(b[3]) - x(b[2])), height: row - 4,
        fill: failed ? FAILED : b[4] === 'c' ? '#ccc' : last.functions[b[1]].colour, 'data-state': b[4]});
      if (failed) rect.setAttribute('stroke', '#000');
      rect.appendChild(svgEl('title', {}, b[5] + ' ' + seconds(b[3] - b[2])));
      s.appendChild(rect);
    }
    s.appendChild(svgEl('text', {x: labelWidth, y: lanes.length * row + 16}, seconds(from)));
    s.appendChild(svgEl('text', {x: width - 80, y: lanes.length * row + 16}, seconds(to)));
  }

  function colourOf(fn) {
    return last.functions[fn] ? last.functions[fn].colour : '#999';
  }

  function drawGraph() {
    const s = $('task-graph');
    s.replaceChildren();
    s.dataset.mode = graph.mode;
    if (graph.mode === 'tasks' && graph.nodes.length > 0) {
      drawTasks(s);
    } else {
      drawFunctions(s);
    }
  }

  // One column per depth; a depth with more than ROWS tasks wraps into several narrow columns.
  function drawTasks(s) {
    const ROWS = 40;
    const count = [];
    for (const [, depth] of graph.nodes) count[depth] = (count[depth] || 0) + 1;
    const left = [];
    let x = 20;
    for (let d = 0; d < count.length; d++) {
      left[d] = x;
      x += 60 + 14 * (Math.ceil((count[d] || 0) / ROWS) - 1);
    }
    const seen = [];
    const pos = graph.nodes.map(([, depth]) => {
      const i = seen[depth] = (seen[depth] || 0) + 1;
      return [left[depth] + 14 * Math.floor((i - 1) / ROWS), 10 + ((i - 1) % ROWS) * 14];
    });
    const dy = 14;
    const tall = Math.min(ROWS, Math.max(...count.map((c) => c || 0)));
    s.setAttribute('width', x + 20);
    s.setAttribute('height', 20 + tall * dy);
    s.dataset.nodes = graph.nodes.length;
    $('graph-note').textContent = graph.nodes.length + ' tasks, one column per depth; hollow: waiting, ' +
      'ringed: running, filled: done, red: failed, grey: cancelled.';
    for (const [a, b] of graph.edges) {
      s.appendChild(svgEl('line', {x1: pos[a][0], y1: pos[a][1], x2: pos[b][0], y2: pos[b][1], stroke: '#ccc'}));
    }
    graph.nodes.forEach(([fn], i) => {
      const st = graph.states[i];
      const colour = colourOf(fn);
      const fill = st === 'w' ? '#fff' : st === 'f' ? FAILED : st === 'c' ? '#ccc' : colour;
      s.appendChild(svgEl('circle', {cx: pos[i][0], cy: pos[i][1], r: Math.min(5, dy / 2 - 0.5), fill: fill,
        stroke: st === 'r' ? '#000' : colour, 'stroke-width': st === 'r' ? 2 : 1, 'data-state': st}));
    });
  }

  function drawFunctions(s) {
    const fns = last.functions;
    const depth = fns.map(() => 0);
    for (let round = 0; round < fns.length; round++) {
      for (const [a, b] of graph.functionEdges) depth[b] = Math.max(depth[b], Math.min(depth[a] + 1, fns.length));
    }
    const rows = [];
    const pos = fns.map((f, i) => { rows[depth[i]] = (rows[depth[i]] || 0) + 1; return [20 + depth[i] * 220, 20 + (rows[depth[i]] - 1) * 60]; });
    s.setAttribute('width', 260 + Math.max(0, ...depth) * 220);
    s.setAttribute('height', 60 + Math.max(1, ...rows.map((r) => r || 0)) * 60);
    s.dataset.nodes = fns.length;
    $('graph-note').textContent = (graph.mode === 'functions' ? 'More than ' + last.graph.limit + ' tasks: ' : '') +
      'one box per task function, tasks done / submitted; an arrow where results of one feed the other.';
    for (const [a, b, n] of graph.functionEdges) {
      if (!pos[a] || !pos[b]) continue;
      s.appendChild(svgEl('line', {x1: pos[a][0] + 180, y1: pos[a][1] + 18, x2: pos[b][0], y2: pos[b][1] + 18, stroke: '#999'}));
    }
    fns.forEach((f, i) => {
      const g = svgEl('g', {'data-function': f.name});
      g.appendChild(svgEl('rect', {x: pos[i][0], y: pos[i][1], width: 180, height: 36, fill: '#fff', stroke: f.colour, 'stroke-width': 2}));
      const share = f.submitted === 0 ? 0 : (f.done + f.failed + f.cancelled) / f.submitted;
      g.appendChild(svgEl('rect', {x: pos[i][0], y: pos[i][1] + 30, width: 180 * share, height: 6, fill: f.failed > 0 ? FAILED : f.colour}));
      g.appendChild(svgEl('text', {x: pos[i][0] + 6, y: pos[i][1] + 14}, f.name));
      g.appendChild(svgEl('text', {x: pos[i][0] + 6, y: pos[i][1] + 27}, f.done + ' / ' + f.submitted));
      s.appendChild(g);
    });
  }

  function connect() {
    const token = new URLSearchParams(location.search).get('token') || '';
    const source = new EventSource('events?token=' + encodeURIComponent(token));
    source.addEventListener('open', () => { document.body.dataset.live = 'live'; });
    source.addEventListener('state', (e) => apply(JSON.parse(e.data)));
    source.addEventListener('end', () => { source.close(); document.body.dataset.live = 'ended'; });
    source.onerror = () => {
      if (document.body.dataset.live !== 'ended') {
        source.close();
        document.body.dataset.live = 'disconnected';
        if (!last || last.status === 'running') setStatus('disconnected');
      }
    };
  }

  if (FROZEN) {
    document.body.dataset.live = 'frozen';
    $('running-box').hidden = true;
    apply(FROZEN);
  } else {
    connect();
  }
})();
