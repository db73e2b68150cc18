// Lookup benchmark peer: find-my-way (the radix-tree router of Fastify) on
// the routes gwc_bench_lookup exports, timing router.find() per request.
// Routes it cannot express are registered without the part it lacks:
// header matches become plain path routes; a regex path becomes a
// parametric route with a regex-constrained parameter. Hostnames use
// find-my-way's host constraint (wildcards as a RegExp).
//
// Usage: node lookup.js routes.json requests.json
// Prints {"p50_ns":..,"p99_ns":..,"routes_registered":..,"matched":..}.
'use strict';

const fs = require('fs');
const FindMyWay = require('find-my-way');

const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS'];

function hostConstraint(host) {
  if (host === '_') return undefined;
  if (host.startsWith('*.')) {
    const suffix = host.slice(1).replace(/\./g, '\\.');
    return new RegExp('^.+' + suffix + '$');
  }
  return host;
}

// "/s1/t2/[0-9]+/v3" -> "/s1/t2/:r(^[0-9]+$)/v3"; null when a segment is
// neither literal nor one simple regex.
function regexPath(pattern) {
  const out = pattern.split('/').map((seg, i) => {
    if (/^[A-Za-z0-9_-]*$/.test(seg)) return seg;
    return ':r' + i + '(^' + seg + '$)';
  });
  return out.join('/');
}

function main() {
  const routes = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
  const requests = JSON.parse(fs.readFileSync(process.argv[3], 'utf8'));
  const router = FindMyWay({ ignoreTrailingSlash: false, maxParamLength: 500 });
  let registered = 0;
  const handler = () => 1;
  for (const r of routes) {
    const constraints = {};
    const host = hostConstraint(r.host);
    if (host !== undefined) constraints.host = host;
    const methods = r.method ? [r.method] : METHODS;
    const paths = r.kind === 'exact' ? [r.path]
      : r.kind === 'prefix' ? [r.path, (r.path === '/' ? '' : r.path) + '/*']
      : [regexPath(r.path)];
    for (const p of paths) {
      try {
        router.on(methods, p, { constraints }, handler);
        registered++;
      } catch (e) {
        // duplicate of a route already registered: same answer either way
      }
    }
  }
  const reqs = requests.map((q) => ({
    method: q.method,
    path: q.path.split('?')[0],
    host: q.host.split(':')[0].toLowerCase(),
  }));
  const samples = [];
  let matched = 0;
  for (let pass = 0; pass < 3; pass++) {
    for (const q of reqs) {
      const t0 = process.hrtime.bigint();
      const found = router.find(q.method, q.path, { host: q.host });
      const t1 = process.hrtime.bigint();
      if (pass > 0) {
        samples.push(Number(t1 - t0));
        if (found) matched++;
      }
    }
  }
  // The clock's own cost, as on the C++ side.
  const overhead = [];
  for (let i = 0; i < 10000; i++) {
    const a = process.hrtime.bigint();
    const b = process.hrtime.bigint();
    overhead.push(Number(b - a));
  }
  overhead.sort((a, b) => a - b);
  const o = overhead[overhead.length >> 1];
  samples.sort((a, b) => a - b);
  const pct = (p) => Math.max(0, samples[Math.floor(p * (samples.length - 1))] - o);
  process.stdout.write(JSON.stringify({
    p50_ns: pct(0.5), p99_ns: pct(0.99), routes_registered: registered, matched: matched / 2,
  }) + '\n');
}

main();
