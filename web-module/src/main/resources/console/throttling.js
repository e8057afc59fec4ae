'use strict';

// The console's throttling section: top tenancies by request rate and by throttled requests (from the cluster's
// counts, /admin/v1/traffic, between two refreshes), and a form for one tenancy's limits. Uses call(), row(), clear()
// and $() of console.js.
const throttling = { previous: null, names: {} };
const LIMIT_FIELDS = ['dataPlaneReadsPerSecond', 'controlPlaneReadsPerSecond', 'controlPlaneWritesPerSecond', 'burstSeconds'];

function requestCounts(traffic) {
  const counts = {};
  traffic.tenancies.forEach((t) => { counts[t.tenancyId + ' ' + t.class] = t; });
  return counts;
}

async function showThrottling() {
  const limits = await call('GET', '/admin/v1/limits');
  $('throttling-mode').textContent = (limits.effective.enabled ? 'enforced' : 'off')
    + (limits.hostThrottlesAlone ? ', this host alone (data grid unreachable)' : '');
  const traffic = await call('GET', '/admin/v1/traffic');
  $('throttling-scope').textContent = traffic.scope === 'cluster'
    ? 'requests of ' + traffic.hosts.length + ' host(s): ' + traffic.hosts.join(', ')
    : 'requests of this host alone (data grid unreachable)';
  const now = { at: Date.now(), hosts: traffic.scope + ' ' + traffic.hosts.join(' '), counts: requestCounts(traffic) };
  const before = throttling.previous;
  throttling.previous = now;
  clear('top-requests');
  clear('top-throttled');
  if (!before) { return; }
  const seconds = Math.max(0.001, (now.at - before.at) / 1000);
  // Counts are since each host started: compared across a change of the hosts summed, a total jumps or drops, so
  // only what both readings have is compared then.
  const sameHosts = before.hosts === now.hosts;
  const none = { admitted: 0, throttled: 0 };
  const rates = Object.keys(now.counts).filter((key) => sameHosts || before.counts[key]).map((key) => {
    const old = before.counts[key] || none;
    return {
      tenancy: throttling.names[now.counts[key].tenancyId] || now.counts[key].tenancyId,
      class: now.counts[key].class,
      admitted: Math.max(0, now.counts[key].admitted - old.admitted) / seconds,
      throttled: Math.max(0, now.counts[key].throttled - old.throttled) / seconds
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
