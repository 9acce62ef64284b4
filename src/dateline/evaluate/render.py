"""The score as Rich tables: articles, detection (P/R/F1), and figures over matched items."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table


def fmt(value: float | None) -> str:
    return "—" if value is None else f"{value:.3f}"


def fraction(r: dict) -> str:
    return f"{r['right']}/{r['total']}"


def _rate_row(table: Table, label: str, r: dict) -> None:
    table.add_row(label, fraction(r), fmt(r["rate"]))


def articles_table(result: dict) -> Table:
    a = result["articles"]
    t = Table(title="Articles", caption="exact match over paired articles", title_justify="left")
    t.add_column("measure")
    t.add_column("right", justify="right")
    t.add_column("rate", justify="right")
    _rate_row(t, "found", a["found"])
    labels = {
        "title": "title", "byline": "byline", "dateline_places": "dateline places",
        "dateline": "dateline (places, country, agency)", "credits": "credits", "body": "body",
        "captions": "captions",
    }
    for key, label in labels.items():
        _rate_row(t, label, a[key])
    _rate_row(t, "published (in window, precision no coarser)", a["published"])
    _rate_row(t, "published in window", a["published_in_window"])
    _rate_row(t, "duplicate_of", a["duplicate_of"])
    return t


def detection_rows(result: dict) -> list[tuple[str, dict | None, str, str]]:
    """(label, P/R/F1 figures or None when no gold article was coded for it, opt, dup)."""
    ev, q = result["events"], result["quotes"]

    def scored(section: str, figures: dict) -> dict | None:
        return figures if result[section].get("articles_scored", 1) else None

    rows: list[tuple[str, dict | None, str, str]] = [("story pairs", result["articles"]["stories"], "", "")]
    for line in ("strict", "lenient"):
        f = ev[line]
        rows.append((f"events {line}", scored("events", f), str(f["matched_optional"]), str(f["duplicates"])))
        rows.append((f"events {line} exact", scored("events", f["exact"]), "", ""))
    rows += [
        ("places", scored("places", result["places"]), "", ""),
        ("quotes direct", scored("quotes", q["direct"]), "", ""),
        ("quotes indirect", scored("quotes", q["indirect"]), "", ""),
        ("quantities", scored("quantities", result["quantities"]), "", ""),
    ]
    return rows


def detection_table(result: dict) -> Table:
    t = Table(
        title="Detection",
        caption=result["averaging"] + "\nevents lenient: the date condition dropped; exact: every field an"
        " analyst counts on right (sub-event type, actors, fatalities, place within 25 km, date);"
        " —: no gold article was coded for it; opt: predictions on optional gold events, neither right nor wrong; dup: unmatched predictions"
        " of an occurrence already matched (duplicate rate = dup / predictions not on optional gold)",
        title_justify="left",
    )
    t.add_column("", no_wrap=True)
    for col in ("P", "R", "F1", "tp", "fp", "fn", "opt", "dup"):
        t.add_column(col, justify="right")
    for label, f, opt, dup in detection_rows(result):
        if f is None:
            t.add_row(label, "—", "—", "—", "", "", "", "", "")
            continue
        t.add_row(label, fmt(f["precision"]), fmt(f["recall"]), fmt(f["f1"]), str(f["tp"]), str(f["fp"]), str(f["fn"]),
                  opt, dup)
    rate_line = result["events"]["strict"].get("duplicate_rate")
    if rate_line is not None:
        t.caption += f"\nevents strict duplicate rate: {rate_line:.3f}"
    return t


def matched_table(result: dict) -> Table:
    t = Table(title="Over matched items", caption="micro-averaged", title_justify="left")
    t.add_column("")
    t.add_column("measure")
    t.add_column("right", justify="right")
    t.add_column("rate", justify="right")
    for line in ("strict", "lenient"):
        for name, r in result["events"][line]["matched"].items():
            _rate_row_with(t, f"events {line}", name, r)
    p = result["places"]
    for name in ("within_161km", "within_25km", "country_code", "unlocated_gold_left_null"):
        _rate_row_with(t, "places", name, p[name])
    for kind in ("direct", "indirect"):
        _rate_row_with(t, f"quotes {kind}", "speaker", result["quotes"][kind]["speaker"])
    for name in ("values", "claimant"):
        _rate_row_with(t, "quantities", name, result["quantities"][name])
    return t


def _rate_row_with(table: Table, group: str, label: str, r: dict) -> None:
    table.add_row(group, label.replace("_", " "), fraction(r), fmt(r["rate"]))


def per_article_table(result: dict) -> Table:
    t = Table(title="Per article", title_justify="left")
    t.add_column("gold id", no_wrap=True)
    for col in ("paired by", "wrong fields", "events F1", "places F1", "direct F1", "indirect F1", "quantities F1"):
        t.add_column(col)
    for entry in result["per_article"]:
        fields: Any = entry["articles"]["details"]
        wrong = "not found" if not fields.get("found") else ", ".join(fields.get("wrong", [])) or "—"
        t.add_row(
            entry["gold_id"],
            entry["paired_by"] or "—",
            wrong,
            fmt(entry["events"]["figures"]["strict"]["f1"]),
            fmt(entry["places"]["figures"]["f1"]),
            fmt(entry["quotes"]["figures"]["direct"]["f1"]),
            fmt(entry["quotes"]["figures"]["indirect"]["f1"]),
            fmt(entry["quantities"]["figures"]["f1"]),
        )
    return t


def render(result: dict, console: Console | None = None, per_article: bool = False) -> None:
    console = console or Console(highlight=False)
    a = result["articles"]
    head = f"[bold]dateline eval[/]: {a['found']['right']} of {a['gold']} gold articles found"
    head += f" ({a['predicted']} predicted"
    if a["unpaired_predicted"]:
        head += f", {len(a['unpaired_predicted'])} with no gold partner, not scored"
    head += ")"
    console.print(head)
    console.print(articles_table(result))
    console.print(detection_table(result))
    console.print(matched_table(result))
    if per_article:
        console.print(per_article_table(result))
