"""What each content app tells the core about itself, from its AppConfig.ready().

The core never names another project app: the page cache learns which apps' changes
invalidate cached pages, the SEO tags which pages are filterable lists, and the page cache
which query parameters public pages read, and the editors' dashboard what else needs
attention, from ``register_content_app`` calls.
"""

#: Apps whose saved, deleted or re-linked rows invalidate every cached page.
CONTENT_APPS = set()
#: URL names of filterable list pages: their canonical address keeps at most one filter.
LIST_PAGES = set()
#: Query parameters some public page reads; any other is redirected away (pagecache.py).
QUERY_PARAMETERS = {"page"}
#: Beginnings of parameter names some public page reads, for families named after content
#: (the balance check's ``sets-<exercise slug>``).
QUERY_PARAMETER_PREFIXES = set()
#: Functions for the editors' dashboard, each returning a row: {"label", "count", "items"}
#: where items are (name, admin link) pairs (a few, to start with).
DASHBOARD_CHECKS = []


def register_content_app(
    label, *, list_pages=(), query_parameters=(), query_parameter_prefixes=(), dashboard_checks=()
):
    CONTENT_APPS.add(label)
    DASHBOARD_CHECKS.extend(check for check in dashboard_checks if check not in DASHBOARD_CHECKS)
    LIST_PAGES.update(list_pages)
    QUERY_PARAMETERS.update(query_parameters)
    QUERY_PARAMETER_PREFIXES.update(query_parameter_prefixes)
