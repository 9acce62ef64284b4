"""Reading the store: event filters, sorting, cursor pages, statistics, full-text search.

Every filter is a registered clause that returns SQL with `?` placeholders and its
parameters; no value from a caller is ever spliced into SQL text. Column names and
sort expressions come only from fixed tables, looked up by key. One module per job:

    filters.py   EventQuery, the @clause registry, where (and the FTS5 query of user text)
    events.py    sort orders, keyset cursors, pages of events, one event, corroboration candidates
    stats.py     counts for a filter, the dashboard's facets, the map's cells
    articles.py  one article's record, pages of articles, search, actors

The server and the dashboard read them all through this package (`queries as Q`).
"""

from ...errors import QueryError
from .articles import SNIPPET_CLOSE, SNIPPET_OPEN, actors, article, article_page, search
from .events import (
    CORROBORATION_DAYS,
    DEFAULT_SORT,
    EVENT_SELECT,
    INDEXED_SORTS,
    MAX_CANDIDATES,
    SORTS,
    EventPage,
    corroboration_candidates,
    count_events,
    decode_cursor,
    encode_cursor,
    event_by_id,
    event_dict,
    event_page,
    iter_events,
    next_cursor_after,
    parse_sort,
)
from .filters import CLAUSES, MAX_SEARCH_TERMS, SQL_INT_MAX, SQL_INT_MIN, EventQuery, clause, fts_query, storable, where
from .stats import INTERVALS, event_stats, facets, located_extent, map_cells

__all__ = [
    "CLAUSES", "CORROBORATION_DAYS", "DEFAULT_SORT", "EVENT_SELECT", "INDEXED_SORTS", "INTERVALS", "MAX_CANDIDATES",
    "MAX_SEARCH_TERMS", "SNIPPET_CLOSE", "SNIPPET_OPEN", "SORTS", "SQL_INT_MAX", "SQL_INT_MIN", "EventPage",
    "EventQuery", "QueryError", "actors", "article", "article_page", "clause", "corroboration_candidates",
    "count_events", "decode_cursor", "encode_cursor", "event_by_id", "event_dict", "event_page", "event_stats",
    "facets", "fts_query", "iter_events", "located_extent", "map_cells", "next_cursor_after", "parse_sort",
    "search", "storable", "where",
]
