"""Requests per second and latency of `newslint serve` for one article.

Starts the server on a free loopback port (as a user would: `newslint serve`), warms it up,
then posts the same article to /v2/check (LanguageTool's API) and /v1/lint from C clients
at once for a fixed time, each client on its own keep-alive connection. Prints a Markdown
table: requests/s, and latency percentiles in milliseconds. The clients run on the same
machine and take their share of its cores.

    python bench/serve.py                         # the seed article, 1 worker
    python bench/serve.py --workers 2 --concurrency 1,4,16 --seconds 15
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_ARTICLE = ROOT / "seeds" / "eastern-herald-blinken-central-asia.txt"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(workers: int) -> tuple[subprocess.Popen, str, float]:
    port = free_port()
    began = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "lint", "serve", "--port", str(port), "--workers", str(workers)],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    while True:
        try:
            if requests.get(f"{url}/v2/healthcheck", timeout=1).ok:
                return proc, url, time.perf_counter() - began
        except requests.ConnectionError:
            pass
        if proc.poll() is not None:
            raise SystemExit("newslint serve exited before answering")
        time.sleep(0.1)


def load(url: str, endpoint: str, article: str, clients: int, seconds: float) -> tuple[int, list[float], int]:
    """(requests answered 200, their latencies in ms, other answers) over ``seconds``."""
    if endpoint == "/v2/check":
        kwargs = {"data": {"language": "en-US", "text": article}}
    else:
        kwargs = {"json": {"text": article}}
    latencies: list[float] = []
    failures = [0]
    lock = threading.Lock()
    stop = time.perf_counter() + seconds

    def client():
        session = requests.Session()
        mine, bad = [], 0
        while time.perf_counter() < stop:
            t = time.perf_counter()
            r = session.post(url + endpoint, timeout=60, **kwargs)
            if r.status_code == 200:
                mine.append((time.perf_counter() - t) * 1000)
            else:
                bad += 1
        with lock:
            latencies.extend(mine)
            failures[0] += bad

    threads = [threading.Thread(target=client) for _ in range(clients)]
    began = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - began
    return len(latencies) / elapsed, latencies, failures[0]


def pct(values: list[float], q: float) -> float:
    return (
        statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1] if len(values) > 1 else values[0]
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--article", type=Path, default=DEFAULT_ARTICLE)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--concurrency", default="1,4,16", help="comma-separated numbers of clients")
    parser.add_argument("--seconds", type=float, default=10.0, help="per measurement")
    args = parser.parse_args()
    article = args.article.read_text(encoding="utf-8")
    proc, url, startup = start(args.workers)
    try:
        for _ in range(5 * args.workers):  # warm-up: first requests load lazy parts
            requests.post(url + "/v2/check", data={"language": "en", "text": article}, timeout=60)
            requests.post(url + "/v1/lint", json={"text": article}, timeout=60)
        print(
            f"article: {args.article.name} ({len(article)} characters); server: {args.workers} worker(s), "
            f"ready {startup:.1f} s after start; {os.cpu_count()} cores shared with the clients, "
            f"load average {os.getloadavg()[0]:.1f} at the start\n"
        )
        print("| endpoint | clients | requests/s | p50 ms | p95 ms | p99 ms | non-200 |")
        print("|---|---:|---:|---:|---:|---:|---:|")
        for endpoint in ("/v2/check", "/v1/lint"):
            for clients in (int(c) for c in args.concurrency.split(",")):
                rate, lat, bad = load(url, endpoint, article, clients, args.seconds)
                print(
                    f"| {endpoint} | {clients} | {rate:.1f} | {pct(lat, 50):.1f} | {pct(lat, 95):.1f} "
                    f"| {pct(lat, 99):.1f} | {bad} |",
                    flush=True,
                )
    finally:
        proc.terminate()
        proc.wait(timeout=30)


if __name__ == "__main__":
    main()
