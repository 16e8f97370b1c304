"""Tier 2 against a local server speaking OpenAI's /v1/chat/completions (tool calls and JSON mode)."""

from __future__ import annotations

import json

from schemas.job import FieldSource
from tasks.extract.tiers import extract_jobs
from tests.extraction.conftest import distinct, llm_settings
from tests.fakes.llm_servers import (
    FakeOllama,
    FakeOpenAI,
    Reply,
    first_user,
    good_answer,
    good_single,
    tokens,
)


def test_tool_calls_mode_one_posting_per_call_with_usage(base_settings, tmp_path, palantir):
    jobs = distinct(palantir)[:3]
    with FakeOpenAI(good_single) as server:
        result = extract_jobs(jobs, llm_settings(base_settings, tmp_path, openai=server.url), "openai")
    assert len(server.requests) == 3
    request = server.requests[0]
    assert request["tools"][0]["function"]["name"] and request["temperature"] == 0
    assert "Authorization" not in json.dumps(request)
    assert all(e.field_tiers["summary"] == FieldSource.openai for e in result.results)
    cost = result.tiers[-1]
    assert (cost.tier, cost.calls, cost.postings) == ("openai", 3, 3)
    prompts = ["".join(str(m.get("content") or "") for m in r["messages"]) for r in server.requests]
    assert cost.tokens_in == sum(tokens(p) for p in prompts)  # what the server counted, summed
    assert cost.tokens_out == sum(tokens(good_single(r).content or "") for r in server.requests)
    assert cost.usd == round((cost.tokens_in * 3 + cost.tokens_out * 12) / 1e6, 6)


def test_json_mode(base_settings, tmp_path, palantir):
    with FakeOpenAI(good_single) as server:
        settings = llm_settings(base_settings, tmp_path, openai=server.url, openai_mode="json")
        result = extract_jobs(palantir[:1], settings, "openai")
    assert "tools" not in server.requests[0]
    assert server.requests[0]["response_format"]["type"] == "json_object"
    assert result.results[0].summary


def test_schema_violation_is_re_asked_then_accepted(base_settings, tmp_path, palantir):
    state = {"n": 0}

    def reply(request):
        state["n"] += 1
        answer = good_answer(first_user(request))
        if state["n"] == 1:
            answer["salary_min_usd"], answer["salary_max_usd"] = 200000, 100000  # min above max
        return Reply(json.dumps(answer))

    with FakeOpenAI(reply) as server:
        result = extract_jobs(
            palantir[:1], llm_settings(base_settings, tmp_path, openai=server.url), "openai"
        )
    assert len(server.requests) == 2
    assert "salary" in json.dumps(server.requests[1]["messages"][-1]).lower()  # the re-ask names the error
    assert [c.outcome for c in result.calls.calls] == ["reask", "ok"]
    assert result.results[0].summary and result.results[0].salary_min_usd is None


def test_bounded_re_asks_then_marked_failed(base_settings, tmp_path, palantir):
    with FakeOpenAI(lambda r: Reply("not json at all")) as server:
        settings = llm_settings(base_settings, tmp_path, openai=server.url, openai_max_reasks=1)
        result = extract_jobs(palantir[:1], settings, "openai")
    assert len(server.requests) == 2
    assert result.results[0].failed_tiers == ["openai"] and result.results[0].summary is None


def test_429_is_retried(base_settings, tmp_path, palantir):
    state = {"n": 0}

    def reply(request):
        state["n"] += 1
        return Reply(status=429) if state["n"] == 1 else good_single(request)

    with FakeOpenAI(reply) as server:
        result = extract_jobs(
            palantir[:1], llm_settings(base_settings, tmp_path, openai=server.url), "openai"
        )
    assert len(server.requests) == 2 and result.results[0].summary


def test_auto_escalates_only_what_tier1_left_weak_and_budget_stops_it(base_settings, tmp_path, real_postings):
    jobs = distinct(real_postings)

    def weak_for_some(request):
        answers = []
        for n, p in enumerate(json.loads(request["messages"][-1]["content"])["postings"]):
            a = good_answer(p, p["id"])
            if n % 2:
                a["confidence"] = 0.3
            answers.append(a)
        return Reply(json.dumps({"postings": answers}))

    with FakeOllama(weak_for_some) as ollama, FakeOpenAI(good_single) as openai:
        settings = llm_settings(
            base_settings, tmp_path, ollama=ollama.url, openai=openai.url, budget_postings=2
        )
        result = extract_jobs(jobs, settings, "auto")
    weak = [e for e in result.results if "low_confidence" in e.escalation_reasons]
    escalated = [e for e in result.results if e.escalation_reasons]
    assert len(weak) == len(jobs) // 2 and len(escalated) < len(jobs)
    assert len(openai.requests) == 2  # the budget allowed two postings
    assert result.counts["escalations_skipped_budget"] == len(escalated) - 2
    assert sum(e.field_tiers.get("summary") == FieldSource.openai for e in result.results) == 2
    ollama_cost = result.tiers[1]
    assert ollama_cost.escalated == len(escalated) and ollama_cost.escalation_rate > 0


def test_usd_budget_stops_escalation(base_settings, tmp_path, palantir):
    jobs = distinct(palantir)[:4]
    with FakeOpenAI(good_single) as server:
        settings = llm_settings(base_settings, tmp_path, openai=server.url, budget_usd=0.000001)
        result = extract_jobs(jobs, settings, "auto")
    assert len(server.requests) == 1  # the first call spent the budget
    assert result.counts["escalations_skipped_budget"] == len(jobs) - 1


def test_no_key_turns_tier2_off_and_says_so(base_settings, tmp_path, palantir):
    result = extract_jobs(palantir[:2], llm_settings(base_settings, tmp_path), "auto")
    openai_cost = result.tiers[-1]
    assert openai_cost.tier == "openai" and "no JOBMINE_OPENAI_API_KEY" in (openai_cost.note or "")
    assert result.counts["escalations_skipped_no_key"] == 2
    assert "sk-" not in openai_cost.model_dump_json()
