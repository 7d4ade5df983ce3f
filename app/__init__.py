"""Streamlit pages for policykb. search_app.py routes; each page file renders itself."""

PAGES = {
    "ask": "app/ask_page.py",
    "units": "app/units_page.py",
    "cross": "app/cross_page.py",
    "targets": "app/targets_page.py",
    "documents": "app/documents_page.py",
    "add": "app/add_page.py",
}

# The st.Page objects search_app.py registered with st.navigation (links and
# st.switch_page need them: two pages share no script, but a Page carries its url_path).
NAV: dict = {}
