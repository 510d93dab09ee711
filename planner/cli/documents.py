"""`planner parse` and `planner import`."""

from __future__ import annotations

import json
import logging
import sys

from planner.cli import CommandError, add_command, cli_actor, open_store
from planner.commands import import_documents
from planner.dates import format_long, week_label
from planner.logs import timed
from planner.parse.model import ParsedDocument
from planner.sync.importer import read_documents

log = logging.getLogger(__name__)


def register(sub) -> None:
    p = add_command(
        sub,
        "parse",
        cmd_parse,
        help="læs dokumenter og vis hvad der blev fundet (intet gemmes)",
        json=True,
        db=False,
    )
    p.add_argument("files", nargs="+", metavar="FIL")

    p = add_command(sub, "import", cmd_import, help="flet dokumenter ind i planen", json=True)
    p.add_argument("files", nargs="+", metavar="FIL")


def read_logged(files: list[str]) -> list:
    """`read_documents`, saying with -v what each file was read as and how long reading took."""
    with timed(log, "%d filer læst", len(files)):
        results = list(read_documents(files))
    log_read(results)
    return results


def log_read(results) -> None:
    """Say with -v what each file was read as."""
    for r in results:
        if r.doc is not None:
            log.info(
                "%s: %s, %d punkter i den fremadrettede plan",
                r.source,
                r.doc.format_label(),
                sum(len(row.points) for row in r.doc.forward_plan),
            )
        else:
            log.info("%s: kan ikke læses", r.source)


def cmd_parse(args) -> int:
    results = read_logged(args.files)
    errors = [r for r in results if r.status == "error"]
    if args.json:
        payload = [r.doc.to_json() for r in results if r.doc]
        print(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        for r in results:
            if r.doc:
                print(summary(r.doc))
    for r in errors:
        print(f"planner: {r.error}", file=sys.stderr)
    return 2 if errors else 0


def cmd_import(args) -> int:
    # Many files are parsed in workers and folded as they arrive (read_documents): the store is
    # opened as soon as one file has been read, so files none of which can be read make no database.
    results = read_documents(args.files)
    if next((r for r in results if r.status != "error"), None) is None:
        unreadable = [r.error for r in results]
        raise CommandError(unreadable[0] if len(unreadable) == 1 else "; ".join(unreadable))
    with open_store(args, create=True) as store:
        import_documents(store, results, actor=cli_actor(args))
        plan_version = store.plan_version
    log_read(results)
    errors = [r for r in results if r.status == "error"]
    if args.json:
        print(
            json.dumps(
                {
                    "plan_version": plan_version,
                    "documents": [
                        {
                            "source": r.source,
                            "status": r.status,
                            "error": r.error,
                            "added": r.report.added,
                            "moved": r.report.moved,
                            "vanished": r.report.vanished,
                            "conflicts": r.report.conflicts,
                            "warnings": [w.to_json() for w in (r.doc.warnings if r.doc else [])],
                            "unparsed": [w.to_json() for w in (r.doc.unparsed if r.doc else [])],
                            "changes": r.changes.to_json(),
                        }
                        for r in results
                    ],
                },
                ensure_ascii=False,
                indent=2,
            )
        )
    else:
        for r in results:
            if r.status == "error":
                continue
            if r.status == "unchanged":
                print(f"{r.source}: allerede importeret – ingen ændringer")
                continue
            rep = r.report
            print(
                f"{r.source}: {len(rep.added)} nye, {len(rep.moved)} flyttede, {len(rep.vanished)} "
                f"ikke længere i planen, {len(rep.conflicts)} konflikter"
            )
            for title in rep.added:
                print(f"  + {title}")
            for change in r.changes.moved:
                print(f"  ~ {change.moved_text()}")
            for title in rep.vanished:
                print(f"  - {title} (ikke længere i planen)")
            for title in rep.conflicts:
                print(f"  ! {title}: ændret både i hånden og i dokumentet")
            for w in r.doc.warnings + r.doc.unparsed:
                print(f"  advarsel {_where(r.source, w)}: {w.message}")
    for r in errors:
        print(f"planner: {r.error}", file=sys.stderr)
    return 2 if errors else 0


def _where(source: str, w) -> str:
    """'fil.txt:12' for text, 'fil.pdf: side 2, linje 12' for paged documents and 'fil.docx: sidehoved,
    linje 1' outside the body."""
    return f"{source}: {w.where()}" if w.page or w.part else f"{source}:{w.line}"


def summary(doc: ParsedDocument) -> str:
    """A readable Danish summary of one parsed document."""
    m = doc.meeting
    kind = {"referat": "Referat", "dagsorden": "Dagsorden"}.get(doc.kind or "", "Dokument")
    form = doc.format_label()
    lines = [f"{doc.source}: {kind} ({form})" + (" (uddrag uden overskrift)" if doc.fragment else "")]
    if m.date:
        when = f"{format_long(m.date)} ({week_label(m.date)})"
        if m.start:
            when += f" kl. {m.start:%H.%M}" + (f"–{m.end:%H.%M}" if m.end else "")
        lines.append(f"  Møde: {when}")
    if m.location:
        lines.append(f"  Sted: {m.location}")
    for member in m.members:
        lines.append("  Medlem: " + " ".join(filter(None, (member.role, member.name or "(vakant)"))))
    if m.absent:
        lines.append(f"  Fraværende: {', '.join(m.absent)}")
    if doc.forward_plan:
        lines.append("  Kommende møder:")
    for row in doc.forward_plan:
        label = f"{format_long(row.date)} ({week_label(row.date)})" if row.date else row.label
        if row.start:
            label += f" kl. {row.start:%H.%M}" + (f"–{row.end:%H.%M}" if row.end else "")
        notes = [*row.closures, *(f"{n} deltager ikke" for n in row.absent)]
        content = "; ".join([_point_line(p) for p in row.points] + notes) or "(ledigt)"
        lines.append(f"    {label}: {content}")
    for p in doc.scheduled_by_decision:
        when = "taget af planen" if p.dropped else f"til {format_long(p.date)}"
        lines.append(f"  Besluttet {when}: {p.text}")
    if doc.awaiting_date:
        lines.append("  Afventer dato:")
        lines += [f"    - {_point_line(p)}" for p in doc.awaiting_date]
    for c in doc.political_cycles:
        oek = format_long(c.oekonomiudvalg) if c.oekonomiudvalg else "?"
        kb = format_long(c.kommunalbestyrelse) if c.kommunalbestyrelse else "?"
        lines.append(f"  Politisk rul ({c.label}): ØK {oek}, KB {kb}")
    status = {"held": "afholdt", "upcoming": "kommende", "cancelled": "aflyst"}
    for e in doc.events:
        span = format_long(e.start) + (f" – {format_long(e.end)}" if e.end != e.start else "")
        lines.append(f"  Møde/aktivitet: {e.title}, {span} [{status[e.status]}]")
    for t in doc.timetable:
        lines.append(f"  {t.time:%H.%M} {'[lukket punkt]' if t.closed else t.title[:90]}" if t.time else "")
    for c in doc.closed_cases:
        if c.kind == "case":
            lines.append(f"  Lukket sag (linje {c.line})")
    for w in doc.warnings:
        lines.append(f"  advarsel {w.where()}: {w.message}")
    for w in doc.unparsed:
        lines.append(f"  ikke forstået {w.where()}: {w.message}")
    return "\n".join(lines)


def _point_line(p) -> str:
    """'Rekruttering af ny ungechef (ansvarlig: Jonas Kroustrup; udsat fra 2026-03-04)'."""
    said = []
    if p.owner:
        said.append(f"ansvarlig: {p.owner}")
    if p.note and p.origin == "forward_plan":  # a backlog point's note is a date hint, not said here
        said.append(p.note)
    return f"{p.text} ({'; '.join(said)})" if said else p.text
