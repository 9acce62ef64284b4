"""Encodings and line ends: the same article read from every common encoding."""

import pytest

from dateline.read import read_inputs

ARTICLE = (
    "Strike hits depot\r\n\r\nKALAA (Reuters) – A strike hit a depot in Kalaa on Friday, “officials” said.\r\n"
    "\u00a0\r\n"
    "Rescue teams arrived at the café.\r\n"
)


@pytest.mark.parametrize(
    "encoding",
    ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "cp1252"],
)
def test_every_encoding_reads_the_same(tmp_path, encoding):
    f = tmp_path / f"a-{encoding}.txt"
    data = ARTICLE.encode(encoding)
    if encoding in ("utf-16-le", "utf-16-be"):
        pass  # no BOM: detected from the NUL byte pattern
    f.write_bytes(data)
    (art,) = list(read_inputs([str(f)]))
    assert art.title == "Strike hits depot"
    assert art.body == (
        "KALAA (Reuters) – A strike hit a depot in Kalaa on Friday, “officials” said.\n\n"
        "Rescue teams arrived at the café."
    )


def test_old_mac_line_ends(tmp_path):
    f = tmp_path / "mac.txt"
    f.write_bytes(ARTICLE.replace("\r\n", "\r").encode("utf-8"))
    (art,) = list(read_inputs([str(f)]))
    assert art.body.count("\n\n") == 1


def test_directory_and_glob_inputs(tmp_path):
    d = tmp_path / "news"
    (d / "sub").mkdir(parents=True)
    (d / "a.txt").write_text("KALAA (Reuters) – First story about a strike.")
    (d / "sub" / "b.txt").write_text("DORU (Reuters) – Second story about talks.")
    (d / ".hidden.txt").write_text("DORU (Reuters) – Hidden file, not read.")
    assert [a.dateline["places"] for a in read_inputs([str(d)])] == [["KALAA"], ["DORU"]]
    assert len(list(read_inputs([str(d / "**" / "*.txt")]))) == 2


def test_html_page_main_text_and_metadata(tmp_path):
    page = tmp_path / "story.html"
    page.write_text(
        "<html><head><title>Strike hits depot</title>"
        '<meta property="article:published_time" content="2021-06-14T08:00:00Z"></head>'
        "<body><nav>Home | World | Sport</nav><article><h1>Strike hits depot</h1>"
        "<p>KALAA (Reuters) – A strike hit a fuel depot in Kalaa on Monday, killing two guards, police said.</p>"
        "<p>The fire burned for hours before crews put it out, according to a local official.</p>"
        "</article><footer>Copyright notice</footer></body></html>"
    )
    (art,) = list(read_inputs([str(page)]))
    assert art.title == "Strike hits depot"
    assert art.published["source"] == "given" and art.published["date"] == "2021-06-14"
    assert art.body.startswith("KALAA (Reuters) – A strike hit")
    assert "Home | World" not in art.body and "Copyright" not in art.body


def test_jsonl_published_is_carried_through_as_given(tmp_path):
    import json

    f = tmp_path / "a.jsonl"
    f.write_text(
        json.dumps({"id": "x1", "title": "T", "text": "KALAA (Reuters) – A strike on Monday.", "published": "2019-03-04"})
        + "\n"
    )
    (art,) = list(read_inputs([str(f)]))
    assert art.id == "x1"
    assert art.published == {
        "date": "2019-03-04",
        "precision": "day",
        "source": "given",
        "earliest": "2019-03-04",
        "latest": "2019-03-04",
    }
