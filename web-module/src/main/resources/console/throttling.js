'use strict';

// The console's throttling section: top tenancies by request rate and by throttled requests (from this host's
// /metrics, between two refreshes), and a form for one tenancy's limits. Uses call(), row(), clear() and $() of
// console.js.
const throttling = { previous: null, names: {} };
const LIMIT_FIELDS = ['dataPlaneReadsPerSecond', 'controlPlaneReadsPerSecond', 'controlPlaneWritesPerSecond', 'burstSeconds'];

function requestCounts(text) {
  const counts = {};
  text.split('\n').forEach((line) => {
    const match = /^coffer_requests_(admitted|throttled)_total\{(.*)\} ([0-9.eE+-]+)$/.exec(line);
    if (!match) { return; }
    const labels = {};
    match[2].split(',').forEach((pair) => {
      const at = pair.indexOf('=');
      labels[pair.slice(0, at)] = pair.slice(at + 2, -1);
    });
    const key = labels.tenancy + ' ' + labels.class;
    counts[key] = counts[key] || { tenancy: labels.tenancy, class: labels.class, admitted: 0, throttled: 0 };
    counts[key][match[1]] = Number(match[3]);
  });
  return counts;
}

async function showThrottling() {
  const limits = await call('GET', '/admin/v1/limits');
  $('throttling-mode').textContent = (limits.effective.enabled ? 'enforced' : 'off')
    + (limits.hostThrottlesAlone ? ', this host alone (data grid unreachable)' : '');
  const now = { at: Date.now(), counts: requestCounts(await (await fetch('/metrics')).text()) };
  const before = throttling.previous;
  throttling.previous = now;
  clear('top-requests');
  clear('top-throttled');
  if (!before) { return; }
  const seconds = Math.max(0.001, (now.at - before.at) / 1000);
  const rates = Object.keys(now.counts).map((key) => {
    const old = before.counts[key] || { admitted: 0, throttled: 0 };
    return {
      tenancy: throttling.names[now.counts[key].tenancy] || now.counts[key].tenancy,
      class: now.counts[key].class,
      admitted: (now.counts[key].admitted - old.admitted) / seconds,
      throttled: (now.counts[key].throttled - old.throttled) / seconds
    };
  });
  rates.filter((r) => r.admitted + r.throttled > 0).sort((a, b) => (b.admitted + b.throttled) - (a.admitted + a.throttled))
    .slice(0, 10).forEach((r) => row('top-requests', [r.tenancy, r.class, r.admitted.toFixed(1), r.throttled.toFixed(1)]));
  rates.filter((r) => r.throttled > 0).sort((a, b) => b.throttled - a.throttled)
    .slice(0, 10).forEach((r) => row('top-throttled', [r.tenancy, r.class, r.throttled.toFixed(1), r.admitted.toFixed(1)]));
}

async function showLimitTenancies() {
  const tenancies = await call('GET', '/admin/v1/tenancies');
  const select = $('limits-tenancy');
  const chosen = select.value;
  select.replaceChildren();
  tenancies.forEach((tenancy) => {
    throttling.names[tenancy.id] = tenancy.name;
    const option = document.createElement('option');
    option.value = tenancy.id;
    option.textContent = tenancy.name;
    option.selected = tenancy.id === chosen;
    select.appendChild(option);
  });
  if (!chosen && select.value) { await loadLimits(); }
}

async function loadLimits() {
  $('limits-result').textContent = '';
  const limits = await call('GET', '/admin/v1/tenancies/' + encodeURIComponent($('limits-tenancy').value) + '/limits');
  LIMIT_FIELDS.forEach((field) => {
    $('limits-' + field).value = limits[field] === null ? '' : limits[field];
    $('limits-' + field).placeholder = String(limits.effective[field]);
  });
}

async function saveLimits() {
  $('limits-result').textContent = '';
  const body = {};
  LIMIT_FIELDS.forEach((field) => {
    const text = $('limits-' + field).value.trim();
    body[field] = text === '' ? null : (/^-?[0-9]+(\.[0-9]+)?$/.test(text) ? Number(text) : text);
  });
  try {
    const saved = await call('PUT', '/admin/v1/tenancies/' + encodeURIComponent($('limits-tenancy').value) + '/limits', body);
    $('limits-result').textContent = 'saved; in force on this host: ' + LIMIT_FIELDS.map((f) => f + ' ' + saved.effective[f]).join(', ');
  } catch (refused) {
    $('limits-result').textContent = refused.message;
  }
}

function refreshThrottling() {
  if ($('console').hidden) { return; }
  Promise.allSettled([showThrottling(), showLimitTenancies()]);
}

document.addEventListener('DOMContentLoaded', () => {
  $('limits-save').addEventListener('click', saveLimits);
  $('limits-tenancy').addEventListener('change', loadLimits);
  setInterval(refreshThrottling, 3000);
});
