"""The Streamlit app: one module per view, `shell` for page set-up and navigation."""
