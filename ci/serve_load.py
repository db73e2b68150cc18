#!/usr/bin/env python3
"""`gwrt serve` under load while its table is replaced.

Usage: ci/serve_load.py GWC GWRT [--seconds S] [--connections C] [--reloads N]
                        [--timeout S] [--runs R] [--nginx] [--json FILE]

Each run: wrk with C connections for S seconds against `gwrt serve`
(testdata/serve/bench.yaml) proxying to a loopback upstream, while the
table file is replaced N times (alternating two versions; the middle
replacement is a truncated file written in place, which must be refused).
A run fails when wrk saw a socket error or a status other than 200, or
when gwrt did not load N-1 tables and refuse at least one.

The upstream is this script's own event-loop server (one thread, so
its answers do not queue behind Python's interpreter lock when gwrt
keeps a connection per worker thread), or, with --nginx, a Debian nginx
returning a fixed body; --nginx also measures nginx proxying
the same route to the same upstream (in the same run, alternating), for
ci/bench.sh. Prints one JSON object (medians over the runs); exit 0 when
every run passed, 1 when one failed, 2 on a usage error, 77 when wrk (or
nginx) is not installed.
"""

import argparse
import asyncio
import json
import os
import pathlib
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import serve_test  # noqa: E402  (Serve, compile_table, free_port)

ROOT = pathlib.Path(__file__).resolve().parent.parent
BENCH_YAML = ROOT / "testdata/serve/bench.yaml"
HOST = "bench.example.com"

NGINX_CONF = """worker_processes 1;
pid {dir}/nginx.pid;
error_log {dir}/error.log;
events {{ worker_connections 4096; }}
http {{
  access_log off;
  client_body_temp_path {dir}; proxy_temp_path {dir}; fastcgi_temp_path {dir};
  uwsgi_temp_path {dir}; scgi_temp_path {dir};
  upstream echo {{ server 127.0.0.1:{upstream}; keepalive 128; }}
  server {{ listen 127.0.0.1:{upstream} backlog=4096; location / {{ return 200 "ok\\n"; }} }}
  server {{
    listen 127.0.0.1:{proxy} backlog=4096;
    location / {{
      proxy_pass http://echo;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header x-route echo;
    }}
  }}
}}
"""


class FixedUpstream:
    """A loopback HTTP/1.1 server on one asyncio thread that answers every
    request with 200 "ok", keeping connections alive."""

    ANSWER = b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 3\r\n\r\nok\n"

    def __init__(self):
        self.loop = asyncio.new_event_loop()
        started = threading.Event()
        threading.Thread(target=self._run, args=(started,), daemon=True).start()
        started.wait()

    def _run(self, started):
        asyncio.set_event_loop(self.loop)
        self.server = self.loop.run_until_complete(
            asyncio.start_server(self._serve, "127.0.0.1", 0, backlog=1024))
        self.port = self.server.sockets[0].getsockname()[1]
        started.set()
        self.loop.run_forever()

    async def _serve(self, reader, writer):
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                m = re.search(rb"(?im)^content-length:\s*(\d+)", head)
                if m:
                    await reader.readexactly(int(m.group(1)))
                writer.write(self.ANSWER)
                await writer.drain()
        except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, ConnectionError):
            pass
        finally:
            writer.close()

    def close(self):
        self.loop.call_soon_threadsafe(self.loop.stop)


def wrk(url, seconds, connections, timeout):
    """Runs wrk; returns (requests per second, p99 ms, socket errors, non-200 answers)."""
    out = subprocess.run(["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", f"--timeout={timeout}s", "--latency",
                          "-H", f"Host: {HOST}", url], capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([0-9.]+)", out).group(1))
    p99 = re.search(r"99%\s+([0-9.]+)(us|ms|s)", out)
    p99_ms = float(p99.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[p99.group(2)]
    errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", out))
    m = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return rps, p99_ms, errors, int(m.group(1)) if m else 0, out


def reload_lines(serve):
    return sum("file changed:" in line for line in serve.lines)


def replace_tables(serve, live, versions, corrupt, count, seconds, stop):
    """Replaces `live` `count` times over `seconds`: alternately the files
    in `versions` (atomic renames), the middle time with `corrupt` bytes
    written in place. Each time it waits until gwrt has taken the new file
    in (loaded or refused), so no replacement hides another."""
    staged = live.with_suffix(".staged")
    start = time.time()
    for n in range(count):
        if stop.wait(max(0, start + (n + 1) * seconds / (count + 1) - time.time())):
            return
        before = reload_lines(serve)
        if n == count // 2:
            live.write_bytes(corrupt)
        else:
            shutil.copy(versions[n % 2], staged)
            os.replace(staged, live)
        deadline = time.time() + 2
        while reload_lines(serve) == before and time.time() < deadline and not stop.is_set():
            time.sleep(0.01)


def run_gwrt(args, work, upstream_port):
    live = work / "live.gwb"
    shutil.copy(work / "a.gwb", live)
    serve = serve_test.Serve(live, "--upstream", f"bench/echo:8080=127.0.0.1:{upstream_port}")
    stop = threading.Event()
    corrupt = (work / "b.gwb").read_bytes()[:1000]
    replacer = threading.Thread(target=replace_tables, args=(serve, live, [work / "b.gwb", work / "a.gwb"], corrupt,
                                                             args.reloads, args.seconds, stop))
    replacer.start()
    try:
        rps, p99, errors, non200, out = wrk(f"http://127.0.0.1:{serve.port}/load", args.seconds, args.connections,
                                            args.timeout)
    finally:
        stop.set()
        replacer.join()
        rc = serve.stop()
    loaded = sum("file changed: loaded" in line for line in serve.lines)
    refused = sum("refused" in line for line in serve.lines)
    ok = errors == 0 and non200 == 0 and loaded == args.reloads - 1 and refused >= 1 and rc == 0
    if not ok:
        sys.stderr.write(out + "".join(serve.lines))
    return {"rps": rps, "p99_ms": p99, "errors": errors, "non200": non200, "loaded": loaded, "refused": refused,
            "ok": ok}


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("gwc")
    p.add_argument("gwrt")
    p.add_argument("--seconds", type=int, default=10)
    p.add_argument("--connections", type=int, default=64)
    p.add_argument("--reloads", type=int, default=20)
    # wrk's own default; sanitizer builds (several times slower) are given more.
    p.add_argument("--timeout", type=int, default=2, help="seconds a request may take before it counts as an error")
    p.add_argument("--runs", type=int, default=1)
    p.add_argument("--nginx", action="store_true")
    p.add_argument("--json")
    args = p.parse_args()
    if args.reloads < 3:
        p.error("--reloads must be at least 3")
    if not shutil.which("wrk") or (args.nginx and not shutil.which("nginx")):
        print("serve_load: skipped: needs wrk (and nginx with --nginx): apt-get install wrk nginx-light")
        return 77
    serve_test.GWC, serve_test.GWRT = args.gwc, args.gwrt
    work = pathlib.Path(tempfile.mkdtemp(prefix="gwrt-load-"))
    nginx = upstream = None
    try:
        text = BENCH_YAML.read_text()
        serve_test.compile_table(text, work / "a.gwb")
        serve_test.compile_table(text.replace("value: echo", "value: echo-b"), work / "b.gwb")
        if args.nginx:
            upstream_port, proxy_port = serve_test.free_port(), serve_test.free_port()
            (work / "nginx.conf").write_text(NGINX_CONF.format(dir=work, upstream=upstream_port, proxy=proxy_port))
            subprocess.run(["nginx", "-c", str(work / "nginx.conf"), "-p", str(work)], check=True)
            nginx = work / "nginx.pid"
            time.sleep(0.3)
        else:
            upstream = FixedUpstream()
            upstream_port = upstream.port
        runs, peer = [], []
        for _ in range(args.runs):
            runs.append(run_gwrt(args, work, upstream_port))
            if args.nginx:
                peer.append(wrk(f"http://127.0.0.1:{proxy_port}/load", args.seconds, args.connections,
                                args.timeout)[:4])
        result = {
            "serve_rps": statistics.median(r["rps"] for r in runs),
            "serve_p99_ms": statistics.median(r["p99_ms"] for r in runs),
            "serve_rps_min": min(r["rps"] for r in runs),
            "serve_rps_max": max(r["rps"] for r in runs),
            "serve_errors": sum(r["errors"] + r["non200"] for r in runs),
            "serve_reloads_refused": sum(r["refused"] for r in runs),
            "serve_reloads_loaded": sum(r["loaded"] for r in runs),
        }
        if peer:
            result["nginx_proxy_rps"] = statistics.median(r[0] for r in peer)
            result["nginx_proxy_p99_ms"] = statistics.median(r[1] for r in peer)
            result["serve_vs_nginx"] = round(result["serve_rps"] / result["nginx_proxy_rps"], 3)
        text = json.dumps(result, separators=(",", ":"))
        print(text)
        if args.json:
            pathlib.Path(args.json).write_text(text + "\n")
        return 0 if all(r["ok"] for r in runs) else 1
    finally:
        if nginx and nginx.exists():
            subprocess.run(["nginx", "-c", str(work / "nginx.conf"), "-p", str(work), "-s", "stop"])
        if upstream:
            upstream.close()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
