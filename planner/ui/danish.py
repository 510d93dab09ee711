"""Danish where Streamlit's own widgets speak English and cannot be configured.

(The file uploader's texts are made Danish in the import view itself, on main.)

- a code block's English "Copy to clipboard" button is hidden, and `copy_button` draws a Danish
  "Kopiér" button instead (a small HTML component: Streamlit has no such widget);
- a table's column menu ("Sort ascending", "Pin column", "Hide column", …) and its toolbar ("Download
  as CSV", "Search", "Fullscreen") are English and cannot be translated: they are hidden. Sorting by
  clicking a column's header still works, and the Excel export under *Abonnement og eksport* is the
  Danish way to take the data out.
"""

from __future__ import annotations

import html
import json

import streamlit as st
import streamlit.components.v1 as components

CSS = """
<style>
[data-testid="stCode"] [data-testid="stElementToolbarButton"] { display: none; }
[data-testid="stDataFrameColumnMenuTarget"], [data-testid="stDataFrameColumnMenu"] { display: none !important; }
[data-testid="stDataFrame"] + [data-testid="stElementToolbar"],
[data-testid="stElementContainer"]:has([data-testid="stDataFrame"]) [data-testid="stElementToolbar"] { display: none; }
</style>
"""


def use() -> None:
    """Put the Danish overrides on the page (once per run is enough; more is harmless)."""
    st.markdown(CSS, unsafe_allow_html=True)


def copy_button(text: str, label: str = "Kopiér") -> None:
    """A Danish copy-to-clipboard button for `text`."""
    value = json.dumps(text)
    components.html(
        f"""<button id="b" style="font: 14px 'Source Sans Pro', sans-serif; padding: 3px 12px; border-radius: 6px;
        border: 1px solid #c9d6e3; background: #fff; color: #1b3a57; cursor: pointer"
        title="Kopiér til udklipsholderen">{html.escape(label)}</button>
<script>
const b = document.getElementById("b");
b.onclick = async () => {{
  const text = {value};
  try {{ await navigator.clipboard.writeText(text); }}
  catch (e) {{ const t = document.createElement("textarea"); t.value = text; document.body.appendChild(t);
              t.select(); document.execCommand("copy"); t.remove(); }}
  b.textContent = "Kopieret ✓"; setTimeout(() => b.textContent = {json.dumps(label)}, 1500);
}};
</script>""",
        height=36,
    )
