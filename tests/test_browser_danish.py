"""No English left in the widgets a user meets (Debian's chromium through Playwright, the real app)."""

from __future__ import annotations

import pytest

from planner.ui.screenshots import wait_idle
from tests.test_browser import chromium, page, server  # noqa: F401  (fixtures)

pytestmark = pytest.mark.browser
ENGLISH = ("Upload", "200MB per file", "Copy to clipboard", "Browse files", "Drag and drop", "Add:")


def shown_text(page) -> str:  # noqa: F811
    """What a reader sees: text drawn at size 0 (replaced by CSS) is not shown, ::after content is."""
    return page.evaluate("""() => {
        const out = [];
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_ELEMENT);
        for (let el = walker.currentNode; el; el = walker.nextNode()) {
            const style = getComputedStyle(el);
            if (style.display === 'none' || style.visibility === 'hidden') continue;
            for (const node of el.childNodes)
                if (node.nodeType === 3 && parseFloat(style.fontSize) > 0) out.push(node.textContent);
            const after = getComputedStyle(el, '::after').content;
            if (after && after !== 'none' && after !== 'normal') out.push(after);
            const label = el.getAttribute('aria-label');
            if (label && el.offsetParent !== null && el.tagName === 'BUTTON') out.push(label);
        }
        return out.join('\\n');
    }""")


def test_subscribe_points_and_conflicts_pages_speak_danish(page, server):  # noqa: F811
    run, _db = server
    page.goto(f"{run.app_url}/?side=abonnement")
    wait_idle(page)
    page.locator('[data-testid="stCode"]').first.wait_for()
    page.locator('[data-testid="stCode"]').first.hover()
    text = shown_text(page)
    for word in ENGLISH:
        assert word not in text, word
    for side in ("punkter", "konflikter"):
        page.goto(f"{run.app_url}/?side={side}")
        wait_idle(page)
        page.locator('[data-testid="stPills"], [data-testid="stButtonGroup"]').first.wait_for()
        text = shown_text(page)
        for word in (*ENGLISH, "Select all", "Choose an option", "Choose options"):
            assert word not in text, (side, word)
    page.goto(f"{run.app_url}/?side=abonnement")
    wait_idle(page)
    assert (
        page.frame_locator("iframe[title='st.iframe'], iframe").first.locator("button").first.inner_text()
        == "Kopiér adressen"
    )
