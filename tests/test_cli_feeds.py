"""`planner feeds` and `planner export` as a user runs them: real processes, a real SQLite file."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from ics_clients import comparable, icaljs_missing_reason, parse_with_icaljs, parse_with_vobject

from planner.feeds.catalog import StoreFeedProvider

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "data" / "examples").glob("*.txt"))
NAMES = [
    "direktion",
    "punkter",
    "politik",
    "ferie",
    "person-lene-mehlsen-thomsen",
    "person-kim-bruun-nielsen",
    "person-jonas-kroustrup",
    "intern",
]


def planner(*args, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    full_env = {**os.environ, **(env or {})}
    if env is None:
        full_env.pop("PLANNER_FEED_BASE_URL", None)
    return subprocess.run(
        [sys.executable, "-m", "planner.cli", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
        env=full_env,
    )


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "plan.db"
    result = planner("import", *EXAMPLES, "--db", path)
    assert result.returncode == 0, result.stderr
    return path


def test_feeds_json_shape(db: Path) -> None:
    result = planner("feeds", "--db", db, "--json")
    assert result.returncode == 0, result.stderr
    feeds = json.loads(result.stdout)
    assert [f["name"] for f in feeds] == NAMES
    for f in feeds:
        assert set(f) == {
            "name",
            "calname",
            "description",
            "internal",
            "token",
            "url",
            "webcal_url",
            "revoked",
        }
        assert f["calname"].startswith("Direktionen – ")
        assert re.fullmatch(r"[A-Za-z0-9_-]{22,}", f["token"])
        assert f["url"] == f"http://127.0.0.1:8765/feeds/{f['token']}.ics"
        assert f["webcal_url"] == f"webcal://127.0.0.1:8765/feeds/{f['token']}.ics"
        assert f["internal"] is (f["name"] == "intern")
    # Tokens are stable from run to run.
    assert json.loads(planner("feeds", "--db", db, "--json").stdout) == feeds


def test_feeds_base_url_from_option_and_environment(db: Path) -> None:
    from_env = json.loads(
        planner(
            "feeds", "--db", db, "--json", env={"PLANNER_FEED_BASE_URL": "https://kalender.norddjurs.dk/"}
        ).stdout
    )
    assert from_env[0]["url"].startswith("https://kalender.norddjurs.dk/feeds/")
    assert from_env[0]["webcal_url"].startswith("webcal://kalender.norddjurs.dk/feeds/")
    option = json.loads(planner("feeds", "--db", db, "--json", "--base-url", "https://a.example").stdout)
    assert option[0]["url"] == f"https://a.example/feeds/{option[0]['token']}.ics"
    bad = planner("feeds", "--db", db, "--base-url", "ftp://x")
    assert bad.returncode == 2 and "http://" in bad.stderr


def test_feeds_text_lists_names_and_both_urls(db: Path) -> None:
    result = planner("feeds", "--db", db)
    assert result.returncode == 0, result.stderr
    assert "Direktionen – Kim Bruun Nielsen" in result.stdout
    assert result.stdout.count("webcal://") == len(NAMES) and "Fra internettet" in result.stdout


def test_export_writes_parseable_files_same_as_served(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "ics"
    result = planner("export", "--out", out, "--db", db, "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert [Path(f["path"]).name for f in report["files"]] == [f"{n}.ics" for n in NAMES]
    provider = StoreFeedProvider(db)
    tokens = {f["name"]: f["token"] for f in json.loads(planner("feeds", "--db", db, "--json").stdout)}
    try:
        for name in NAMES:
            body = (out / f"{name}.ics").read_bytes()
            parsed = parse_with_vobject(body)
            assert parsed["events"] and parsed["timezones"] == ["Europe/Copenhagen"]
            if icaljs_missing_reason() is None:
                assert comparable(parse_with_icaljs(body)) == comparable(parsed), name
            served = provider.feed_for_token(tokens[name])
            assert served is not None and strip_dtstamp(served.body) == strip_dtstamp(body), name
    finally:
        provider.close()
    public = planner("export", "--out", tmp_path / "public", "--db", db, "--public")
    assert public.returncode == 0 and not (tmp_path / "public" / "intern.ics").exists()
    assert (tmp_path / "public" / "direktion.ics").exists()


def test_export_refuses_a_file_as_directory(db: Path, tmp_path: Path) -> None:
    target = tmp_path / "afile"
    target.write_text("x")
    result = planner("export", "--out", target, "--db", db)
    assert result.returncode == 2 and "ikke en mappe" in result.stderr


def strip_dtstamp(body: bytes) -> bytes:
    return re.sub(rb"DTSTAMP:[^\r]*\r\n", b"", body)
