"""Site values for a pool's job variables: parsed from `--set`, checked against the template."""

from __future__ import annotations

import json

import pytest

from extractors.deploy.pool_template import parse_assignments, placeholders, with_defaults, with_env
from flows.cli.main import main
from schemas.errors import ConfigError
from schemas.settings import REPO_ROOT

ECS = json.loads((REPO_ROOT / "infra" / "pools" / "ecs.json").read_text())


def test_assignments_take_json_or_text():
    got = parse_assignments(["cpu=2048", "cluster=prod", 'env={"A": "1"}', "flag=true", "empty="])
    assert got == {"cpu": 2048, "cluster": "prod", "env": {"A": "1"}, "flag": True, "empty": ""}
    with pytest.raises(ConfigError, match="NAME=VALUE"):
        parse_assignments(["no-equals-sign"])


def test_defaults_are_set_on_a_copy_and_typos_are_refused():
    out = with_defaults(ECS, {"cpu": 4096, "cluster": "prod"})
    assert out["variables"]["properties"]["cpu"]["default"] == 4096
    assert ECS["variables"]["properties"]["cpu"]["default"] == 1024  # the original is untouched
    with pytest.raises(ConfigError, match="unknown job variables \\['clsuter'\\]"):
        with_defaults(ECS, {"clsuter": "prod"})
    env = with_env(out, {"JOBMINE_WORKDIR": "/srv/jobmine", "JOBMINE_CONTACT": "ignored"})
    default_env = env["variables"]["properties"]["env"]["default"]
    assert default_env["JOBMINE_WORKDIR"] == "/srv/jobmine"
    assert (
        default_env["JOBMINE_CONTACT"] == ECS["variables"]["properties"]["env"]["default"]["JOBMINE_CONTACT"]
    )
    assert {"image", "cpu", "memory", "secrets", "task_role_arn"} <= placeholders(ECS)


def test_cli_prints_the_template_without_a_server(capsys):
    assert main(["deploy", "--pool", "k3s", "--set", "namespace=prod", "--print-template"]) == 0
    template = json.loads(capsys.readouterr().out)
    assert template["variables"]["properties"]["namespace"]["default"] == "prod"
    assert main(["deploy", "--pool", "k3s", "--set", "nmespace=prod", "--print-template"]) == 2
    assert "unknown job variables" in capsys.readouterr().err


def test_deploy_reads_the_project_from_the_working_folder_or_project_dir(capsys, tmp_path, monkeypatch):
    """prefect.yaml and infra/pools/ come from the working folder or --project-dir, never from the
    package's folder (an installed wheel ships neither)."""
    monkeypatch.chdir(tmp_path)
    assert main(["deploy", "--pool", "local", "--print-template"]) == 2
    err = capsys.readouterr().err
    assert "prefect.yaml" in err and "--project-dir" in err and len(err.strip().splitlines()) == 1
    args = ["deploy", "--pool", "local", "--print-template", "--project-dir", str(REPO_ROOT)]
    assert main(args) == 0
    env = json.loads(capsys.readouterr().out)["variables"]["properties"]["env"]["default"]
    assert env["JOBMINE_WORKDIR"] == str(REPO_ROOT)


def test_an_unreachable_prefect_api_is_one_clear_line(capsys):
    from prefect.settings import PREFECT_API_URL, temporary_settings

    from tests.conftest import free_port

    with temporary_settings({PREFECT_API_URL: f"http://127.0.0.1:{free_port()}/api"}):
        assert main(["deploy", "--pool", "local", "--pool-only"]) == 2
    assert "Prefect API is not reachable" in capsys.readouterr().err
