"""Fuzzing, bounded in time (hypothesis), of the holiday-plan import and the feed server's request
handling (issue 15): every fuzzed plan is read or refused in Danish within the hang guard, and every
fuzzed request gets a status from a server that stays up and never prints a token."""

from __future__ import annotations

import threading

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_feedserver_hostile import _tokens, get, raw, serving

from planner.calendar.ferieplan import FerieplanError, parse_ferieplan
from planner.documents import UnreadableInput

HANG_GUARD_S = 20

WORDS = st.sampled_from(
    [
        *"0123456789 .-–/:,\t\n",
        "Efterårsferie",
        "Juleferie",
        "Vinterferie",
        "Sommerferie",
        "uge ",
        "Uge 42",
        "Maj",
        "Oktober",
        "2024",
        "2024/25",
        "skoleåret 24-25",
        "2. pinsedag",
        "Store bededag",
        "........",
        "<li>",
        "<td>",
        "<tr>",
        "<table>",
        "| ",
        "**",
        "Lørdag ",
        "d. ",
        "til ",
        "og ",
        "31. februar",
        "29. februar",
        "uge 53",
    ]
)


def within_guard(work) -> dict:
    result: dict = {}

    def run() -> None:
        try:
            result["value"] = work()
        except (UnreadableInput, FerieplanError) as exc:  # a Danish refusal is an answer
            result["refused"] = str(exc)
        except BaseException as exc:
            result["error"] = exc

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(HANG_GUARD_S)
    assert not thread.is_alive(), f"no answer within {HANG_GUARD_S} s"
    assert "error" not in result, repr(result.get("error"))
    return result


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(WORDS, max_size=300).map("".join), st.sampled_from(["plan.txt", "plan.html", "plan.md"]))
def test_a_fuzzed_holiday_plan_is_read_or_refused_in_danish(text, name):
    result = within_guard(lambda: parse_ferieplan(text, name, 2024))
    if "value" in result:
        plan = result["value"]
        for period in plan.periods:
            assert period.start <= period.end
            assert (period.end - period.start).days < 70  # a long holiday is a warning, never a period


REQUEST_PARTS = st.sampled_from(
    [
        "GET ",
        "HEAD ",
        "POST ",
        "/feeds/",
        "/hjul/",
        ".ics",
        "/healthz",
        "%00",
        "%2e%2e/",
        "?",
        "#",
        " HTTP/1.1",
        " HTTP/1.0",
        " HTTP/9",
        "\r\n",
        "Host: 127.0.0.1\r\n",
        'If-None-Match: "x"\r\n',
        "If-Modified-Since: Sat, 01 Jan 99999999999 00:00:00 GMT\r\n",
        "Range: bytes=0-\r\n",
        "X: " + "a" * 3000 + "\r\n",
        "ÆØÅ",
        "\x00",
        " ",
        ":",
    ]
)


def test_fuzzed_requests_get_a_status_and_the_server_stays_up(imported_db):
    tokens = _tokens(imported_db)
    with serving(imported_db) as server:

        @settings(
            max_examples=120,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
        )
        @given(st.lists(REQUEST_PARTS, min_size=1, max_size=25).map("".join))
        def send(request: str) -> None:
            # (No body headers in the alphabet: a request that announces a body is rightly waited for.)
            reply = raw(server.port, (request + "\r\n\r\n").encode("utf-8"), timeout=10)
            assert reply.status is not None and 200 <= reply.status < 600, (request, reply.head)
            assert get(server.port, "/healthz").status == 200  # still up after every request

        send()
    assert not any(token in server.output for token in tokens.values())  # nothing printed or logged a token
