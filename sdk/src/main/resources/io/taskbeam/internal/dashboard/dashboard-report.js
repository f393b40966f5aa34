'use strict';
// The report's own sections, shown when a state carries a `report` member (the frozen page written
// as report.html at the run's end): the summary, the stage table, call times per task function,
// bytes moved and links to the run directory's other files. Rows carry data attributes, so tests
// and scripts can read the facts without parsing the text.
const TaskbeamReport = (function () {
  function bytes(n) {
    if (n < 1024) return n + ' B';
    if (n < 1024 * 1024) return (n / 1024).toFixed(1) + ' KiB';
    if (n < 1024 * 1024 * 1024) return (n / 1024 / 1024).toFixed(1) + ' MiB';
    return (n / 1024 / 1024 / 1024).toFixed(2) + ' GiB';
  }

  function summary(state, r, h) {
    const body = document.querySelector('#summary tbody');
    body.replaceChildren();
    const row = (key, value) => {
      const tr = h.el('tr', {'data-row': key});
      tr.appendChild(h.el('th', {}, key));
      const td = tr.appendChild(h.el('td'));
      if (typeof value === 'string') td.textContent = value; else td.appendChild(value);
      body.appendChild(tr);
      return td;
    };
    row('started', r.started);
    row('total time', h.seconds(r.totalMicros));
    row('tasks', r.submitted + ' in ' + r.syncCount + ' sync points, ' + r.stageCount +
      ' stages; ' + h.seconds(r.taskMicros) + ' of task time');
    row('workers', r.workerCount + ': ' + state.workers.map((w) => w.process).join(', '));
    const checks = h.el('div');
    for (const c of r.checks) {
      const line = checks.appendChild(h.el('div', {'data-passed': c.passed}));
      line.appendChild(h.el('span', {class: c.passed ? 'ok' : 'bad'}, c.passed ? 'OK' : 'FAILED'));
      line.appendChild(document.createTextNode(' ' + c.what));
    }
    if (r.checks.length === 0) checks.textContent = 'none reported';
    row('result check', checks);
    const status = h.el('span');
    status.appendChild(h.el('span', {class: state.failure ? 'bad' : 'ok'}, state.status));
    if (state.failure) status.appendChild(document.createTextNode(' ' + state.failure));
    row('status', status);
    for (const [label, text] of r.notes) row(label, text);
    row('run directory', r.runDirectory);
  }

  function stages(r, h) {
    const body = document.querySelector('#stages tbody');
    body.replaceChildren();
    for (const s of r.stages) {
      const tr = h.el('tr', {'data-sync': s.sync, 'data-stage': s.stage});
      for (const v of [s.sync, s.stage]) tr.appendChild(h.el('td', {class: 'n'}, v));
      tr.appendChild(h.el('td', {}, s.name));
      for (const v of [s.depth, s.tasks, s.chunks, s.sideInputs]) tr.appendChild(h.el('td', {class: 'n'}, v));
      const ran = s.startMicros >= 0;
      tr.appendChild(h.el('td', {class: 'n'}, ran ? h.seconds(s.startMicros) : '-'));
      tr.appendChild(h.el('td', {class: 'n'}, ran ? h.seconds(s.durationMicros) : '-'));
      tr.appendChild(h.el('td', {}, s.workers));
      body.appendChild(tr);
    }
  }

  function timings(r, h) {
    const body = document.querySelector('#metrics tbody');
    body.replaceChildren();
    for (const t of r.timings) {
      const tr = h.el('tr', {'data-function': t.function});
      tr.appendChild(h.el('td', {}, t.function));
      for (const k of ['submitted', 'finished', 'failed', 'retried', 'cancelled']) {
        tr.appendChild(h.el('td', {class: 'n', 'data-count': k}, t[k]));
      }
      for (const k of ['minMicros', 'medianMicros', 'p95Micros', 'maxMicros']) {
        const approx = !t.exact && (k === 'medianMicros' || k === 'p95Micros') ? '~' : '';
        tr.appendChild(h.el('td', {class: 'n', 'data-time': k}, t[k] < 0 ? '-' : approx + h.seconds(t[k])));
      }
      tr.appendChild(h.el('td', {class: 'n', 'data-time': 'totalMicros'}, h.seconds(t.totalMicros)));
      body.appendChild(tr);
    }
  }

  function render(state, h) {
    const r = state.report;
    document.getElementById('report-summary').hidden = false;
    document.getElementById('report-details').hidden = false;
    summary(state, r, h);
    stages(r, h);
    timings(r, h);
    document.getElementById('bytes').textContent = (r.bytes.length === 0
      ? 'none through the work directory or the job graph'
      : r.bytes.map(([channel, n]) => channel + ' ' + bytes(n)).join(', ')) +
      '. Values passed between stages inside the pipeline are not counted.';
    const files = document.getElementById('files');
    files.replaceChildren();
    for (const f of r.files) files.appendChild(h.el('a', {href: f}, f));
  }

  return {render: render};
})();
