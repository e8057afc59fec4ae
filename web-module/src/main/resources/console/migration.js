'use strict';

// The console's migration section: per remote store, the phase timeline with the operator's moves (and the backfill's
// limit), the backfill's and the sweep's progress, the live verifier's counts, every host's applied position for the
// store, this host's fallbacks, and a chart of this host's local vs remote read latency. Polls every 2 s. Uses call(),
// $() of console.js. Every value a test reads has an id of the form <what>-<store> (or a data-* attribute); nothing is
// rebuilt between polls, so an element found once stays the element on the page.
const PHASES = ['REMOTE_ONLY', 'LIVE_SYNC', 'BACKFILL', 'VERIFY', 'SWITCHED_OVER'];
const CHART = { width: 360, height: 120, points: 60 };
const migration = { cards: {}, busy: false };

function element(tag, attributes, text) {
  const made = document.createElementNS(tag === 'svg' || tag === 'polyline' || tag === 'line' || tag === 'text'
    ? 'http://www.w3.org/2000/svg' : 'http://www.w3.org/1999/xhtml', tag);
  Object.keys(attributes || {}).forEach((name) => made.setAttribute(name, attributes[name]));
  if (text !== undefined) { made.textContent = text; }
  return made;
}

function labelled(label, id) {
  const span = element('span', { class: 'figure' });
  span.append(label + ' ', element('strong', { id }, '–'));
  return span;
}

function card(store) {
  const root = element('div', { class: 'migration', id: 'migration-' + store, 'data-store': store });
  const title = element('h3', {}, store + ' ');
  title.append(element('span', { id: 'phase-' + store, class: 'badge', 'data-phase': '' }, '–'),
    ' since ', element('span', { id: 'since-' + store }, '–'),
    element('span', { id: 'paused-' + store, class: 'badge paused', hidden: '' }, 'paused'));
  root.appendChild(title);

  const timeline = element('ol', { class: 'timeline', id: 'timeline-' + store });
  PHASES.forEach((phase) => timeline.appendChild(element('li', { 'data-phase': phase }, phase)));
  root.appendChild(timeline);

  const moves = element('div', { class: 'moves' });
  [['advance', 'Advance'], ['rollback', 'Roll back'], ['pause', 'Pause'], ['resume', 'Resume']].forEach(([move, text]) => {
    const button = element('button', { id: move + '-' + store, 'data-move': move }, text);
    button.addEventListener('click', () => act(store, move));
    moves.appendChild(button);
  });
  const force = element('label', { class: 'inline' });
  force.append(element('input', { type: 'checkbox', id: 'force-' + store }), ' force (advance even if its exit criterion does not hold)');
  moves.appendChild(force);
  root.appendChild(moves);
  const rate = element('div', { class: 'moves' });
  const set = element('button', { id: 'set-rate-' + store }, 'Set backfill limit');
  set.addEventListener('click', () => limitBackfill(store));
  rate.append(element('input', { id: 'rate-' + store, class: 'rate', inputmode: 'numeric', placeholder: 'entities/s' }), set);
  root.appendChild(rate);
  root.appendChild(element('p', { id: 'refusal-' + store, class: 'error' }));
  root.appendChild(element('p', { id: 'switches-' + store, class: 'note' }));

  const backfill = element('div', { class: 'work' });
  backfill.append(element('span', { class: 'work-name' }, 'backfill'), element('span', { id: 'backfill-state-' + store, class: 'badge' }, '–'),
    element('progress', { id: 'backfill-bar-' + store, max: '1', value: '0' }),
    labelled('processed', 'backfill-processed-' + store), labelled('of', 'backfill-total-' + store),
    labelled('rate/s', 'backfill-rate-' + store), labelled('limit/s', 'backfill-limit-' + store),
    labelled('ETA', 'backfill-eta-' + store));
  root.appendChild(backfill);
  const sweep = element('div', { class: 'work' });
  sweep.append(element('span', { class: 'work-name' }, 'sweep'), element('span', { id: 'sweep-state-' + store, class: 'badge' }, '–'),
    element('progress', { id: 'sweep-bar-' + store, max: '1', value: '0' }),
    labelled('checked', 'sweep-checked-' + store), labelled('of', 'sweep-total-' + store),
    labelled('discrepancies', 'sweep-discrepancies-' + store), labelled('repaired', 'sweep-repaired-' + store));
  root.appendChild(sweep);
  const live = element('div', { class: 'work' });
  live.append(element('span', { class: 'work-name' }, 'live verifier'),
    labelled('sampled here', 'live-sampled-' + store), labelled('discrepancies', 'live-discrepancies-' + store),
    labelled('last', 'live-last-' + store), labelled('fallbacks here', 'fallbacks-' + store));
  root.appendChild(live);

  const hosts = element('table', { id: 'migration-hosts-' + store });
  hosts.innerHTML = '<thead><tr><th>host</th><th>epoch</th><th>applied</th><th>head</th><th>lag (events)</th>'
    + '<th>reported</th></tr></thead><tbody></tbody>';
  root.appendChild(hosts);

  const chart = element('div', { class: 'chart' });
  chart.append(element('span', { class: 'work-name' }, 'reads here, mean ms per poll'),
    labelled('local', 'latency-local-' + store), labelled('remote', 'latency-remote-' + store));
  const svg = element('svg', { id: 'latency-' + store, width: String(CHART.width), height: String(CHART.height),
    viewBox: '0 0 ' + CHART.width + ' ' + CHART.height, role: 'img', 'aria-label': 'read latency, local vs remote' });
  svg.append(element('line', { x1: '0', y1: String(CHART.height - 1), x2: String(CHART.width), y2: String(CHART.height - 1), class: 'axis' }),
    element('text', { x: '2', y: '12', class: 'scale', id: 'latency-scale-' + store }, ''),
    element('polyline', { class: 'local', points: '', id: 'latency-line-local-' + store }),
    element('polyline', { class: 'remote', points: '', id: 'latency-line-remote-' + store }));
  chart.appendChild(svg);
  root.appendChild(chart);

  $('migrations').appendChild(root);
  return { samples: { local: [], remote: [] }, previous: null };
}

function put(id, value) {
  const target = $(id);
  const text = value === undefined || value === null ? '–' : String(value);
  if (target.textContent !== text) { target.textContent = text; }
}

function bar(id, done, total) {
  $(id).max = Math.max(1, total);
  $(id).value = Math.min(done, Math.max(1, total));
}

function when(rfc3339) {
  return rfc3339 ? new Date(rfc3339).toLocaleTimeString() : null;
}

function showMigration(store, view) {
  const phase = $('phase-' + store);
  put('phase-' + store, view.phase);
  phase.dataset.phase = view.phase;
  put('since-' + store, when(view.since));
  $('since-' + store).dataset.since = view.since;
  $('paused-' + store).hidden = !view.paused;
  const at = PHASES.indexOf(view.phase);
  $('timeline-' + store).querySelectorAll('li').forEach((step, index) => {
    step.className = index < at ? 'past' : (index === at ? 'current' : '');
    if (index === at) { step.setAttribute('aria-current', 'step'); } else { step.removeAttribute('aria-current'); }
  });
  const backfill = view.backfill;
  put('backfill-state-' + store, backfill.state);
  put('backfill-processed-' + store, backfill.processed);
  put('backfill-total-' + store, backfill.total);
  put('backfill-rate-' + store, Number(backfill.ratePerSecond).toFixed(0));
  put('backfill-limit-' + store, backfill.limitPerSecond);
  put('backfill-eta-' + store, when(backfill.eta));
  bar('backfill-bar-' + store, backfill.processed, backfill.total);
  const sweep = view.verification;
  put('sweep-state-' + store, sweep.state);
  put('sweep-checked-' + store, sweep.checked);
  put('sweep-total-' + store, sweep.total);
  put('sweep-discrepancies-' + store, sweep.discrepancies);
  put('sweep-repaired-' + store, sweep.repaired);
  bar('sweep-bar-' + store, sweep.checked, sweep.total);
  put('live-sampled-' + store, view.liveVerifier.sampled);
  put('live-discrepancies-' + store, view.liveVerifier.discrepancies);
  put('live-last-' + store, when(view.liveVerifier.lastDiscrepancy));
  const switches = view.switches;
  put('switches-' + store, 'reads ' + switches.reads + ' (here ' + switches.readsHere + '), capture '
    + (switches.captureEnabled ? 'on' : 'off') + (switches.changedOutsideMachine
    ? '; switches changed outside the phases by ' + switches.changedBy + ' at ' + when(switches.changedAt) : ''));
  $('switches-' + store).dataset.readsHere = switches.readsHere;
}

async function act(store, move) {
  $('refusal-' + store).textContent = '';
  const force = move === 'advance' && $('force-' + store).checked ? '?force=true' : '';
  try {
    showMigration(store, await call('POST', '/admin/v1/shards/' + encodeURIComponent(store) + '/migration/' + move + force, {}));
    $('force-' + store).checked = false;
  } catch (refused) {
    $('refusal-' + store).textContent = move + ' refused: ' + refused.message;
  }
}

async function limitBackfill(store) {
  $('refusal-' + store).textContent = '';
  const text = $('rate-' + store).value.trim();
  try {
    showMigration(store, await call('PUT', '/admin/v1/shards/' + encodeURIComponent(store) + '/migration/backfill-rate',
      { entitiesPerSecond: /^[0-9]+$/.test(text) ? Number(text) : text }));
    $('rate-' + store).value = '';
  } catch (refused) {
    $('refusal-' + store).textContent = 'backfill limit refused: ' + refused.message;
  }
}

function showHostsOf(store, hosts) {
  const body = $('migration-hosts-' + store).querySelector('tbody');
  body.replaceChildren();
  hosts.filter((host) => host.store === store).forEach((host) => {
    const tr = element('tr', { 'data-host': host.host });
    [host.host, host.epoch, host.applied, host.head, Math.max(0, host.head - host.applied), when(host.reportedAt)]
      .forEach((cell) => tr.appendChild(element('td', {}, cell === null || cell === undefined ? '' : String(cell))));
    body.appendChild(tr);
  });
}

// Sums a metric's series by one label's value, for one store: {local: n, remote: n}.
function seriesBy(text, name, store, label) {
  const sums = {};
  text.split('\n').forEach((line) => {
    if (!line.startsWith(name + '{') || line.indexOf('store="' + store + '"') < 0) { return; }
    const match = new RegExp(label + '="([^"]*)"').exec(line);
    const key = match ? match[1] : '';
    sums[key] = (sums[key] || 0) + Number(line.slice(line.lastIndexOf(' ') + 1));
  });
  return sums;
}

function showReads(store, text) {
  const state = migration.cards[store];
  const now = { sum: seriesBy(text, 'coffer_store_read_seconds_sum', store, 'side'),
    count: seriesBy(text, 'coffer_store_read_seconds_count', store, 'side') };
  const fallbacks = seriesBy(text, 'coffer_store_fallbacks_total', store, 'store')[store] || 0;
  put('fallbacks-' + store, fallbacks);
  const before = state.previous;
  state.previous = now;
  if (!before) { return; }
  ['local', 'remote'].forEach((side) => {
    const reads = (now.count[side] || 0) - (before.count[side] || 0);
    const ms = reads > 0 ? ((now.sum[side] || 0) - (before.sum[side] || 0)) * 1000 / reads : null;
    state.samples[side].push(ms);
    if (state.samples[side].length > CHART.points) { state.samples[side].shift(); }
    put('latency-' + side + '-' + store, ms === null ? 'no reads' : ms.toFixed(2) + ' ms');
  });
  drawChart(store);
}

function drawChart(store) {
  const samples = migration.cards[store].samples;
  const top = Math.max(0.1, ...samples.local.filter((v) => v !== null), ...samples.remote.filter((v) => v !== null));
  const step = CHART.width / (CHART.points - 1);
  ['local', 'remote'].forEach((side) => {
    const points = [];
    samples[side].forEach((ms, index) => {
      if (ms !== null) {
        points.push((index * step).toFixed(1) + ',' + (CHART.height - 1 - (ms / top) * (CHART.height - 16)).toFixed(1));
      }
    });
    $('latency-line-' + side + '-' + store).setAttribute('points', points.join(' '));
  });
  $('latency-scale-' + store).textContent = top.toFixed(2) + ' ms';
}

async function refreshMigrations() {
  if ($('console').hidden || migration.busy) { return; }
  migration.busy = true;
  try {
    const shards = await call('GET', '/admin/v1/shards');
    const stores = shards.items.map((store) => store.id);
    stores.filter((store) => !migration.cards[store]).forEach((store) => { migration.cards[store] = card(store); });
    const [views, hosts, metrics] = await Promise.all([
      Promise.allSettled(stores.map((store) => call('GET', '/admin/v1/shards/' + encodeURIComponent(store) + '/migration'))),
      call('GET', '/admin/v1/replication/hosts').catch(() => []),
      fetch('/metrics').then((response) => response.text()).catch(() => '')]);
    stores.forEach((store, index) => {
      if (views[index].status === 'fulfilled') { showMigration(store, views[index].value); }
      showHostsOf(store, hosts);
      showReads(store, metrics);
    });
    $('migrations-error').textContent = '';
    $('migrations').dataset.updatedAt = new Date().toISOString();
  } catch (failed) {
    $('migrations-error').textContent = 'cannot read the migrations: ' + failed.message;
  } finally {
    migration.busy = false;
  }
}

document.addEventListener('DOMContentLoaded', () => {
  setInterval(refreshMigrations, 2000);
});
