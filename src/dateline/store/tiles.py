"""Map tiles: each located event's position as one integer, so that the map's grid cells,
at every zoom, are ranges of one index.

The world is cut into 2**BITS columns of 360 / 2**BITS degrees, and rows of the same
height from the south pole up (square cells in degrees). A position's column and row
are interleaved bit by bit (a Morton, or Z-order, code), so the cells of any coarser
level `k` (2**k columns) are runs of consecutive codes: cell (x, y) at level k holds
exactly the codes from `morton(x, y) << 2 * (BITS - k)` up to the next cell's. Counting
a cell is then a walk along an index, with no sorting, however fine the grid.
"""

from __future__ import annotations

BITS = 16  # 360 / 2**16 degrees: cells of about 600 m at the finest level
_SPREAD = ((8, 0x00FF00FF), (4, 0x0F0F0F0F), (2, 0x33333333), (1, 0x55555555))


def _spread(v: int) -> int:
    """0b1011 -> 0b1000101: the bits of `v` moved to the even places."""
    for shift, mask in _SPREAD:
        v = (v | (v << shift)) & mask
    return v


def morton(x: int, y: int) -> int:
    return _spread(x) | (_spread(y) << 1)


def column_row(latitude: float, longitude: float, level: int = BITS) -> tuple[int, int]:
    """The cell at `level` (2**level columns) that holds a position."""
    top = (1 << BITS) - 1
    x = min(top, max(0, int((longitude + 180.0) * (1 << BITS) / 360.0)))
    y = min(top, max(0, int((latitude + 90.0) * (1 << BITS) / 360.0)))
    return x >> (BITS - level), y >> (BITS - level)


def tile_of(latitude: float, longitude: float) -> int:
    return morton(*column_row(latitude, longitude))


def cell_size(level: int) -> float:
    """The side of a cell at `level`, in degrees."""
    return 360.0 / (1 << level)


def cell_codes(x: int, y: int, level: int) -> tuple[int, int]:
    """The codes of cell (x, y) at `level`: from the first, up to (not including) the second."""
    shift = 2 * (BITS - level)
    first = morton(x, y) << shift
    return first, first + (1 << shift)


def cell_bounds(x: int, y: int, level: int) -> tuple[float, float, float, float]:
    """west, south, east, north of cell (x, y) at `level`."""
    size = cell_size(level)
    return x * size - 180.0, y * size - 90.0, (x + 1) * size - 180.0, min(90.0, (y + 1) * size - 90.0)


def tile_sql(latitude: str, longitude: str) -> str:
    """`tile_of` as an SQL expression over two columns (for the store's trigger)."""
    top = (1 << BITS) - 1

    def quantised(value: str, origin: float) -> str:
        return f"MIN({top}, MAX(0, CAST(({value} + {origin}) * {1 << BITS} / 360.0 AS INTEGER)))"

    def spread(v: str) -> str:
        for shift, mask in _SPREAD:
            v = f"(({v} | ({v} << {shift})) & {mask})"
        return v

    return f"({spread(quantised(longitude, 180.0))} | ({spread(quantised(latitude, 90.0))} << 1))"


def cells_covering(view: tuple[float, float, float, float], level: int) -> list[tuple[int, int]]:
    """The cells at `level` that a view (west, south, east, north; west > east when it
    crosses the antimeridian) touches, west to east and south to north."""
    west, south, east, north = view
    size = cell_size(level)
    columns = 1 << level
    rows = max(1, columns // 2)

    def column(lon: float) -> int:
        return min(columns - 1, max(0, int((lon + 180.0) // size)))

    def row(lat: float) -> int:
        return min(rows - 1, max(0, int((lat + 90.0) // size)))

    if west <= east:
        xs = list(range(column(west), column(east) + 1))
    else:
        xs = list(range(column(west), columns)) + list(range(0, column(east) + 1))
    ys = range(row(south), row(north) + 1)
    return [(x, y) for x in xs for y in ys]


def cells_across(view: tuple[float, float, float, float], level: int) -> int:
    """How many cells `cells_covering` would give, without listing them."""
    west, south, east, north = view
    size = cell_size(level)
    width = east - west if west <= east else east + 360.0 - west
    return (int(width // size) + 2) * (int((north - south) // size) + 2)
