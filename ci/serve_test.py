#!/usr/bin/env python3
"""End-to-end tests of `gwrt serve` through real loopback sockets.

Usage: ci/serve_test.py GWC GWRT [unittest args]

Each test starts what it needs itself: loopback upstreams (in this process),
`gwrt serve` on free ports, and redis-server on a free port for the shared
rate-limit tests (skipped with a message when redis-server is not
installed). Tables are compiled by gwc from testdata/serve/gateway.yaml.
"""

import http.client
import http.server
import json
import os
import pathlib
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import unittest

ROOT = pathlib.Path(__file__).resolve().parent.parent
GATEWAY_YAML = ROOT / "testdata/serve/gateway.yaml"
KEY = "serve-test-key-4c1d9"  # alice's key in gateway.yaml
GWC = GWRT = None


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Upstream:
    """A loopback HTTP/1.1 server that answers with what it received as JSON
    and remembers every request. `?sleep=S` delays the answer by S seconds."""

    def __init__(self):
        self.seen = []
        upstream = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True  # headers and body go out in separate writes

            def handle_one(self):
                n = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(n).decode() if n else ""
                record = {"method": self.command, "path": self.path,
                          "headers": {k.lower(): v for k, v in self.headers.items()}, "body": body}
                upstream.seen.append(record)
                m = re.search(r"[?&]sleep=([0-9.]+)", self.path)
                if m:
                    time.sleep(float(m.group(1)))
                out = json.dumps(record).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("X-Backend-Internal", "drop-me")
                self.send_header("Content-Length", str(len(out)))
                self.end_headers()
                self.wfile.write(out)

            do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = handle_one

            def do_HEAD(self):
                self.send_response(200)
                self.send_header("Content-Type", "text/plain")
                self.send_header("Content-Length", "1234")
                self.end_headers()

            def log_message(self, *args):
                pass

        class Server(http.server.ThreadingHTTPServer):
            request_queue_size = 1024  # the default 5 drops bursts of new connections
            daemon_threads = True

        self.server = Server(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


def compile_table(yaml_text, out_path):
    with tempfile.NamedTemporaryFile("w", suffix=".yaml", delete=False) as f:
        f.write(yaml_text)
    try:
        subprocess.run([GWC, "compile", f.name, "-o", str(out_path)], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    finally:
        os.unlink(f.name)


class Serve:
    """A `gwrt serve` process on free ports; its stderr lines are collected."""

    def __init__(self, table, *args, access_log="off"):
        cmd = [GWRT, "serve", str(table), "--listen", "127.0.0.1:0", "--admin", "127.0.0.1:0",
               "--access-log", access_log, *args]
        self.proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        self.lines = []
        self._ready = threading.Event()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        if not self._ready.wait(10):
            self.stop()
            raise AssertionError("gwrt serve did not start: " + "".join(self.lines))

    def _read(self):
        for line in self.proc.stderr:
            self.lines.append(line)
            m = re.search(r"on http://[^:]+:(\d+), admin on http://[^:]+:(\d+)", line)
            if m:
                self.port, self.admin_port = int(m.group(1)), int(m.group(2))
                self._ready.set()

    def raw(self, data):
        """Sends bytes on a fresh connection; returns what comes back within a second."""
        with socket.create_connection(("127.0.0.1", self.port), timeout=1) as s:
            s.sendall(data)
            out = b""
            try:
                while chunk := s.recv(65536):
                    out += chunk
            except socket.timeout:
                pass
            return out

    def request(self, host, path="/", method="GET", headers=None, body=None, port=None):
        conn = http.client.HTTPConnection("127.0.0.1", port or self.port, timeout=10)
        conn.request(method, path, body=body, headers={"Host": host, **(headers or {})})
        resp = conn.getresponse()
        data = resp.read().decode()
        conn.close()
        return resp.status, {k.lower(): v for k, v in resp.getheaders()}, data

    def admin(self, path):
        return self.request("admin", path, port=self.admin_port)

    def wait_for_line(self, pattern, timeout=5):
        deadline = time.time() + timeout
        while time.time() < deadline:
            if any(re.search(pattern, line) for line in self.lines):
                return True
            time.sleep(0.05)
        return False

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self._reader.join(5)
        self.proc.stderr.close()
        return self.proc.returncode


class ServeTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.dir = pathlib.Path(tempfile.mkdtemp(prefix="gwrt-serve-"))
        cls.table = cls.dir / "table.gwb"
        compile_table(GATEWAY_YAML.read_text(), cls.table)
        cls.api = Upstream()
        cls.shadow = Upstream()

    @classmethod
    def tearDownClass(cls):
        cls.api.close()
        cls.shadow.close()
        shutil.rmtree(cls.dir)

    def start(self, table=None, *args, access_log="off"):
        serve = Serve(table or self.table, "--upstream", f"demo/api:8080=127.0.0.1:{self.api.port}",
                      "--upstream", f"demo/shadow=127.0.0.1:{self.shadow.port}", *args,
                      access_log=access_log)
        self.addCleanup(serve.stop)
        return serve

    def test_proxies_with_the_routes_edits_both_ways(self):
        serve = self.start()
        status, headers, body = serve.request("api.example.com", "/hello?q=1", method="POST",
                                              headers={"x-drop-me": "1", "Content-Type": "text/plain"},
                                              body="payload")
        self.assertEqual(status, 200, body)
        seen = json.loads(body)
        self.assertEqual(seen["path"], "/hello?q=1")
        self.assertEqual(seen["body"], "payload")
        self.assertEqual(seen["headers"]["x-route"], "api-v1")
        self.assertNotIn("x-drop-me", seen["headers"])
        self.assertEqual(seen["headers"]["host"], "api.example.com")
        self.assertEqual(seen["headers"]["x-forwarded-for"], "127.0.0.1")
        self.assertEqual(headers.get("x-served-by"), "gwrt")
        self.assertNotIn("x-backend-internal", headers)

    def test_mirror_is_sent_without_waiting(self):
        serve = self.start()
        before = len(self.shadow.seen)
        status, _, _ = serve.request("api.example.com", "/mirrored")
        self.assertEqual(status, 200)
        deadline = time.time() + 5
        while time.time() < deadline and not any(r["path"] == "/mirrored" for r in self.shadow.seen[before:]):
            time.sleep(0.05)
        self.assertTrue(any(r["path"] == "/mirrored" for r in self.shadow.seen[before:]), "mirror not received")

    def test_backend_without_upstream_answers_with_the_decision(self):
        serve = self.start()
        status, headers, body = serve.request("dry.example.com", "/x")
        self.assertEqual(status, 200)
        self.assertEqual(headers["content-type"], "application/json")
        decision = json.loads(body)
        self.assertEqual(decision["backend"], "demo/unmapped:8080")
        self.assertEqual(decision["route"]["name"], "demo/dry")

    def test_gateway_answers_redirects_and_unknown_hosts(self):
        serve = self.start()
        status, headers, _ = serve.request("old.example.com", "/a/b")
        self.assertEqual(status, 301)
        self.assertEqual(headers["location"], "https://api.example.com/a/b")
        status, _, body = serve.request("nowhere.example.com", "/")
        self.assertEqual(status, 404)
        self.assertEqual(json.loads(body)["status"], 404)

    def test_key_auth_and_rate_limit(self):
        serve = self.start()
        status, headers, _ = serve.request("keys.example.com", "/k")
        self.assertEqual(status, 401)
        status, _, _ = serve.request("keys.example.com", "/k", headers={"apikey": "wrong"})
        self.assertEqual(status, 401)
        wait_out_window_end()
        for n in range(1, 6):
            status, headers, body = serve.request("keys.example.com", "/k", headers={"apikey": KEY})
            self.assertEqual(status, 200, f"request {n}: {body}")
            self.assertEqual(headers["ratelimit-remaining"], str(5 - n))
        seen = json.loads(body)
        self.assertNotIn("apikey", seen["headers"])  # hide_credentials
        self.assertEqual(seen["headers"]["x-consumer-username"], "alice")
        status, headers, body = serve.request("keys.example.com", "/k", headers={"apikey": KEY})
        self.assertEqual(status, 429, body)
        self.assertEqual(headers["ratelimit-limit"], "5")
        self.assertEqual(headers["ratelimit-remaining"], "0")
        self.assertIn("retry-after", headers)

    def test_admin_endpoints_and_metrics(self):
        serve = self.start()
        serve.request("api.example.com", "/m")
        serve.request("keys.example.com", "/m")
        serve.request("keys.example.com", f"/m?apikey={KEY}x")
        self.assertEqual(serve.admin("/healthz")[0], 200)
        self.assertEqual(serve.admin("/readyz")[0], 200)
        status, headers, text = serve.admin("/metrics")
        self.assertEqual(status, 200)
        self.assertTrue(headers["content-type"].startswith("text/plain"))
        self.assertIn('gwrt_requests_total{route="demo/api",backend="demo/api:8080",code="200"} 1', text)
        self.assertIn('gwrt_policy_denials_total{reason="key-missing"} 1', text)
        self.assertIn('gwrt_policy_denials_total{reason="key-invalid"} 1', text)
        self.assertRegex(text, r'gwrt_request_duration_seconds_bucket\{le="\+Inf"\} 3\n')
        self.assertNotIn(KEY, text)

    def test_access_log_is_json_without_credentials(self):
        log = self.dir / "access.log"
        serve = self.start(None, access_log=str(log))
        serve.request("keys.example.com", f"/log?apikey={KEY}")
        serve.request("keys.example.com", "/log", headers={"apikey": KEY, "authorization": "Bearer " + KEY})
        serve.request("api.example.com", "/log")
        serve.stop()
        entries = [json.loads(line) for line in log.read_text().splitlines()]
        self.assertEqual(len(entries), 3)
        self.assertEqual(entries[0]["path"], "/log")
        self.assertEqual(entries[0]["consumer"], "alice")
        self.assertEqual(entries[2]["route"], "demo/api")
        self.assertEqual(entries[2]["upstream"], f"127.0.0.1:{self.api.port}")
        for e in entries:
            for field in ("time", "client", "method", "host", "status", "duration_ms"):
                self.assertIn(field, e)
        self.assertNotIn(KEY, log.read_text())

    def test_table_replaced_verified_and_corrupt_one_refused(self):
        table = self.dir / "live.gwb"
        shutil.copy(self.table, table)
        serve = self.start(table)
        v2 = self.dir / "v2.gwb"
        compile_table(GATEWAY_YAML.read_text().replace("value: api-v1", "value: api-v2"), v2)
        staged = self.dir / "staged.gwb"
        shutil.copy(v2, staged)
        os.replace(staged, table)  # an atomic replacement, noticed by the file watch
        self.assertTrue(serve.wait_for_line(r"file changed: loaded"), "".join(serve.lines))
        self.assertEqual(json.loads(serve.request("api.example.com", "/")[2])["headers"]["x-route"], "api-v2")
        table.write_bytes(v2.read_bytes()[:1000])  # rewritten in place, truncated
        self.assertTrue(serve.wait_for_line(r"refused .*truncated"), "".join(serve.lines))
        serve.proc.send_signal(signal.SIGHUP)
        self.assertTrue(serve.wait_for_line(r"SIGHUP: refused"), "".join(serve.lines))
        self.assertEqual(json.loads(serve.request("api.example.com", "/")[2])["headers"]["x-route"], "api-v2")
        self.assertIn('gwrt_table_reloads_total{result="refused"} 2', serve.admin("/metrics")[2])
        shutil.copy(self.table, staged)
        os.replace(staged, table)
        serve.proc.send_signal(signal.SIGHUP)
        self.assertTrue(serve.wait_for_line(r"SIGHUP: loaded"), "".join(serve.lines))
        self.assertEqual(json.loads(serve.request("api.example.com", "/")[2])["headers"]["x-route"], "api-v1")

    def test_sigterm_finishes_requests_in_flight(self):
        serve = self.start()
        result = {}

        def slow():
            result["answer"] = serve.request("api.example.com", "/slow?sleep=1")

        t = threading.Thread(target=slow)
        t.start()
        time.sleep(0.3)
        serve.proc.send_signal(signal.SIGTERM)
        t.join(10)
        self.assertEqual(result["answer"][0], 200)
        self.assertEqual(serve.proc.wait(10), 0)
        with self.assertRaises(OSError):
            serve.request("api.example.com", "/after")

    def test_bodies_of_every_method_and_form_are_passed_on(self):
        serve = self.start()
        body = b"GET /smuggled HTTP/1.1\r\nHost: api.example.com\r\n\r\n"
        out = serve.raw(b"GET /first HTTP/1.1\r\nHost: api.example.com\r\nContent-Length: %d\r\n\r\n" % len(body) + body)
        self.assertEqual(out.count(b"HTTP/1.1 "), 1, out)  # one request: the second is the first one's body
        seen = json.loads(out.split(b"\r\n\r\n", 1)[1])
        self.assertEqual((seen["method"], seen["body"]), ("GET", body.decode()))
        form = "a=" + "x" * 9000
        status, _, text = serve.request("api.example.com", "/form", method="POST", body=form,
                                        headers={"Content-Type": "application/x-www-form-urlencoded"})
        self.assertEqual((status, json.loads(text)["body"]), (200, form))
        multipart = "--b1\r\nContent-Disposition: form-data; name=\"f\"\r\n\r\nvalue\r\n--b1--\r\n"
        status, _, text = serve.request("api.example.com", "/mp", method="PUT", body=multipart,
                                        headers={"Content-Type": "multipart/form-data; boundary=b1"})
        seen = json.loads(text)
        self.assertEqual((status, seen["body"]), (200, multipart))
        self.assertEqual(seen["headers"]["content-type"], "multipart/form-data; boundary=b1")
        status, headers, text = serve.request("api.example.com", "/h", method="HEAD")
        self.assertEqual((status, headers.get("content-length"), text), (200, "1234", ""))

    def test_ambiguous_requests_are_refused_counted_and_logged(self):
        log = self.dir / "refused.log"
        serve = self.start(None, access_log=str(log))
        before = len(self.api.seen)
        for request in (b"GET http://internal.example/admin HTTP/1.1\r\nHost: api.example.com\r\n\r\n",
                        b"GET / HTTP/1.1\r\nHost: api.example.com\r\nHost: other.example.com\r\n\r\n",
                        b"POST / HTTP/1.1\r\nHost: api.example.com\r\nTransfer-Encoding: identity\r\n\r\nabc",
                        b"POST / HTTP/1.1\r\nHost: api.example.com\r\nTransfer-Encoding: chunked\r\n"
                        b"Content-Length: 3\r\n\r\n3\r\nabc\r\n0\r\n\r\n"):
            out = serve.raw(request)
            self.assertTrue(out.startswith(b"HTTP/1.1 400 "), out)
            self.assertIn(b"Connection: close", out)
        self.assertEqual(len(self.api.seen), before)  # nothing reached an upstream
        self.assertIn('gwrt_requests_total{route="",backend="",code="400"} 4', serve.admin("/metrics")[2])
        serve.stop()
        self.assertEqual([json.loads(line)["status"] for line in log.read_text().splitlines()], [400] * 4)

    def test_headers_named_by_connection_are_not_passed_on(self):
        serve = self.start()
        status, _, text = serve.request("api.example.com", "/c",
                                        headers={"Connection": "keep-alive, X-Hop", "X-Hop": "1", "X-Kept": "2"})
        seen = json.loads(text)["headers"]
        self.assertNotIn("x-hop", seen)
        self.assertEqual(seen["x-kept"], "2")

    def test_drain_seconds_keep_serving_while_readyz_fails(self):
        serve = self.start(None, "--drain-seconds", "2")
        self.assertEqual(serve.admin("/readyz")[0], 200)
        serve.proc.send_signal(signal.SIGTERM)
        self.assertTrue(serve.wait_for_line("shutting down"))
        self.assertEqual(serve.admin("/readyz")[0], 503)
        self.assertEqual(serve.request("api.example.com", "/draining")[0], 200)
        self.assertEqual(serve.proc.wait(10), 0)

    def test_sigterm_at_once_after_start_exits(self):
        for _ in range(10):  # the signal may come before the server's loop has started
            serve = Serve(self.table)
            serve.proc.send_signal(signal.SIGTERM)
            self.assertEqual(serve.proc.wait(5), 0)
            serve.stop()

    def test_unreachable_upstream_is_502(self):
        serve = Serve(self.table, "--upstream", f"demo/api=127.0.0.1:{free_port()}")
        self.addCleanup(serve.stop)
        status, headers, body = serve.request("api.example.com", "/down")
        self.assertEqual(status, 502, body)
        self.assertIn("upstream 127.0.0.1:", body)
        self.assertEqual(headers.get("x-served-by"), "gwrt")  # response filters still apply
        self.assertIn("gwrt_upstream_errors_total 1", serve.admin("/metrics")[2])

    def test_remote_jwks_document_given_and_read_again_on_reload(self):
        suite = ROOT / "testdata/route-tests/envoy-gateway-remote-jwks"
        table = self.dir / "jwks.gwb"
        compile_table((suite / "manifests.yaml").read_text(), table)
        url = "https://idp.example.com/.well-known/jwks.json"
        jwks = self.dir / "idp.jwks"
        jwks.write_text((suite / "idp-jwks.json.txt").read_text())
        token = re.search(r'token T_VALID\n\s+headers: \{Authorization: "Bearer ([^"]+)"',
                          (suite / "remote-jwks.test.yaml").read_text()).group(1)
        auth = {"Authorization": "Bearer " + token}
        serve = self.start(table, "--jwks", f"{url}={jwks}")
        self.assertEqual(serve.request("orders.example.com", "/", headers=auth)[0], 200)
        self.assertEqual(serve.request("orders.example.com", "/")[0], 401)
        # The provider rotates its key out: a reload reads the document again.
        keys = json.loads(jwks.read_text())
        jwks.write_text(json.dumps({"keys": [k for k in keys["keys"] if k["kid"] != "k1"]}))
        serve.proc.send_signal(signal.SIGHUP)
        self.assertTrue(serve.wait_for_line(r"SIGHUP: loaded"), "".join(serve.lines))
        status, _, body = serve.request("orders.example.com", "/", headers=auth)
        self.assertEqual(status, 401)
        self.assertEqual(json.loads(body)["policy"]["denied"], "jwt-unknown-key")
        # An unreadable document is refused like a corrupt table.
        jwks.write_text("{")
        serve.proc.send_signal(signal.SIGHUP)
        self.assertTrue(serve.wait_for_line(r"SIGHUP: refused .*not a JWKS"), "".join(serve.lines))
        # Without --jwks the table still serves, with a warning naming the URL.
        bare = self.start(table)
        self.assertTrue(any("no key set for remote JWKS " + url in line for line in bare.lines), "".join(bare.lines))
        self.assertEqual(bare.request("orders.example.com", "/", headers=auth)[0], 401)

    def test_invalid_table_and_bad_flags_exit_2(self):
        bad = self.dir / "bad.gwb"
        bad.write_bytes(b"not a table")
        run = subprocess.run([GWRT, "serve", str(bad), "--listen", "127.0.0.1:0"], capture_output=True, text=True)
        self.assertEqual(run.returncode, 2)
        self.assertIn(str(bad), run.stderr)
        run = subprocess.run([GWRT, "serve", str(self.table), "--upstream", "nonsense"], capture_output=True,
                             text=True)
        self.assertEqual(run.returncode, 2)
        self.assertIn("--upstream expects", run.stderr)


def wait_out_window_end():
    """The limits here count per hour: keep a test's requests in one window."""
    left = 3600 - time.time() % 3600
    if left < 15:
        time.sleep(left + 0.5)


@unittest.skipUnless(shutil.which("redis-server"), "redis-server is not installed (apt-get install redis-server)")
class SharedLimitTest(unittest.TestCase):
    def setUp(self):
        self.dir = pathlib.Path(tempfile.mkdtemp(prefix="gwrt-redis-"))
        self.addCleanup(shutil.rmtree, self.dir)
        self.table = self.dir / "table.gwb"
        compile_table(GATEWAY_YAML.read_text(), self.table)
        self.api = Upstream()
        self.addCleanup(self.api.close)
        self.redis_port = free_port()
        self.start_redis()

    def start_redis(self):
        self.redis = subprocess.Popen(["redis-server", "--port", str(self.redis_port), "--bind", "127.0.0.1",
                                       "--save", "", "--appendonly", "no", "--dir", str(self.dir)],
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.addCleanup(self.stop_redis)
        deadline = time.time() + 10
        while time.time() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.redis_port), timeout=0.2) as s:
                    s.sendall(b"PING\r\n")
                    if s.recv(16).startswith(b"+PONG"):
                        return
            except OSError:
                time.sleep(0.05)
        raise AssertionError("redis-server did not start")

    def stop_redis(self):
        if self.redis.poll() is None:
            self.redis.terminate()
            self.redis.wait(10)

    def serve(self, fail="open"):
        s = Serve(self.table, "--upstream", f"demo/api=127.0.0.1:{self.api.port}", "--ratelimit-store",
                  f"redis://127.0.0.1:{self.redis_port}", "--ratelimit-fail", fail)
        self.addCleanup(s.stop)
        return s

    def keyed(self, serve):
        return serve.request("keys.example.com", "/shared", headers={"apikey": KEY})[0]

    def test_two_processes_enforce_one_limit(self):
        a, b = self.serve(), self.serve()
        wait_out_window_end()
        statuses = [self.keyed(a if n % 2 == 0 else b) for n in range(5)]
        self.assertEqual(statuses, [200] * 5)
        self.assertEqual(self.keyed(a), 429)
        self.assertEqual(self.keyed(b), 429)

    def test_redis_down_fail_modes_then_recovery(self):
        open_, closed = self.serve("open"), self.serve("closed")
        wait_out_window_end()
        # Concurrent requests leave several pooled connections, all dead
        # after the restart below; none may cost a request its count.
        statuses = []
        threads = [threading.Thread(target=lambda: statuses.append(self.keyed(open_))) for _ in range(16)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(sorted(statuses), [200] * 5 + [429] * 11)
        self.stop_redis()
        for _ in range(3):
            self.assertEqual(self.keyed(open_), 200)   # fail open: served, uncounted
            self.assertEqual(self.keyed(closed), 503)  # fail closed: refused
        self.assertIn('gwrt_policy_denials_total{reason="rate-limit-store-unavailable"} 3', closed.admin("/metrics")[2])
        self.assertEqual(open_.request("keys.example.com", "/")[0], 401)  # other policies still run
        self.start_redis()
        time.sleep(1.2)  # the store retries a second after a failure
        statuses = [self.keyed(open_) for _ in range(6)]
        self.assertEqual(statuses, [200] * 5 + [429])
        self.assertIsNone(open_.proc.poll())
        self.assertIsNone(closed.proc.poll())
        self.assertEqual(open_.stop(), 0)
        self.assertEqual(closed.stop(), 0)


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    GWC, GWRT = sys.argv[1], sys.argv[2]
    unittest.main(argv=[sys.argv[0], *sys.argv[3:]], verbosity=2)
