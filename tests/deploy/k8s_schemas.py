"""Kubernetes JSON schemas for kubeconform, made offline from the official OpenAPI document.

kubeconform normally downloads per-kind JSON schemas; here they are derived from `api/openapi-spec/
swagger.json` of the `k8s.io/kubernetes` Go module (fetched with `go mod download`, the same route as
`go install`), the way kubeconform's own `openapi2jsonschema` does it: one standalone, strict schema per
kind, named as kubeconform's `{{ .ResourceKind }}{{ .KindSuffix }}.json` template expects.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

K8S_MODULE = "k8s.io/kubernetes"
K8S_VERSION = "v1.33.4"
_NUMERIC_STRINGS = {
    "io.k8s.apimachinery.pkg.util.intstr.IntOrString",
    "io.k8s.apimachinery.pkg.api.resource.Quantity",
}


def swagger_path(go: str = "go") -> Path:
    """swagger.json of the Kubernetes module, downloaded into the Go module cache when missing."""
    out = subprocess.run(
        [go, "mod", "download", "-json", f"{K8S_MODULE}@{K8S_VERSION}"],
        capture_output=True,
        text=True,
        check=True,
        timeout=900,
        cwd="/",
    )
    return Path(json.loads(out.stdout)["Dir"]) / "api" / "openapi-spec" / "swagger.json"


def write_schemas(swagger: Path, out_dir: Path) -> int:
    """One `<kind>-<group>-<version>.json` per kind; returns how many were written."""
    defs: dict[str, Any] = json.loads(swagger.read_text())["definitions"]
    out_dir.mkdir(parents=True, exist_ok=True)
    written = 0
    for name, schema in defs.items():
        for gvk in schema.get("x-kubernetes-group-version-kind", []):
            group, version, kind = gvk["group"], gvk["version"], gvk["kind"]
            suffix = f"-{group.split('.')[0]}-{version}" if group else f"-{version}"
            standalone = _inline(schema, defs, seen=(name,))
            props = standalone.get("properties", {})
            api_version = f"{group}/{version}" if group else version
            if "apiVersion" in props:
                props["apiVersion"] = {"type": "string", "enum": [api_version]}
            if "kind" in props:
                props["kind"] = {"type": "string", "enum": [kind]}
            (out_dir / f"{kind.lower()}{suffix.lower()}.json").write_text(json.dumps(standalone))
            written += 1
    return written


def _inline(node: Any, defs: dict[str, Any], seen: tuple[str, ...]) -> Any:
    if isinstance(node, list):
        return [_inline(v, defs, seen) for v in node]
    if not isinstance(node, dict):
        return node
    if isinstance(node.get("$ref"), str):
        ref = node["$ref"].removeprefix("#/definitions/")
        if ref in _NUMERIC_STRINGS:
            return {"type": ["string", "number"]}
        if ref in seen:  # recursive types (JSONSchemaProps): accept anything below
            return {}
        return _inline(defs[ref], defs, (*seen, ref))
    out = {k: _inline(v, defs, seen) for k, v in node.items() if not k.startswith("x-kubernetes-")}
    if node.get("format") == "int-or-string":
        return {"type": ["string", "integer"]}
    if "properties" in out and "additionalProperties" not in out:
        out["additionalProperties"] = False  # strict: a misspelt field is an error
    return out
