import json
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("DATELINE_SHARED", ROOT.parent / "shared"))


def shared_path(*parts: str) -> Path:
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"needs ../shared ({path} is absent)")
    return path


def load_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="session")
def seed_corpus() -> Path:
    return shared_path("corpus", "reuters-islamic-state-2017-2019.txt")


@pytest.fixture(scope="session")
def seed_gold() -> list[dict]:
    return load_jsonl(shared_path("gold", "seed.jsonl"))


@pytest.fixture(scope="session")
def nlp():
    from dateline.pipeline import load_pipeline

    return load_pipeline()
