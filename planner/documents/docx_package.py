"""A Word document's package: the zip (or Word's one-file XML package), its parts found through their
relationships, each part's XML.

The main document is the part `_rels/.rels` names as the office document. Word itself writes
`word/document.xml`, but other programs and Word Online may name it otherwise (`word/document2.xml`),
and part names are compared without regard to case, as the Open Packaging Conventions say.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
import zlib

from lxml import etree

from planner.documents.model import UnreadableInput

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_PKG = "{http://schemas.microsoft.com/office/2006/xmlPackage}"
_MAX_PART = 200_000_000  # bytes of XML; more is a damaged or hostile file, not an agenda
_STRICT = "{http://purl.oclc.org/ooxml/wordprocessingml/main}"  # ISO "Strict Open XML", another namespace
_ZIP_ERRORS = (
    zipfile.BadZipFile,
    zlib.error,
    OSError,
    EOFError,
    NotImplementedError,
    RuntimeError,
    ValueError,
)


class Package:
    def __init__(self, data: bytes, source: str):
        self.source = source
        # One parser per read: lxml parsers must not be shared between threads (the app reads in several).
        self.parser = etree.XMLParser(
            resolve_entities=False, no_network=True, remove_comments=True, remove_pis=True
        )
        self.flat: dict[str, etree._Element] | None = None  # the parts of a Word XML document (flat OPC)
        if data.startswith(b"PK"):
            try:
                self.zip = zipfile.ZipFile(io.BytesIO(data))
            except (zipfile.BadZipFile, ValueError, OSError, EOFError, NotImplementedError):
                raise self._damaged("ikke et gyldigt zip-arkiv") from None
            self.names = {name.lower(): name for name in self.zip.namelist()}
        else:
            self.flat = self._flat_parts(data)
            self.names = {name.lower(): name for name in self.flat}
        self.main = self._main_part()
        self.by_id: dict[str, str] = {}  # the main part's relationships: id → part name
        self.related = self._relationships()

    def _damaged(self, why: str) -> UnreadableInput:
        return UnreadableInput(f"{self.source}: Word-dokumentet er beskadiget og kan ikke læses ({why})")

    def has(self, name: str | None) -> bool:
        return name is not None and name.lower() in self.names

    def _flat_parts(self, data: bytes) -> dict[str, etree._Element]:
        """Word's "Word XML-dokument" (.xml): the package's parts in one XML file, each a pkg:part whose
        pkg:xmlData holds the part's XML (binary parts, pictures, are skipped)."""
        if len(data) > _MAX_PART:
            raise self._damaged("filen er for stor")
        try:
            root = etree.fromstring(data, self.parser)
        except etree.XMLSyntaxError as exc:
            raise self._damaged(f"fejl i XML-filen, linje {exc.lineno}") from None
        parts: dict[str, etree._Element] = {}
        for part in root.iter(_PKG + "part"):
            holder = part.find(_PKG + "xmlData")
            content = next(iter(holder), None) if holder is not None else None
            if content is not None:
                parts[part.get(_PKG + "name", "").lstrip("/")] = content
        return parts

    def xml(self, name: str) -> etree._Element:
        stored = self.names.get(name.lower(), name)
        if self.flat is not None:
            if stored not in self.flat:
                raise self._damaged(f"{name} mangler")
            return self.flat[stored]
        try:
            if self.zip.getinfo(stored).file_size > _MAX_PART:
                raise self._damaged(f"{name} er for stor")
            raw = self.zip.read(stored)
        except _ZIP_ERRORS:
            raise self._damaged(f"{name} kan ikke pakkes ud") from None
        except KeyError:
            raise self._damaged(f"{name} mangler") from None
        try:
            return etree.fromstring(raw, self.parser)
        except etree.XMLSyntaxError as exc:
            raise self._damaged(f"fejl i {name}, linje {exc.lineno}") from None

    def _targets(self, rels: str, base: str) -> list[tuple[str, str, str]]:
        """(id, relationship type's last word, part name) of the internal relationships in `rels`."""
        out = []
        for rel in self.xml(rels).iter(_REL):
            kind = rel.get("Type", "").rsplit("/", 1)[-1]
            target = rel.get("Target", "")
            if target and rel.get("TargetMode") != "External":
                path = target.lstrip("/") if target.startswith("/") else posixpath.join(base, target)
                out.append((rel.get("Id", ""), kind, posixpath.normpath(path)))
        return out

    def _main_part(self) -> str:
        if self.has("_rels/.rels"):
            try:
                targets = self._targets("_rels/.rels", "")
            except UnreadableInput:
                targets = []  # damaged package relationships: Word's own name is still tried
            for _id, kind, name in targets:
                if kind == "officeDocument" and self.has(name):
                    return name
        if self.has("word/document.xml"):
            return "word/document.xml"
        raise self._damaged("word/document.xml mangler")

    def _relationships(self) -> dict[str, str]:
        """Part names by relationship type ('styles', 'numbering', 'header' …), from the main part's
        relationships (word/_rels/document.xml.rels); the first of each type."""
        base, name = posixpath.split(self.main)
        rels = posixpath.join(base, "_rels", name + ".rels")
        found = {
            "styles": posixpath.join(base, "styles.xml"),
            "numbering": posixpath.join(base, "numbering.xml"),
        }
        if not self.has(rels):
            return found
        seen: set[str] = set()
        for rel_id, kind, path in self._targets(rels, base):
            self.by_id[rel_id] = path
            if kind not in seen:
                seen.add(kind)
                found[kind] = path
        return found

    def part(self, kind: str) -> etree._Element | None:
        name = self.related.get(kind)
        return self.xml(name) if self.has(name) else None

    def body(self) -> etree._Element:
        root = self.xml(self.main)
        body = root.find(_W + "body")
        if body is None and root.tag.startswith(_STRICT):
            raise UnreadableInput(
                f"{self.source}: Word-dokumentet er gemt som »Strict Open XML« og kan ikke læses. "
                "Gem det som et almindeligt Word-dokument (.docx) og importér igen."
            )
        if body is None:
            raise self._damaged("dokumentet har ingen brødtekst (w:body)")
        return body
