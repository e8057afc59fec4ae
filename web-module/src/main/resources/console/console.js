'use strict';

// The operator's credentials for this tab only; the private key never leaves the browser.
const operator = { key: null, tenancy: null, user: null, fingerprint: null };

const encoder = new TextEncoder();
const $ = (id) => document.getElementById(id);

function base64(bytes) {
  let text = '';
  bytes.forEach((b) => { text += String.fromCharCode(b); });
  return btoa(text);
}

async function sha256Base64(text) {
  return base64(new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(text))));
}

function parseConfig(text) {
  const values = {};
  text.split('\n').forEach((line) => {
    const at = line.indexOf('=');
    if (at > 0) { values[line.slice(0, at).trim()] = line.slice(at + 1).trim(); }
  });
  return values;
}

async function importKey(pem) {
  const body = pem.replace(/-----(BEGIN|END) PRIVATE KEY-----/g, '').replace(/\s+/g, '');
  const der = Uint8Array.from(atob(body), (c) => c.charCodeAt(0));
  return crypto.subtle.importKey('pkcs8', der, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, ['sign']);
}

// Signs as the OCI SDKs do, with x-date (browsers may not set Date) and the host the browser sends.
async function call(method, path, body) {
  const date = new Date().toUTCString();
  const headers = { 'x-date': date };
  const lines = ['x-date: ' + date, '(request-target): ' + method.toLowerCase() + ' ' + path, 'host: ' + location.host];
  let signed = 'x-date (request-target) host';
  let text;
  if (method === 'POST' || method === 'PUT') {
    text = body === undefined ? '' : JSON.stringify(body);
    headers['content-type'] = 'application/json';
    headers['x-content-sha256'] = await sha256Base64(text);
    lines.push('content-length: ' + encoder.encode(text).length, 'content-type: application/json',
      'x-content-sha256: ' + headers['x-content-sha256']);
    signed += ' content-length content-type x-content-sha256';
  }
  const signature = await crypto.subtle.sign('RSASSA-PKCS1-v1_5', operator.key, encoder.encode(lines.join('\n')));
  headers.authorization = 'Signature version="1",keyId="' + operator.tenancy + '/' + operator.user + '/' + operator.fingerprint
    + '",algorithm="rsa-sha256",headers="' + signed + '",signature="' + base64(new Uint8Array(signature)) + '"';
  const response = await fetch(path, { method, headers, body: text });
  const json = await response.json().catch(() => ({}));
  if (!response.ok) {
    throw new Error(response.status + ' ' + (json.code || '') + ': ' + (json.detail || json.message || ''));
  }
  return json;
}

function row(table, cells) {
  const tr = document.createElement('tr');
  cells.forEach((cell) => {
    const td = document.createElement('td');
    if (cell instanceof Node) { td.appendChild(cell); } else { td.textContent = cell === undefined || cell === null ? '' : String(cell); }
    tr.appendChild(td);
  });
  $(table).querySelector('tbody').appendChild(tr);
}

function clear(table) { $(table).querySelector('tbody').replaceChildren(); }

async function showHealth() {
  const response = await fetch('/health');
  const health = await response.json();
  $('health-status').textContent = health.status;
  $('health-status').className = 'badge ' + health.status;
  clear('health');
  (health.checks || []).forEach((check) => row('health', [check.name, check.status, JSON.stringify(check.data || {})]));
}

async function showStores() {
  const shards = await call('GET', '/admin/v1/shards');
  clear('stores');
  shards.items.forEach((store) => {
    const reads = document.createElement('select');
    ['REMOTE', 'LOCAL', 'HYBRID'].forEach((accessor) => {
      const option = document.createElement('option');
      option.value = accessor;
      option.textContent = accessor;
      option.selected = accessor === store.reads;
      reads.appendChild(option);
    });
    reads.id = 'reads-' + store.id;
    reads.addEventListener('change', () => change('/admin/v1/shards/' + store.id + '/reads', { accessor: reads.value }));
    const capture = document.createElement('input');
    capture.type = 'checkbox';
    capture.checked = store.captureEnabled;
    capture.id = 'capture-' + store.id;
    capture.addEventListener('change', () => change('/admin/v1/shards/' + store.id + '/capture', { enabled: capture.checked }));
    const replica = store.localReplica
      ? 'applied ' + store.localReplica.applied + ' of ' + store.localReplica.head + ', lag ' + store.localReplica.lagSeconds
        + ' s' + (store.localReplica.caughtUp ? '' : ', catching up')
      : '';
    row('stores', [store.id, reads, capture, replica, (store.updatedBy || '') + ' ' + (store.updatedAt || '')]);
  });
}

async function change(path, body) {
  $('stores-error').textContent = '';
  try {
    await call('PUT', path, body);
  } catch (refused) {
    $('stores-error').textContent = refused.message;
  }
  await showStores();
}

async function showHosts() {
  const hosts = await call('GET', '/admin/v1/replication/hosts');
  clear('hosts');
  hosts.forEach((host) => row('hosts', [host.host, host.cell, host.store, host.epoch, host.applied, host.head,
    Math.max(0, host.head - host.applied), host.reportedAt]));
}

async function showMetrics() {
  const text = await (await fetch('/metrics')).text();
  clear('metrics');
  text.split('\n')
    .filter((line) => /^coffer_(replication_(events_(published|applied|redelivered)_total|lag_events|lag_seconds|publish_failures_total|apply_failures_total)|store_fallbacks_total|store_read_seconds_count)/.test(line))
    .forEach((line) => {
      const at = line.lastIndexOf(' ');
      row('metrics', [line.slice(0, at).replace('mp_scope="application",', ''), line.slice(at + 1)]);
    });
}

async function showTenancies() {
  const tenancies = await call('GET', '/admin/v1/tenancies');
  clear('tenancies');
  tenancies.forEach((tenancy) => row('tenancies', [tenancy.name, tenancy.id, tenancy.timeCreated]));
}

async function createTenancy() {
  $('tenancy-result').textContent = '';
  try {
    const created = await call('POST', '/admin/v1/tenancies', { name: $('tenancy-name').value, adminPublicKey: $('tenancy-key').value });
    $('tenancy-result').textContent = 'created ' + created.id + ' (administrator ' + created.adminUserId + ', key ' + created.fingerprint + ')';
    await showTenancies();
  } catch (refused) {
    $('tenancy-result').textContent = refused.message;
  }
}

async function refresh() {
  await Promise.allSettled([showHealth(), showStores(), showHosts(), showMetrics(), showTenancies()]);
}

async function signIn() {
  $('signin-error').textContent = '';
  try {
    const config = parseConfig($('config').value);
    operator.key = await importKey($('key').value);
    operator.tenancy = config.tenancy;
    operator.user = config.user;
    operator.fingerprint = config.fingerprint;
    await call('GET', '/admin/v1/replication');
    sessionStorage.setItem('coffer-config', $('config').value);
    sessionStorage.setItem('coffer-key', $('key').value);
    $('who').textContent = 'operator ' + operator.user;
    $('signin').hidden = true;
    $('console').hidden = false;
    await refresh();
    setInterval(refresh, 3000);
  } catch (refused) {
    $('signin-error').textContent = 'cannot sign in: ' + refused.message;
  }
}

document.addEventListener('DOMContentLoaded', () => {
  $('signin-button').addEventListener('click', signIn);
  $('tenancy-create').addEventListener('click', createTenancy);
  if (sessionStorage.getItem('coffer-key')) {
    $('config').value = sessionStorage.getItem('coffer-config');
    $('key').value = sessionStorage.getItem('coffer-key');
    signIn();
  }
});
