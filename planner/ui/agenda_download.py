"""Tabel til næste dagsorden: download the "punkter til næste møde" table as Word, HTML or text."""

from __future__ import annotations

from datetime import date
from functools import partial

import streamlit as st

from planner.docwriters.agenda_table import DEFAULT_WEEKS, MAX_WEEKS, agenda_table, day_label, default_first
from planner.docwriters.agenda_writers import render, unreadable_rows
from planner.ui.state import AppContext, load_plan

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
_FILES = (
    ("docx", "Word", DOCX_MIME, "docx"),
    ("html", "HTML", "text/html", "html"),
    ("text", "tekst", "text/plain", "txt"),
)


def _table_bytes(db_path: str, version: int, today: date, first: date, weeks: int, fmt: str) -> bytes:
    # The whole plan, not the reader's copy: closed points are left out of the table either way.
    return render(agenda_table(load_plan(db_path, version), today, first, weeks), fmt)


@st.cache_data(max_entries=8, show_spinner=False)
def _unreadable(db_path: str, version: int, today: date, first: date, weeks: int) -> list[str]:
    table = agenda_table(load_plan(db_path, version), today, first, weeks)
    return unreadable_rows(table, render(table, "text"), "text")


def render_downloads(ctx: AppContext) -> None:
    with st.expander("Tabel til næste dagsorden", icon=":material/table:"):
        st.markdown(
            "Tabellen *Eventuelt, herunder punkter til næste møde*: én række pr. møde med punkter, "
            "ferie og fravær, og derefter *Punkter som afventer dato*. Word-filen har en rigtig tabel; "
            "HTML og tekst kan indsættes direkte i Word og Outlook."
        )
        c1, c2 = st.columns(2)
        first = c1.date_input(
            "Første møde", default_first(ctx.plan, ctx.today), format="DD.MM.YYYY", key="agenda_first"
        )
        weeks = int(
            c2.number_input(
                "Antal uger derefter",
                min_value=0,
                max_value=MAX_WEEKS,
                value=DEFAULT_WEEKS,
                step=1,
                key="agenda_weeks",
            )
        )
        name = f"punkter-til-naeste-moede-{first.isoformat()}"
        cols = st.columns(len(_FILES))
        for col, (fmt, label, mime, suffix) in zip(cols, _FILES, strict=True):
            col.download_button(
                f"Hent tabellen ({label})",
                icon=":material/download:",
                mime=mime,
                file_name=f"{name}.{suffix}",
                data=partial(_table_bytes, ctx.db_path, ctx.version, ctx.today, first, weeks, fmt),
                on_click="ignore",
                key=f"agenda_{fmt}",
                type="primary" if fmt == "docx" else "secondary",
                width="stretch",
            )
        st.caption(f"Fra {day_label(first)} {first.year} og {weeks} uger frem.")
        notes = _unreadable(ctx.db_path, ctx.version, ctx.today, first, weeks)
        if notes:
            st.warning(
                "Disse rækker læses ikke tilbage som skrevet, når dagsordenen importeres; ret titlen, "
                "eller ret punkterne efter importen:\n\n" + "\n".join(f"- {n}" for n in notes)
            )
