"""Validation tools written in Go, installed with `go install` when missing (pinned versions)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

GO_TOOLS = {
    "kubeconform": "github.com/yannh/kubeconform/cmd/kubeconform@v0.8.0",
    "tflint": "github.com/terraform-linters/tflint@v0.64.0",
    "kustomize": "sigs.k8s.io/kustomize/kustomize/v5@v5.7.1",
}


def go_bin() -> Path:
    go = shutil.which("go") or "/usr/local/go/bin/go"
    if not Path(go).exists():
        raise RuntimeError("the Go toolchain is needed to install the validation tools: install Go 1.22+")
    gopath = subprocess.run([go, "env", "GOPATH"], capture_output=True, text=True, check=True).stdout.strip()
    return Path(gopath) / "bin"


def tool(name: str) -> str:
    """Path of a tool on PATH or in GOPATH/bin, installed with `go install` when it is in neither."""
    found = shutil.which(name) or shutil.which(name, path=str(go_bin()))
    if found:
        return found
    go = shutil.which("go") or "/usr/local/go/bin/go"
    subprocess.run(
        [go, "install", GO_TOOLS[name]], check=True, timeout=1200, env=os.environ | {"CGO_ENABLED": "0"}
    )
    return str(go_bin() / name)


def kustomize_build(folder: Path) -> str:
    """`kubectl kustomize` when kubectl is there, else the standalone kustomize."""
    kubectl = shutil.which("kubectl")
    cmd = [kubectl, "kustomize", str(folder)] if kubectl else [tool("kustomize"), "build", str(folder)]
    return subprocess.run(cmd, capture_output=True, text=True, check=True, timeout=120).stdout
