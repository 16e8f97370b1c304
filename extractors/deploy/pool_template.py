"""Work pool templates: per-site overrides of job variable defaults, checked before anything is sent."""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Iterable
from typing import Any

from schemas.errors import ConfigError


def parse_assignments(items: Iterable[str]) -> dict[str, Any]:
    """`KEY=VALUE` pairs; a VALUE that is JSON (numbers, objects, lists, true) is taken as JSON."""
    out: dict[str, Any] = {}
    for item in items:
        key, sep, raw = item.partition("=")
        if not sep or not key.strip():
            raise ConfigError(f"--set {item!r} must look like NAME=VALUE")
        try:
            out[key.strip()] = json.loads(raw)
        except json.JSONDecodeError:
            out[key.strip()] = raw
    return out


def with_defaults(template: dict[str, Any], overrides: dict[str, Any]) -> dict[str, Any]:
    """A copy of a base job template whose variables default to `overrides`; unknown names are refused
    (a typo would otherwise be dropped silently by the worker)."""
    out = copy.deepcopy(template)
    props = out.get("variables", {}).get("properties", {})
    unknown = sorted(set(overrides) - set(props))
    if unknown:
        raise ConfigError(f"unknown job variables {unknown}; this pool accepts {sorted(props)}")
    for name, value in overrides.items():
        props[name]["default"] = value
    return out


def with_env(template: dict[str, Any], env: dict[str, str]) -> dict[str, Any]:
    """A copy whose `env` default also holds `env` (values already there win)."""
    out = copy.deepcopy(template)
    var = out["variables"]["properties"]["env"]
    var["default"] = env | (var.get("default") or {})
    return out


def placeholders(template: dict[str, Any]) -> set[str]:
    """Variable names the job configuration refers to as `{{ name }}`."""
    text = json.dumps(template.get("job_configuration", {}))
    return set(re.findall(r"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}", text))
