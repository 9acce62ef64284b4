#!/usr/bin/env python
"""The behavioural test bank for the event coder (tests/bank/, docs/event-bank.md): every
item through `dateline.extract`, scored capability by capability.

    .venv/bin/python benchmarks/event_bank.py                 # tables
    .venv/bin/python benchmarks/event_bank.py --json          # the same figures as JSON
    .venv/bin/python benchmarks/event_bank.py --failures "Mob violence"
    .venv/bin/python benchmarks/event_bank.py --only Riots --failures Riots
    .venv/bin/python benchmarks/event_bank.py --half odd      # the half the event classifier never saw

The items (one sentence to a short report each, written for the bank) are written to one
JSON Lines file and extracted in one call, so the pipeline loads once; `title` and
`published` are passed through. Each item's expected events are matched to the events
produced for it as ../shared/docs/scoring.md matches gold events, in spirit: one to one,
greedy, only events of the same event_type, best agreement first (same sub-event type,
then actor1, actor2, fatalities). Place and date are not scored here.

- An item passes when every expected event is matched with the right sub-event type and no
  other event is produced (a second row for the same occurrence fails the item).
- Over the matched events of a group, the rates of the right actor1, actor2 and fatalities
  (actors compared as scoring.md does: case folded, a year range such as "(2015-2023)"
  dropped; fatalities exactly, null only equal to null).
- A negative passes when no event at all is produced.

`--failures KEY` prints the failing items whose sub-event type, event type, capability,
negative kind or id prefix is KEY (case ignored; "negatives" for all negatives, "all" for
everything), with what was produced. `--only KEY` runs just the matching items.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from dateline.evaluate.matching import greedy_match  # noqa: E402
from dateline.evaluate.text import fold, same_actor  # noqa: E402
from dateline.evaluate.values import same_value  # noqa: E402

BANK = ROOT / "tests" / "bank"
TAXONOMY = BANK / "taxonomy.json"
NEGATIVES = "negatives"
FIELDS = ("actor1", "actor2", "fatalities")


# ---------------------------------------------------------------- the bank


def taxonomy(path: Path = TAXONOMY) -> dict[str, list[str]]:
    """Event type -> its sub-event types, in taxonomy.md's order."""
    return json.loads(path.read_text(encoding="utf-8"))["event_types"]


def read_bank_file(path: Path) -> tuple[dict, list[dict]]:
    """(header, items) of one bank file. The first line is the header (it has `fields`)."""
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    if not lines:
        raise ValueError(f"{path}: empty bank file")
    header = json.loads(lines[0])
    if "fields" not in header:
        raise ValueError(f"{path}:1: the first line must be the header (with 'fields')")
    items = []
    for number, line in enumerate(lines[1:], start=2):
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ValueError(f"{path}:{number}: not JSON ({exc.msg})") from None
        item["_file"], item["_line"] = path.name, number
        items.append(item)
    return header, items


def load_bank(folder: Path = BANK) -> list[dict]:
    """Every item of every bank file (positives first, negatives last)."""
    items: list[dict] = []
    for path in sorted(folder.glob("*.jsonl"), key=lambda p: (p.stem == NEGATIVES, p.name)):
        items.extend(read_bank_file(path)[1])
    return items


def id_half(item_id: str) -> str:
    """"even" or "odd": the parity of the number an item's id ends with. The learned event
    classifier trains on the even half (tools/train_event_classifier.py); `--half odd` is
    the bank it has not seen."""
    number = item_id.rsplit("-", 1)[-1]
    return "even" if number.isdigit() and int(number) % 2 == 0 else "odd"


def is_negative(item: dict) -> bool:
    return "kind" in item


def keys_of(item: dict, event_type_of: dict[str, str]) -> set[str]:
    """The names `--only` and `--failures` select an item by."""
    if is_negative(item):
        keys = {NEGATIVES, item["kind"]}
    else:
        sub = item["sub_event_type"]
        keys = {sub, event_type_of.get(sub, ""), item.get("capability", "")}
    return {fold(k) for k in keys if k} | {"all"}


def selected(item: dict, key: str, event_type_of: dict[str, str]) -> bool:
    key = fold(key)
    return key in keys_of(item, event_type_of) or fold(item["id"]).startswith(key)


# ---------------------------------------------------------------- running the pipeline


def extract_bank(items: list[dict]) -> dict[str, list[dict]]:
    """Events produced for each item, by id: one JSON Lines input, one `dateline.extract` call."""
    import dateline

    with tempfile.TemporaryDirectory(prefix="event-bank-") as tmp:
        src = Path(tmp) / "bank.jsonl"
        with open(src, "w", encoding="utf-8") as fh:
            for item in items:
                row = {"id": item["id"], "text": item["text"]}
                for name in ("title", "published"):
                    if item.get(name):
                        row[name] = item[name]
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
        articles = dateline.extract(src)
    produced = {art.id: list(art.events) for art in articles}
    missing = [item["id"] for item in items if item["id"] not in produced]
    if missing:
        raise RuntimeError(f"no article came back for {len(missing)} items, e.g. {missing[:3]}")
    return produced


# ---------------------------------------------------------------- scoring


def match(expected: list[dict], produced: list[dict]) -> list[tuple[int, int]]:
    """(produced, expected) pairs: same event_type, best agreement first."""
    found = []
    for p, pe in enumerate(produced):
        for g, ge in enumerate(expected):
            if fold(pe.get("event_type")) != fold(ge.get("event_type")):
                continue
            same_sub = fold(pe.get("sub_event_type")) == fold(ge.get("sub_event_type"))
            misses = sum(not field_right(name, pe, ge) for name in FIELDS)
            found.append(((0 if same_sub else 1, misses), p, g))
    return greedy_match(found)


def field_right(name: str, produced: dict, expected: dict) -> bool:
    if name == "fatalities":
        return same_value(produced.get(name), expected.get(name))
    return same_actor(produced.get(name), expected.get(name))


def judge(item: dict, produced: list[dict]) -> dict:
    """One item's verdict, with what went wrong."""
    expected = item["expect"]
    verdict = {"id": item["id"], "passed": False, "produced": produced, "pairs": [], "missed": [], "extra": []}
    if is_negative(item):
        verdict["passed"] = not produced
        verdict["extra"] = list(range(len(produced)))
        return verdict
    pairs = match(expected, produced)
    verdict["pairs"] = [
        {
            "expected": g,
            "produced": p,
            "sub_event_type": fold(produced[p].get("sub_event_type")) == fold(expected[g].get("sub_event_type")),
            **{name: field_right(name, produced[p], expected[g]) for name in FIELDS},
        }
        for p, g in pairs
    ]
    verdict["missed"] = sorted(set(range(len(expected))) - {g for _, g in pairs})
    verdict["extra"] = sorted(set(range(len(produced))) - {p for p, _ in pairs})
    verdict["passed"] = (
        not verdict["missed"] and not verdict["extra"] and all(pair["sub_event_type"] for pair in verdict["pairs"])
    )
    return verdict


def _rate(hits: int, total: int) -> float | None:
    return round(hits / total, 3) if total else None


def summarise(items: list[dict], verdicts: Iterable[dict]) -> dict:
    """Figures for a group of positive items: pass rate, and field rates over matched events."""
    items = list(items)
    verdicts = list(verdicts)
    pairs = [pair for v in verdicts for pair in v["pairs"]]
    expected_events = sum(len(item["expect"]) for item in items)
    out = {
        "items": len(items),
        "passed": sum(v["passed"] for v in verdicts),
        "events_expected": expected_events,
        "events_found": len(pairs),
        "extra_events": sum(len(v["extra"]) for v in verdicts),
    }
    out["pass_rate"] = _rate(out["passed"], out["items"])
    out["found_rate"] = _rate(out["events_found"], expected_events)
    for name in ("sub_event_type", *FIELDS):
        out[f"{name}_rate"] = _rate(sum(pair[name] for pair in pairs), len(pairs))
    return out


def score_bank(items: list[dict], produced: dict[str, list[dict]], tax: dict[str, list[str]] | None = None) -> dict:
    """All figures: per sub-event type (grouped by event type), per capability, negatives per kind, overall."""
    tax = tax or taxonomy()
    verdicts = {item["id"]: judge(item, produced.get(item["id"], [])) for item in items}
    positives = [item for item in items if not is_negative(item)]
    negatives = [item for item in items if is_negative(item)]

    def group(members: list[dict]) -> dict:
        return summarise(members, (verdicts[m["id"]] for m in members))

    by_sub: dict[str, list[dict]] = defaultdict(list)
    by_capability: dict[str, list[dict]] = defaultdict(list)
    for item in positives:
        by_sub[item["sub_event_type"]].append(item)
        by_capability[item.get("capability") or "(none)"].append(item)
    event_types = {}
    for event_type, subs in tax.items():
        members = [item for sub in subs for item in by_sub.get(sub, [])]
        if members:
            event_types[event_type] = {
                "all": group(members),
                "sub_event_types": {sub: group(by_sub[sub]) for sub in subs if by_sub.get(sub)},
            }
    kinds: dict[str, list[dict]] = defaultdict(list)
    for item in negatives:
        kinds[item["kind"]].append(item)

    def negative_figures(members: list[dict]) -> dict:
        clean = sum(verdicts[m["id"]]["passed"] for m in members)
        return {
            "items": len(members),
            "no_event": clean,
            "no_event_rate": _rate(clean, len(members)),
            "events_produced": sum(len(verdicts[m["id"]]["produced"]) for m in members),
        }

    return {
        "overall": group(positives),
        "negatives": negative_figures(negatives),
        "event_types": event_types,
        "capabilities": {cap: group(members) for cap, members in sorted(by_capability.items())},
        "negative_kinds": {kind: negative_figures(members) for kind, members in sorted(kinds.items())},
        "verdicts": verdicts,
    }


# ---------------------------------------------------------------- printing


def pct(value: float | None) -> str:
    return "   -" if value is None else f"{100 * value:4.0f}"


def positive_row(name: str, fig: dict, indent: int = 2) -> str:
    label = (" " * indent + name)[:44]
    return (
        f"{label:<44} {fig['items']:>5} {pct(fig['pass_rate']):>5} {pct(fig['found_rate']):>6} "
        f"{fig['extra_events']:>5} {pct(fig['sub_event_type_rate']):>5} {pct(fig['actor1_rate']):>5} "
        f"{pct(fig['actor2_rate']):>5} {pct(fig['fatalities_rate']):>5}"
    )


POSITIVE_HEAD = (
    f"{'':<44} {'items':>5} {'pass%':>5} {'found%':>6} {'extra':>5} {'sub%':>5} {'act1%':>5} {'act2%':>5} {'dead%':>5}"
)


def print_report(report: dict, seconds: float | None = None) -> None:
    print("Event bank: pass = every expected event found with the right type and sub-type, and nothing else.")
    print("found% = expected events matched (same event type); extra = events produced beyond the matched ones;")
    print("sub% / act1% / act2% / dead% = right sub-event type, actor1, actor2, fatalities over matched events.\n")
    print(POSITIVE_HEAD)
    for event_type, block in report["event_types"].items():
        print(positive_row(event_type, block["all"], indent=0))
        for sub, fig in block["sub_event_types"].items():
            print(positive_row(sub, fig))
    print(positive_row("OVERALL (positives)", report["overall"], indent=0))

    print(f"\n{'By capability':<44} {'items':>5} {'pass%':>5} {'found%':>6} {'extra':>5} {'sub%':>5} {'act1%':>5} "
          f"{'act2%':>5} {'dead%':>5}")
    for cap, fig in report["capabilities"].items():
        print(positive_row(cap, fig))

    print(f"\n{'Negatives (no event expected)':<44} {'items':>5} {'none%':>6} {'events':>6}")
    for kind, fig in report["negative_kinds"].items():
        print(f"  {kind:<42} {fig['items']:>5} {pct(fig['no_event_rate']):>6} {fig['events_produced']:>6}")
    neg = report["negatives"]
    print(f"{'OVERALL (negatives)':<44} {neg['items']:>5} {pct(neg['no_event_rate']):>6} {neg['events_produced']:>6}")

    overall = report["overall"]
    line = (
        f"\nOVERALL: {overall['items']} items, pass {pct(overall['pass_rate']).strip()}%, "
        f"events found {pct(overall['found_rate']).strip()}%, actor1 {pct(overall['actor1_rate']).strip()}%, "
        f"actor2 {pct(overall['actor2_rate']).strip()}%, fatalities {pct(overall['fatalities_rate']).strip()}%; "
        f"negatives {neg['items']}, no event {pct(neg['no_event_rate']).strip()}%"
    )
    if seconds is not None:
        line += f" ({seconds:.0f} s)"
    print(line)


def brief(event: dict) -> str:
    return (
        f"{event.get('event_type')} / {event.get('sub_event_type')} | {event.get('actor1')} -> "
        f"{event.get('actor2')} | dead {event.get('fatalities')}"
    )


def print_failures(items: list[dict], report: dict, key: str, event_type_of: dict[str, str]) -> None:
    failing = [i for i in items if selected(i, key, event_type_of) and not report["verdicts"][i["id"]]["passed"]]
    print(f"\n{len(failing)} failing items for {key!r}")
    for item in failing:
        verdict = report["verdicts"][item["id"]]
        what = item.get("kind") or f"{item['sub_event_type']}, {item.get('capability')}"
        print(f"\n[{item['id']}] ({what})")
        if item.get("title"):
            print(f"  title: {item['title']}")
        print(f"  text:  {item['text']}")
        for g, exp in enumerate(item["expect"]):
            mark = "MISSED " if g in verdict["missed"] else "       "
            print(f"  expect {mark}{brief(exp)}")
        by_produced = {pair["produced"]: pair for pair in verdict["pairs"]}
        for p, event in enumerate(verdict["produced"]):
            pair = by_produced.get(p)
            if pair is None:
                mark = "EXTRA  "
            else:
                wrong = [name for name in ("sub_event_type", *FIELDS) if not pair[name]]
                mark = ("wrong " + ",".join(wrong) + " ") if wrong else "ok     "
            evidence = (event.get("evidence") or {}).get("text", "")
            print(f"  got    {mark}{brief(event)}")
            if evidence:
                print(f"           from: {evidence[:160]}")


# ---------------------------------------------------------------- command line


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bank", type=Path, default=BANK, help="folder of bank files (default tests/bank)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON instead of tables")
    parser.add_argument("--failures", metavar="KEY", help="print failing items of a sub-event type, event type, "
                        "capability, negative kind or id prefix ('negatives', 'all')")
    parser.add_argument("--only", metavar="KEY", help="run only the items KEY selects (as for --failures)")
    parser.add_argument("--half", choices=("even", "odd"), help="only items whose id ends in an even or odd number "
                        "(the event classifier trains on the even half: 'odd' is the bank it has not seen)")
    args = parser.parse_args(argv)

    tax = taxonomy(args.bank / TAXONOMY.name)
    event_type_of = {sub: et for et, subs in tax.items() for sub in subs}
    try:
        items = load_bank(args.bank)
    except (OSError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.only:
        items = [item for item in items if selected(item, args.only, event_type_of)]
        if not items:
            print(f"error: --only {args.only!r} selects no item", file=sys.stderr)
            return 2
    if args.half:
        items = [item for item in items if id_half(item["id"]) == args.half]
    started = time.perf_counter()
    produced = extract_bank(items)
    seconds = time.perf_counter() - started
    report = score_bank(items, produced, tax)
    if args.json:
        figures = {k: v for k, v in report.items() if k != "verdicts"}
        figures["seconds"] = round(seconds, 1)
        figures["failing"] = sorted(i for i, v in report["verdicts"].items() if not v["passed"])
        print(json.dumps(figures, indent=2, ensure_ascii=False))
    else:
        print_report(report, seconds)
    if args.failures:
        print_failures(items, report, args.failures, event_type_of)
    return 0


if __name__ == "__main__":
    sys.exit(main())
