"""The ATS registry: one spec per source type, the settings that point an ATS elsewhere, one route table."""

from __future__ import annotations

from typing import get_args

import pytest

from extractors.ats import ATS, DISCOVERABLE, api_url, eu_api_url, spec_of
from extractors.discover.board_urls import JUNK_SEGMENTS
from schemas.errors import ConfigError
from schemas.job import SOURCE_TYPES, SourceType
from schemas.settings import Settings
from tests.fakes.ats_server import AtsServer, pointed_at


def test_registry_is_the_source_type_contract():
    assert tuple(ATS) == get_args(SourceType) == SOURCE_TYPES
    assert all(spec.source_type == source for source, spec in ATS.items())
    assert DISCOVERABLE == ("greenhouse", "lever", "ashby") and set(JUNK_SEGMENTS) == set(DISCOVERABLE)
    with pytest.raises(ConfigError, match="unknown ATS 'taleo'"):
        spec_of("taleo")


def test_public_hosts_named_overrides_and_the_generic_mapping():
    public = Settings(_env_file=None)
    assert api_url(public, "greenhouse") == "https://boards-api.greenhouse.io"
    assert eu_api_url(public, "lever") == "https://api.eu.lever.co"
    assert eu_api_url(public, "ashby") is None
    local = Settings(
        _env_file=None, greenhouse_api_url="http://127.0.0.1:9/", ats_api_urls={"greenhouse": "x"}
    )
    assert api_url(local, "greenhouse") == "http://127.0.0.1:9"  # the named field wins
    assert eu_api_url(local, "greenhouse") is None  # a local main host has no public EU twin
    mapped = Settings(_env_file=None, ats_api_urls={"workable": "http://w/", "lever_eu": "http://l/eu"})
    assert api_url(mapped, "workable") == "http://w"
    assert eu_api_url(mapped, "lever") == "http://l/eu" and api_url(mapped, "lever") == "https://api.lever.co"


def test_env_names_still_steer_an_ats(monkeypatch):
    monkeypatch.setenv("JOBMINE_SMARTRECRUITERS_API_URL", "http://127.0.0.1:1")
    monkeypatch.setenv("JOBMINE_ATS_API_URLS", '{"ashby": "http://127.0.0.1:2"}')
    settings = Settings(_env_file=None)
    assert (api_url(settings, "smartrecruiters"), api_url(settings, "ashby")) == (
        "http://127.0.0.1:1",
        "http://127.0.0.1:2",
    )


def test_paths_are_path_safe_and_every_route_is_served_by_the_fake():
    gh, lever, sr = ATS["greenhouse"], ATS["lever"], ATS["smartrecruiters"]
    assert gh.path(gh.list_path, token="a/../b") == "/v1/boards/a%2F..%2Fb/jobs"
    assert lever.validation_path("palantir") == "/v0/postings/palantir?mode=json&limit=1000"
    for spec in ATS.values():
        found = AtsServer.route(spec.path(spec.list_path, token="acme"))
        assert found is not None and (found[0], found[1], found[2]) == (spec, "list", {"token": "acme"})
    assert AtsServer.route("/eu" + sr.path(sr.detail_path or "", token="Co", id="7"))[1:] == (
        "detail",
        {"token": "Co", "id": "7"},
    )
    assert AtsServer.route("/v1/boards/acme/jobs/extra") is None


def test_pointed_at_sends_every_ats_and_eu_host_to_one_server():
    settings = Settings(_env_file=None, lever_api_url="https://elsewhere").model_copy(
        update=pointed_at("http://127.0.0.1:5")
    )
    assert {api_url(settings, s) for s in ATS} == {"http://127.0.0.1:5"}
    assert [eu_api_url(settings, s) for s in ATS] == ["http://127.0.0.1:5/eu"] * 2 + [None] * 3
