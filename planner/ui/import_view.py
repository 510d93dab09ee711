"""Import: upload documents, see what they would change BEFORE committing, then import atomically."""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import date

import streamlit as st

from planner.commands import PlanError, import_documents
from planner.dates import format_long
from planner.documents import READ_FORMATS, UnreadableInput
from planner.parse.document import parse_bytes
from planner.parse.model import ParsedDocument
from planner.plan import Plan
from planner.storage.store import Store, StoreError
from planner.sync.importer import ImportResult, plan_import
from planner.ui import details
from planner.ui.state import AppContext, flash, local_time

KIND_LABELS = {"dagsorden": "Dagsorden", "referat": "Referat", None: "Brudstykke"}
UPLOAD_TYPES = ["docx", "pdf", "html", "htm", "txt", "md"]
# Streamlit's uploader has no setting for its language: its English texts are replaced by Danish ones.
_DANISH_UPLOADER = """<style>
[data-testid="stFileUploaderDropzoneInstructions"] > div > span,
[data-testid="stFileUploaderDropzoneInstructions"] > div > small { display: none; }
[data-testid="stFileUploaderDropzoneInstructions"] > div::before {
  content: "Træk dokumenter hertil"; display: block; font-weight: 600; }
[data-testid="stFileUploaderDropzoneInstructions"] > div::after {
  content: "Word, PDF, HTML eller tekst · højst 200 MB pr. fil"; display: block; font-size: 0.85em; opacity: .7; }
[data-testid="stFileUploaderDropzone"] button:not([data-testid="stFileChips"] button) { font-size: 0 !important; }
[data-testid="stFileUploaderDropzone"] button:not([data-testid="stFileChips"] button)::after {
  content: "Vælg filer"; font-size: 0.9rem; }
</style>"""


@dataclass
class Preview(ImportResult):
    """One document as the preview shows it: the import's own result for it (`plan_import`), with
    the status new | known (already in the plan) | error."""


_PREVIEW_STATUS = {"parsed": "new", "unchanged": "known", "error": "error"}


def preview(store: Store, docs: list[tuple[str, ParsedDocument | str]]) -> tuple[list[Preview], Plan]:
    """What importing `docs` (name, parsed doc or error text) would do: the import's own computation
    (`planner.sync.importer.plan_import`) on a working copy, nothing written."""
    out = [
        Preview(name, "error", error=doc) if isinstance(doc, str) else Preview(name, "parsed", doc)
        for name, doc in docs
    ]
    planned = plan_import(store, out)
    for pv in out:
        pv.status = _PREVIEW_STATUS[pv.status]
    return out, planned.after


def _parse(files) -> list[tuple[str, ParsedDocument | str]]:
    cache: dict = st.session_state.setdefault("imp_parsed", {})
    todo = [f for f in files if f.file_id not in cache]
    bar = st.progress(0.0, text="Læser dokumenterne …") if todo else None
    for i, f in enumerate(todo):
        try:
            cache[f.file_id] = parse_bytes(f.getvalue(), f.name)
        except UnreadableInput as exc:
            cache[f.file_id] = str(exc)
        except Exception as exc:  # a broken file must not stop the others
            cache[f.file_id] = f"{f.name}: kan ikke læses ({type(exc).__name__}: {exc})"
        if bar is not None:
            bar.progress((i + 1) / len(todo), text=f"Læser {f.name} ({i + 1}/{len(todo)})")
    if bar is not None:
        bar.empty()
    return [(f.name, cache[f.file_id]) for f in files]


def render(ctx: AppContext) -> None:
    st.header("Import")
    if not ctx.may("import"):
        st.info("Import af dokumenter kræver rollen «sekretariat». Her kan du se, hvad der er importeret.")
        _history(ctx)
        return
    st.write(
        f"Indlæs Direktionens dagsordener og referater som de er: {READ_FORMATS}. Du ser, hvad de "
        "ændrer i planen, før noget bliver gemt."
    )
    st.markdown(_DANISH_UPLOADER, unsafe_allow_html=True)
    nonce = st.session_state.get("imp_nonce", 0)
    files = st.file_uploader(
        "Dokumenter", accept_multiple_files=True, key=f"imp_files_{nonce}", type=UPLOAD_TYPES
    )
    if not files:
        _history(ctx)
        return
    docs = _parse(files)
    previews, after = _preview(ctx, files, docs)
    new = [p for p in previews if p.status == "new"]
    _summary(previews)
    for pv in previews:
        _document(pv)
    if new:
        _conflict_forecast(ctx, after)
        if st.button(
            f"Importér {len(new)} dokument{'er' if len(new) != 1 else ''}", type="primary", key="imp_commit"
        ):
            _commit(ctx, new)
    else:
        st.info("Der er ikke noget nyt at importere.")


def _preview(ctx: AppContext, files, docs) -> tuple[list[Preview], Plan]:
    """The preview, computed once per plan version and set of files (a replay re-reads every document)."""
    with ctx.store() as store:
        key = (store.plan_version, tuple(f.file_id for f in files))
        cached = st.session_state.get("imp_preview")
        if cached is None or cached[0] != key:
            cached = (key, preview(store, docs))
            st.session_state["imp_preview"] = cached
    return cached[1]


def _summary(previews: list[Preview]) -> None:
    added = sum(len(p.report.added) for p in previews)
    moved = sum(len(p.report.moved) for p in previews)
    vanished = sum(len(p.report.vanished) for p in previews)
    warnings = sum(len(p.doc.warnings) + len(p.doc.unparsed) for p in previews if p.doc and p.status == "new")
    cols = st.columns(5)
    cols[0].metric("Nye punkter", added)
    cols[1].metric("Flyttede", moved)
    cols[2].metric("Ikke længere i planen", vanished)
    cols[3].metric("Uændrede", sum(p.report.unchanged for p in previews))
    cols[4].metric("Advarsler", warnings)


def _document(pv: Preview) -> None:
    doc = pv.doc
    if pv.status == "error":
        st.error(f"**{pv.source}**: {pv.error}")
        return
    assert doc is not None
    when = format_long(doc.meeting.date) if doc.meeting.date else "ukendt dato"
    badge = "allerede importeret" if pv.status == "known" else "ny"
    form = doc.format_label()
    title = f"{pv.source} — {KIND_LABELS.get(doc.kind, doc.kind)} {when} ({form}; {badge})"
    with st.expander(title, expanded=pv.status == "new"):
        if pv.status == "known":
            st.caption("Dokumentet er allerede i planen og bliver ikke importeret igen.")
            return
        st.markdown("*Læst i dokumentet:* " + read_summary(doc))
        r = pv.report
        st.markdown(
            f"**{len(r.added)} nye · {len(r.moved)} flyttede · {r.unchanged} uændrede · "
            f"{len(r.vanished)} ikke længere i planen · {len(r.conflicts)} konflikter med dine ændringer**"
        )
        moved = [c.moved_text() for c in pv.changes.moved]
        for label, items, icon in (
            ("Nye punkter", r.added, ":green[:material/add:]"),
            ("Flyttede punkter", moved, ":blue[:material/swap_horiz:]"),
            ("Ikke længere i planen", r.vanished, ":gray[:material/remove:]"),
            ("Ændret både i hånden og i dokumentet", r.conflicts, ":orange[:material/warning:]"),
        ):
            if items:
                st.markdown(f"*{label}*")
                st.markdown("\n".join(f"- {icon} {html.escape(t)}" for t in items))
        problems = sorted([*doc.warnings, *doc.unparsed], key=lambda w: (w.page or 0, w.line))
        if problems:
            st.markdown("*Ikke læst eller læst med forbehold*")
            st.markdown("\n".join(f"- {w.where()}: {html.escape(w.message)}" for w in problems))


def read_summary(doc: ParsedDocument) -> str:
    """'mødet 15. januar 2025 · 25 rækker i den fremadrettede plan · …' — what the document gave."""
    rows = len(doc.forward_plan)
    points = sum(len(r.points) for r in doc.forward_plan)
    parts = [
        f"mødet {format_long(doc.meeting.date)}" if doc.meeting.date else "ingen mødedato",
        f"{rows} rækker i den fremadrettede plan ({points} punkter)",
        f"{len(doc.awaiting_date)} afventer dato",
        f"{len(doc.scheduled_by_decision)} besluttede punkter",
        f"{len(doc.political_cycles)} politiske rul",
        f"{len(doc.events)} møder og aktiviteter",
        f"{len(doc.timetable)} punkter i tidsplanen",
        f"{len(doc.closed_cases)} lukkede sager og bilag",
    ]
    return " · ".join(parts)


def _conflict_forecast(ctx: AppContext, after: Plan) -> None:
    from planner.calendar.context import calendar_context
    from planner.conflicts.engine import check_plan, diff_conflicts

    created, removed = diff_conflicts(
        ctx.conflicts, check_plan(after, calendar_context(after), today=ctx.today)
    )
    if not created and not removed:
        return
    with st.expander(f"Konflikter efter import: {len(created)} nye, {len(removed)} løst"):
        for c in created[:50]:
            st.markdown(f"{details.severity_icon(c.severity)} {html.escape(c.message)}")
        for c in removed[:50]:
            st.markdown(f":green[:material/check_circle:] Løst: {html.escape(c.message)}")


def _commit(ctx: AppContext, new: list[Preview]) -> None:
    results = [ImportResult(pv.source, "parsed", pv.doc) for pv in new]
    try:
        with ctx.store() as store, st.spinner("Importerer …"):
            import_documents(store, results, actor=ctx.actor)
    except PlanError as exc:
        st.error(str(exc))
        return
    except StoreError as exc:
        st.error(f"Importen mislykkedes, intet er gemt: {exc}")
        return
    added = [r for r in results if r.status == "added"]
    flash(
        f"{len(added)} dokument{'er' if len(added) != 1 else ''} importeret: "
        + ", ".join(r.source for r in added)
    )
    st.session_state["imp_nonce"] = st.session_state.get("imp_nonce", 0) + 1
    st.session_state.pop("imp_parsed", None)
    st.session_state.pop("imp_preview", None)
    st.rerun()


def _history(ctx: AppContext) -> None:
    with ctx.store() as store:
        docs = store.documents()
    if not docs:
        return
    st.subheader(f"Importerede dokumenter ({len(docs)})")
    rows = [
        {
            "Dokument": d["source"],
            "Type": KIND_LABELS.get(d["kind"], d["kind"]),
            "Mødedato": date.fromisoformat(d["meeting_date"]) if d["meeting_date"] else None,
            "Importeret": local_time(d["imported_at"]),
        }
        for d in reversed(docs)
    ]
    st.dataframe(
        rows,
        hide_index=True,
        width="stretch",
        column_config={"Mødedato": st.column_config.DateColumn(format="DD.MM.YYYY")},
    )
