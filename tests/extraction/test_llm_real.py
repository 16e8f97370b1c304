"""Tiers 1 and 2 against a real model (Gemma 3 270M on llama-cpp-python's server, started by the services
code), over real postings. The model is tiny and its answers are poor: what is tested is that every answer
is either validated or recorded as a failure with its reason, with the server's own token counts and
latencies, and that bounds, timeouts, cache and budget behave. The work per test is a few short postings."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import httpx
import pytest
from pydantic import SecretStr

from extractors.fields.rules_fields import stated_fields
from flows.extract import extract
from schemas.extracted import JobExtracted, JobRecord
from schemas.report import RunReport
from tasks.extract.store import PgAnswerCache
from tasks.extract.tiers import extract_jobs
from tests.extraction.conftest import real_model_settings, short_postings


@pytest.mark.usefixtures("prefect_server")
def test_tier1_real_model_end_to_end_calls_report_and_cache(settings, db, local_llm, real_postings):
    jobs = short_postings(real_postings, 3)
    db.upsert_records(
        [JobRecord(job=j, extraction=stated_fields(j)) for j in jobs], "ingest", datetime.now(UTC)
    )
    s = real_model_settings(settings, local_llm)
    summary = extract(tier="ollama", settings=s)

    with db.transaction() as conn:
        calls = conn.execute("SELECT * FROM llm_calls ORDER BY id").fetchall()
        rows = conn.execute("SELECT job_uid, status FROM job_extractions WHERE tier = 'final'").fetchall()
    print(json.dumps([dict(c) for c in calls], default=str))  # shown with -s: what the model did
    assert calls, "the real server was called"
    for call in calls:
        assert (call["tier"], call["model"], call["prompt_version"]) == (
            "ollama",
            "gemma-3-270m-q4_k_m",
            "extract_batch.v3",
        )
        assert call["latency_ms"] > 0
        # The server's own counts: the system prompt alone is a few hundred real tokens.
        assert call["tokens_in"] > 250
        assert call["outcome"] in ("ok", "partial", "invalid", "truncated")
        assert (call["outcome"] == "ok") == (call["detail"] is None)
        if call["outcome"] != "ok":
            assert call["detail"].split(":")[0] in (
                "schema",
                "invalid_json",
                "truncated",
                "missing_or_duplicate_id",
            )
    # Every posting either has a validated answer (status ok) or is marked failed, and escalates, as designed.
    assert len(rows) == len(jobs)
    ok = {r["job_uid"] for r in rows if r["status"] == "ok"}
    assert {r["status"] for r in rows} <= {"ok", "failed"}

    report = RunReport.model_validate_json(next(s.reports_dir.glob("run_*.json")).read_text())
    tier1 = next(t for t in report.tiers if t.tier == "ollama")
    assert tier1.calls == len(calls) and tier1.usd == 0.0
    assert tier1.tokens_in == sum(c["tokens_in"] for c in calls) > 0
    assert tier1.tokens_out == sum(c["tokens_out"] for c in calls) > 0
    assert 0 < tier1.latency_p50_ms <= tier1.latency_p95_ms
    failed = [c["outcome"] for c in calls if c["outcome"] != "ok"]
    assert tier1.failures == {o: failed.count(o) for o in set(failed)}
    assert tier1.model == "openai_compatible/gemma-3-270m-q4_k_m"
    assert summary.postings == len(jobs)

    # A rerun is served from the cache: answered postings cost no call, only failed ones are asked again.
    rerun = extract_jobs(jobs, s, "ollama", cache=PgAnswerCache(db))
    again = rerun.tiers[1]
    assert again.cache_hits == len(ok)
    assert sum(c.postings for c in rerun.calls.calls) <= (len(jobs) - len(ok)) * s.tier1_max_attempts
    if len(ok) == len(jobs):
        assert again.calls == 0 and again.tokens_in == 0
    for job, ext in zip(jobs, rerun.results, strict=True):
        if job.job_uid in ok:
            assert not ext.failed_tiers and ext.model == "gemma-3-270m-q4_k_m"
            JobExtracted.model_validate(ext.model_dump(), context={"text": job.description_text})


def test_tier1_output_bound_and_timeout_are_recorded_not_fatal(
    base_settings, local_llm, real_postings, tmp_path
):
    jobs = short_postings(real_postings, 1)
    bounded = real_model_settings(base_settings, local_llm, tier1_max_tokens=8, tier1_max_attempts=1)
    result = extract_jobs(jobs, bounded.model_copy(update={"reports_dir": tmp_path}), "ollama")
    [call] = result.calls.calls
    assert call.outcome == "truncated" and call.tokens_out == 8 and "output bound of 8 tokens" in call.detail
    assert result.results[0].failed_tiers == ["ollama"] and result.tiers[1].failures == {"truncated": 1}

    slow = real_model_settings(
        base_settings, local_llm, tier1_max_tokens=16, tier1_max_attempts=1, tier1_timeout_s=0.05
    )
    result = extract_jobs(jobs, slow, "ollama")
    assert [c.outcome for c in result.calls.calls] == ["timeout"]
    assert result.results[0].failed_tiers == ["ollama"] and result.results[0].summary is None
    _wait_idle(local_llm)


def test_tier2_instructor_reasks_on_the_real_model_and_stops_at_the_budget(
    base_settings, local_llm, real_postings
):
    """Instructor's JSON mode against the same server: an answer that fails validation is re-asked (each
    answer one `llm_calls` row with real tokens); priced like a paid API, the budget stops escalation."""
    jobs = short_postings(real_postings, 3)
    s = real_model_settings(base_settings, local_llm).model_copy(
        update={
            "openai_base_url": local_llm,
            "openai_api_key": SecretStr("local"),
            "openai_model": "gemma-3-270m-q4_k_m",
            "openai_mode": "json",
            "openai_text_chars": 400,
            "openai_max_tokens": 200,
            "openai_max_reasks": 1,
            "openai_timeout_s": 600.0,
            "llm_pricing": {"ollama": (0.0, 0.0), "openai": (1000.0, 1000.0)},
            "budget_usd": 0.0001,
        }
    )
    result = extract_jobs(jobs, s, "openai")
    assert result.counts["escalations_skipped_budget"] == len(jobs) - 1  # the first answer spent the budget
    rows = result.calls.calls
    assert rows and all(r.tier == "openai" and r.tokens_in > 300 for r in rows)
    outcomes = [r.outcome for r in rows]
    assert outcomes[:-1] == ["reask"] * (len(rows) - 1)
    assert outcomes[-1] in ("ok", "invalid", "truncated")  # never "timeout" here: the bound is generous
    tier2 = result.tiers[-1]
    assert tier2.postings == 1 and tier2.usd == pytest.approx(sum(r.usd for r in rows)) and tier2.usd > 0.0001
    print(json.dumps({"tier2_outcomes": outcomes}))


def _wait_idle(url: str) -> None:
    """The server finishes a request whose client gave up; wait so the next test is not slowed by it."""
    httpx.post(
        f"{url}/chat/completions",
        json={"messages": [{"role": "user", "content": "hi"}], "max_tokens": 1},
        timeout=120,
    )
