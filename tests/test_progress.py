"""Progress on long runs: a total, a percentage and an ETA in a terminal; a plain line
every ten seconds in a log (nohup, Slurm, CI); nothing when turned off."""

from __future__ import annotations

import io

from rich.console import Console

from dateline.cli.extract import ArticleProgress
from dateline.run import run_extract
from dateline.sample import SAMPLE_CORPUS


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def console(terminal: bool) -> tuple[Console, io.StringIO]:
    buf = io.StringIO()
    return Console(file=buf, force_terminal=terminal, width=160, color_system=None), buf


def test_a_log_gets_a_plain_line_every_ten_seconds_with_total_percentage_and_eta():
    con, buf = console(terminal=False)
    clock = Clock()
    with ArticleProgress(console=con, clock=clock) as bar:
        bar.total(200)
        for t in range(1, 26):  # one article a second... then a batch of 10 at 25 s
            clock.now = float(t)
            bar.advance(10 if t == 25 else 1)
    lines = buf.getvalue().splitlines()
    assert lines == [
        "extracting: 10/200 articles (5%), 1.0 articles/s, about 3 min 10 s left",
        "extracting: 20/200 articles (10%), 1.0 articles/s, about 3 min 00 s left",
    ]


def test_a_terminal_gets_a_bar_with_the_total_a_percentage_and_an_eta():
    con, buf = console(terminal=True)
    clock = Clock()
    with ArticleProgress(console=con, clock=clock) as bar:
        bar.total(12)
        bar.advance(3)
    shown = buf.getvalue()
    assert "3/12" in shown and "25%" in shown and "ETA" in shown


def test_no_progress_means_nothing_written():
    for terminal in (True, False):
        con, buf = console(terminal)
        clock = Clock()
        with ArticleProgress(False, console=con, clock=clock) as bar:
            bar.total(5)
            clock.now = 60.0
            bar.advance(5)
        assert buf.getvalue() == ""


def test_the_run_tells_the_total_once_the_reader_has_counted(tmp_path):
    totals: list[int] = []
    summary = run_extract([str(SAMPLE_CORPUS)], tmp_path / "out.jsonl", language=False, on_total=totals.append)
    assert totals == [summary.articles] and summary.articles > 1
