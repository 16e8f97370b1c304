"""The gold set's inputs: every posting on the labelling to-do list is found, by the pipeline's own
ATS parsers, in the payload and folder the list names; the list is what list_postings.py writes from
the two payload folders; every payload the gold set keeps itself is attributed.

Nothing here looks at an extracted field (the labels must stay blind): only job ids are compared."""

from __future__ import annotations

import hashlib
import importlib.util
import json
from collections import defaultdict
from pathlib import Path

import pytest

from schemas.errors import ConfigError
from tasks.extract import gold
from tests.conftest import REAL_FIXTURES

GOLD_DIR = gold.GOLD.parent.parent
TODO = gold.GOLD.parent / "todo.jsonl"
PAYLOADS = GOLD_DIR / "payloads"


def _todo() -> list[dict]:
    return [json.loads(line) for line in TODO.read_text().splitlines() if line.strip()]


def _list_postings():
    spec = importlib.util.spec_from_file_location("list_postings", GOLD_DIR / "list_postings.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_todo_posting_is_parsed_from_the_folder_it_names():
    by_payload: dict[tuple[str, str, str, str], set[str]] = defaultdict(set)
    for entry in _todo():
        key = (entry["payload_dir"], entry["payload"], entry["source_type"], entry["board"])
        by_payload[key].add(entry["ats_job_id"])
    missing = []
    for (folder, payload, source_type, board), ids in by_payload.items():
        path = gold.payload_path({"payload_dir": folder, "payload": payload}, TODO, REAL_FIXTURES)
        parsed = gold.payload_jobs(path, source_type, board)
        missing += [f"{payload}#{i}" for i in sorted(ids - parsed.keys())]
    assert missing == []
    assert {k[0] for k in by_payload} == {"shared", "gold"}


def test_every_gold_payload_file_is_on_the_todo_list():
    listed = {e["payload"] for e in _todo() if e["payload_dir"] == "gold"}
    assert listed == {p.name for p in PAYLOADS.glob("*.json")}


def test_todo_list_is_what_list_postings_writes(tmp_path: Path):
    out = tmp_path / "todo.jsonl"
    assert _list_postings().main([str(REAL_FIXTURES), "--out", str(out)]) == 0
    assert out.read_text() == TODO.read_text()


def test_a_labelled_posting_keeps_its_id_and_split():
    todo = {e["id"]: e for e in _todo()}
    labelled = [json.loads(line) for line in gold.GOLD.read_text().splitlines() if line.strip()]
    assert labelled
    for entry in labelled:
        assert todo[entry["id"]]["split"] == entry["split"]
        assert todo[entry["id"]]["payload_dir"] == entry.get("payload_dir", "shared")


def test_a_duplicate_across_folders_stays_with_the_shared_payload():
    def row(pid: str, folder: str, text: int) -> dict:
        job = pid.split("#")[1]
        return {
            "id": pid,
            "payload_dir": folder,
            "source_type": "lever",
            "board": "x",
            "ats_job_id": job,
            "_text": text,
        }

    rows = [row("a.json#1", "gold", 900), row("b.json#1", "shared", 10), row("c.json#2", "gold", 10)]
    rows.append(row("d.json#2", "gold", 50))
    assert [r["id"] for r in _list_postings().dedupe(rows)] == ["b.json#1", "d.json#2"]


def test_every_gold_payload_is_attributed_with_its_hash_and_licence():
    provenance = (PAYLOADS / "PROVENANCE.md").read_text()
    licences = {p.stem for p in (PAYLOADS / "LICENSES").glob("*.txt")}
    for path in PAYLOADS.glob("*.json"):
        section = provenance.split(f"## `{path.name}`", 1)
        assert len(section) == 2, f"{path.name} has no section in PROVENANCE.md"
        body = section[1].split("\n## ", 1)[0]
        assert hashlib.sha256(path.read_bytes()).hexdigest() in body, f"{path.name}: sha256 differs"
        repo = body.split("https://github.com/", 1)[1].split()[0].strip("/ ,")
        assert repo.replace("/", "-") in licences, f"{path.name}: no licence text for {repo}"


def test_payload_dir_gold_resolves_next_to_the_gold_file(tmp_path: Path):
    (tmp_path / "payloads").mkdir()
    (tmp_path / "v2").mkdir()
    entry = {"id": "x", "payload_dir": "gold", "payload": "lever_postings_x.json"}
    assert gold.payload_path(entry, tmp_path / "v2" / "gold.jsonl", REAL_FIXTURES) == (
        tmp_path / "payloads" / "lever_postings_x.json"
    )
    assert gold.payload_path({"payload": "p.json"}, tmp_path / "v2" / "gold.jsonl", REAL_FIXTURES) == (
        REAL_FIXTURES / "p.json"
    )
    with pytest.raises(ConfigError, match="payload_dir"):
        gold.payload_path({"id": "x", "payload_dir": "elsewhere", "payload": "p.json"}, TODO, REAL_FIXTURES)
