"""The extract flow on a real PostgreSQL and Prefect server: results, provenance, calls, cache, resumption."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from extractors.fields.rules_fields import stated_fields
from flows.extract import extract
from schemas.extracted import JobRecord
from tests.extraction.conftest import distinct, llm_settings
from tests.fakes.llm_servers import FakeOllama, good_batch, tokens

pytestmark = pytest.mark.usefixtures("prefect_server")


def _load(db, jobs):
    records = [JobRecord(job=j, extraction=stated_fields(j)) for j in jobs]
    db.upsert_records(records, run_id="ingest", seen_at=datetime.now(UTC))


def _versions(db):
    with db.transaction() as conn:
        return {r["job_uid"]: r["row_version"] for r in conn.execute("SELECT job_uid, row_version FROM jobs")}


def test_extract_flow_stores_tiers_calls_and_is_idempotent(settings, db, tmp_path, real_postings):
    _load(db, real_postings)
    before = _versions(db)
    with FakeOllama(good_batch) as server:
        s = llm_settings(settings, tmp_path, ollama=server.url)
        first = extract(tier="ollama", run_id="run-1", settings=s)
        calls_first = len(server.requests)
        second = extract(tier="ollama", run_id="run-2", settings=s)
    assert first.postings == len(real_postings) and calls_first == 1
    assert second.postings == 0 and len(server.requests) == calls_first  # nothing stale, no call
    after = _versions(db)
    assert all(after[uid] > before[uid] for uid in before)  # summaries changed: the index must see it
    with db.transaction() as conn:
        jobs = conn.execute("SELECT * FROM jobs ORDER BY job_uid").fetchall()
        tiers = conn.execute("SELECT tier, count(*) AS n FROM job_extractions GROUP BY tier").fetchall()
        calls = conn.execute("SELECT * FROM llm_calls").fetchall()
        skills = conn.execute("SELECT count(*) AS n FROM job_skills").fetchone()["n"]
        aliases = conn.execute("SELECT count(*) AS n FROM skill_aliases").fetchone()["n"]
    assert all(j["summary"] for j in jobs)
    assert all(j["field_sources"]["summary"] == "ollama" for j in jobs)
    n = len(real_postings)
    assert {t["tier"]: t["n"] for t in tiers} == {"final": n, "rules": n, "ollama": n}
    assert len(calls) == 1 and calls[0]["run_id"] == "run-1"
    # the counts the server reported for the one request, not merely "some"
    request = server.requests[0]
    assert calls[0]["tokens_in"] == tokens("".join(m["content"] for m in request["messages"]))
    assert calls[0]["tokens_out"] == tokens(good_batch(request).content or "")
    assert (calls[0]["model"], calls[0]["prompt_version"], calls[0]["outcome"]) == (
        "qwen3:4b",
        "extract_batch.v3",
        "ok",
    )
    assert skills > 0 and aliases > 400
    pal = next(j for j in jobs if j["title"].startswith("Backend Software Engineer - Defense"))
    assert (
        pal["countries"] == ["US"] and pal["remote_type"] == "onsite" and pal["job_function"] == "engineering"
    )
    # Salary as stated beside the derived annual USD, and the evidence for the remote type.
    assert (pal["salary_min"], pal["salary_max"], pal["salary_currency"], pal["salary_interval"]) == (
        135000,
        200000,
        "USD",
        "year",
    )
    assert pal["salary_min_usd"] == 135000 and pal["remote_evidence"]


def test_reposted_text_is_a_cache_hit_with_zero_calls(settings, db, tmp_path, palantir):
    jobs = distinct(palantir)[:3]
    _load(db, jobs)
    with FakeOllama(good_batch) as server:
        s = llm_settings(settings, tmp_path, ollama=server.url)
        extract(tier="ollama", run_id="run-1", settings=s)
        assert len(server.requests) == 1
        reposted = [j.model_copy(update={"ats_job_id": f"re-{j.ats_job_id}"}) for j in jobs]
        _load(db, reposted)
        summary = extract(tier="ollama", run_id="run-2", settings=s)
    assert len(server.requests) == 1
    assert summary.postings == 3 and summary.tiers[1].cache_hits == 3 and summary.tiers[1].calls == 0


def test_a_re_ingest_that_resets_values_is_extracted_again_from_cache(settings, db, tmp_path, palantir):
    jobs = distinct(palantir)[:2]
    _load(db, jobs)
    with FakeOllama(good_batch) as server:
        s = llm_settings(settings, tmp_path, ollama=server.url)
        extract(tier="ollama", run_id="run-1", settings=s)
        with db.transaction() as conn:  # a reset stamp, as a changed posting's re-ingest leaves it
            conn.execute("UPDATE jobs SET field_sources = '{}'::jsonb, summary = NULL")
        again = extract(tier="ollama", run_id="run-2", settings=s)
    assert again.postings == 2 and len(server.requests) == 1
    with db.transaction() as conn:
        assert all(r["summary"] for r in conn.execute("SELECT summary FROM jobs"))


def test_failed_postings_are_tried_again_next_run(settings, db, tmp_path, palantir):
    jobs = distinct(palantir)[:2]
    _load(db, jobs)
    down = llm_settings(settings, tmp_path, ollama="http://127.0.0.1:9", tier1_max_attempts=1)
    first = extract(tier="ollama", run_id="run-1", settings=down)
    assert first.postings == 2
    with db.transaction() as conn:
        statuses = [
            r["status"] for r in conn.execute("SELECT status FROM job_extractions WHERE tier = 'final'")
        ]
        outcomes = {r["outcome"] for r in conn.execute("SELECT outcome FROM llm_calls")}
    assert statuses == ["failed", "failed"] and outcomes == {"unreachable"}
    with FakeOllama(good_batch) as server:
        second = extract(
            tier="ollama", run_id="run-2", settings=llm_settings(settings, tmp_path, ollama=server.url)
        )
    assert second.postings == 2 and len(server.requests) == 1


def test_standalone_run_publishes_a_report_that_says_which_tiers_were_off(settings, db, tmp_path, palantir):
    import json

    _load(db, distinct(palantir)[:3])
    s = llm_settings(settings, tmp_path)
    summary = extract(tier="auto", settings=s)
    assert summary.postings == 3
    [path] = list(s.reports_dir.glob("run_*.json"))
    report = json.loads(path.read_text())
    tiers = {t["tier"]: t for t in report["tiers"]}
    assert tiers["rules"]["postings"] == 3
    assert "no JOBMINE_TIER1_URL" in tiers["ollama"]["note"]
    assert "no JOBMINE_OPENAI_API_KEY" in tiers["openai"]["note"]
    assert report["counts"]["escalations_skipped_no_key"] == 3
    assert "sk-" not in path.read_text()
