"""`make run`: the feed server and the Streamlit app together, stopped cleanly with Ctrl-C.

    python -m planner.launch --db data/planner.db --app-port 8501 --feed-port 8765

On first start (an empty database) the example documents in data/examples/ are imported so a
new user sees a real plan at once. The helpers here are reused by planner.ui.screenshots and the
browser tests.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "app.py"
EXAMPLES = ROOT / "data" / "examples"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def prepare_db(db_path: str | Path, examples: Path = EXAMPLES, files: list[Path] | None = None) -> int:
    """Import the example documents into an empty database; returns how many were imported."""
    from planner.commands import import_documents
    from planner.storage.store import Store
    from planner.sync.importer import read_documents

    with Store(db_path) as store:
        if store.plan_version > 0 or store.documents():
            return 0
        files = sorted(examples.glob("*.txt")) if files is None else files
        if not files:
            return 0
        results = import_documents(store, read_documents(files), actor="første start")  # the local operator
        return sum(1 for r in results if r.status == "added")


def wait_http(url: str, timeout: float = 60.0, proc: subprocess.Popen | None = None) -> None:
    deadline = time.monotonic() + timeout
    last: Exception | None = None
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"processen stoppede (kode {proc.returncode}) før {url} svarede")
        try:
            with urllib.request.urlopen(url, timeout=2) as resp:
                if resp.status < 500:
                    return
        except Exception as exc:  # not up yet
            last = exc
        time.sleep(0.2)
    raise TimeoutError(f"{url} svarede ikke inden for {timeout:.0f} s ({last})")


def streamlit_command(
    port: int, address: str = "127.0.0.1", extra_args: list[str] | None = None
) -> list[str]:
    return [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(APP),
        "--server.port",
        str(port),
        "--server.address",
        address,
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
        "--server.fileWatcherType",
        "none",
        *(extra_args or []),
    ]


def start_app(
    db_path: str | Path,
    port: int,
    feed_base_url: str,
    extra_env: dict[str, str] | None = None,
    quiet: bool = False,
    address: str = "127.0.0.1",
    extra_args: list[str] | None = None,
) -> subprocess.Popen:
    env = {
        **os.environ,
        "PLANNER_DB": str(Path(db_path).resolve()),
        "PLANNER_FEED_BASE_URL": feed_base_url,
        **(extra_env or {}),
    }
    out = subprocess.DEVNULL if quiet else None
    # Its own process group: Ctrl-C reaches the launcher, which then stops the app in order.
    return subprocess.Popen(
        streamlit_command(port, address, extra_args),
        cwd=ROOT,
        env=env,
        stdout=out,
        stderr=out,
        start_new_session=True,
    )


def stop_process(proc: subprocess.Popen, timeout: float = 10.0) -> None:
    if proc.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(5)


@dataclass(frozen=True)
class Running:
    app_url: str
    feed_base_url: str
    proc: subprocess.Popen


@contextmanager
def running(
    db_path: str | Path,
    app_port: int,
    feed_port: int,
    feed_base_url: str | None = None,
    extra_env: dict[str, str] | None = None,
    quiet: bool = False,
    address: str = "127.0.0.1",
    extra_args: list[str] | None = None,
) -> Iterator[Running]:
    """Feed server (in this process) + Streamlit (subprocess), both stopped on exit.

    `extra_args` go to `streamlit run` (the tests point `--secrets.files` at their own login set-up)."""
    from planner.feeds.catalog import StoreFeedProvider
    from planner.feeds.server import BackgroundServer

    provider = StoreFeedProvider(db_path)
    server = BackgroundServer(provider, host=address, port=feed_port).start()
    base = feed_base_url or server.base_url
    proc = None
    try:
        proc = start_app(db_path, app_port, base, extra_env, quiet, address, extra_args)
        app_url = f"http://{'127.0.0.1' if address in ('0.0.0.0', '::') else address}:{app_port}"
        wait_http(f"{app_url}/_stcore/health", 90, proc)
        yield Running(app_url, base, proc)
    finally:
        if proc is not None:
            stop_process(proc)
        server.stop()
        provider.close()


def main(argv: list[str] | None = None) -> int:
    from planner.errors import PlannerError
    from planner.settings import Settings

    try:
        settings = Settings.load()
    except PlannerError as exc:
        print(f"planner.launch: {exc}", file=sys.stderr)
        return 2
    parser = argparse.ArgumentParser(
        prog="python -m planner.launch", description="Start årshjulet og kalender-feeds"
    )
    parser.add_argument("--db", default=str(settings.db))
    parser.add_argument("--app-port", type=int, default=settings.app_port)
    parser.add_argument("--feed-port", type=int, default=settings.feed_port)
    parser.add_argument(
        "--address",
        default="127.0.0.1",
        help="adresse app og feeds lytter på; andet end 127.0.0.1 kræver login (README)",
    )
    args = parser.parse_args(argv)
    from planner.auth import login_configured, refuse_open_address

    refusal = refuse_open_address(args.address, "Årshjulet", login_configured(settings.secrets_files))
    if refusal:
        print(f"planner.launch: {refusal}", file=sys.stderr)
        return 2
    imported = prepare_db(args.db)
    if imported:
        print(f"Første start: {imported} eksempeldokumenter er importeret i {args.db}.", flush=True)

    def on_term(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, on_term)
    try:
        with running(
            args.db, args.app_port, args.feed_port, settings.feed_base_url, address=args.address
        ) as run:
            print(
                f"Årshjulet kører på {run.app_url}  (kalender-feeds: {run.feed_base_url}/feeds/…)", flush=True
            )
            print("Stop med Ctrl-C.", flush=True)
            code = run.proc.wait()
            print(f"Streamlit stoppede (kode {code}).", file=sys.stderr)
            return 1
    except KeyboardInterrupt:
        print("\nStopper …", flush=True)
    except (RuntimeError, TimeoutError, OSError) as exc:
        print(f"planner.launch: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
