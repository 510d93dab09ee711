"""Streamlit entry point: `streamlit run app.py` (see planner/ui/shell.py for the app itself)."""

from planner.ui.shell import main

main()
