"""What the dashboard asks for beyond the event API: the map's clusters for the view it
shows, the box around a filter's events (to fit the map to them), and the other
articles that report an event.

The map never downloads events: it asks for the cells of a grid whose size follows the
zoom (about 64 pixels on screen), counted in SQLite along the map index (store/tiles.py),
so an answer is bounded by the cells in view however many events the store holds; the
events of a cell are fetched from `/api/events` (its bounds as `bbox`) when someone
clicks it. Answers are kept while the store does not change, since many analysts open
the same view.
"""

# No `from __future__ import annotations`: the routes' annotations name the app's filter
# dependency, imported inside `dashboard_router`, and FastAPI must see them as objects.
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Path as PathParam, Query, Request

from ..events.merge import same_event
from ..store import queries as Q
from ..store import tiles

# A cell is 360 / 2**level degrees; the map's world is 256 * 2**zoom pixels across 360,
# so level = zoom + 2 makes a cell 64 pixels on screen.
LEVELS_ABOVE_ZOOM = 2
MAX_ZOOM = 18
MAX_VIEW_CELLS = 2_048  # more than a 2560 x 1440 screen holds; a bigger ask is not a map's
WORLD = "-180,-90,180,90"


def level_for(zoom: int) -> int:
    return min(tiles.BITS, zoom + LEVELS_ABOVE_ZOOM)


def dashboard_router() -> APIRouter:
    """The routes, made when the app is (they take the event filters the app defines)."""
    from .app import EventFilter, _bbox

    router = APIRouter(prefix="/api", tags=["dashboard"])
    @router.get("/map", summary="The map's clusters: matching events with coordinates, counted per grid cell of the view")
    def map_clusters(
        request: Request,
        f: EventFilter,
        view: Annotated[str, Query(description="The map's view: west,south,east,north in degrees (west > east across the antimeridian).", max_length=100)] = WORLD,
        zoom: Annotated[int, Query(ge=0, le=MAX_ZOOM, description="The map's zoom; a cell is about 64 pixels at it.")] = 2,
    ) -> Any:
        level = level_for(zoom)
        box = _bbox(view)
        if tiles.cells_across(box, level) > MAX_VIEW_CELLS:
            raise Q.QueryError(f"view: too large for zoom {zoom} (more than {MAX_VIEW_CELLS} cells)")
        cells = tiles.cells_covering(box, level)

        def make() -> dict[str, Any]:
            with request.app.state.reads.connection() as conn:
                clusters = Q.map_cells(conn, f, cells, level)
            return {"zoom": zoom, "cell": tiles.cell_size(level), "events": sum(c["count"] for c in clusters), "clusters": clusters}

        return request.app.state.answers.answer(request, make)

    @router.get("/map/extent", summary="How many matching events have coordinates, and the box around them")
    def map_extent(request: Request, f: EventFilter) -> Any:
        def make() -> dict[str, Any]:
            with request.app.state.reads.connection() as conn:
                return Q.located_extent(conn, f)

        return request.app.state.answers.answer(request, make)

    @router.get(
        "/events/{event_id}/corroboration",
        summary="Other articles that report the same event (same type, place, date and sides, by the merge rule)",
    )
    def corroboration(request: Request, event_id: Annotated[int, PathParam(ge=1, le=Q.SQL_INT_MAX)]) -> dict[str, Any]:
        with request.app.state.reads.connection() as conn:
            ev = Q.event_by_id(conn, event_id)
            if ev is None:
                raise HTTPException(404, f"no event {event_id}")
            candidates = Q.corroboration_candidates(conn, ev)
        reports = [c for c in candidates if same_event(ev, c)]
        return {
            "event": ev,
            "reports": [
                {
                    "event_id": c["id"],
                    "article_id": c["article_id"],
                    "title": c["article_title"],
                    "published": c["published"],
                    "event_date": c["event_date"],
                    "location": c["location"],
                    "fatalities": c["fatalities"],
                    "attribution": c["attribution"],
                    # a version of the same story is a copy, not an independent report
                    "same_story": c["story"] is not None and c["story"] == ev["story"],
                }
                for c in reports
            ],
        }

    return router
