"""`jobmine demo`: the whole pipeline, offline, over a bundled sample of boards served locally."""

from __future__ import annotations

import shutil
from pathlib import Path

from schemas.settings import Settings
from tests.fakes.ats_server import pointed_at
from tests.fakes.synthetic.boards import sample_boards

SAMPLE_DIR = Path(__file__).parent / "sample_boards"


def write_sample(root: Path, seed: int = 7, synthetic_boards: int = 9) -> list[str]:
    """Lay out the bundled real boards plus synthetic ones as the local ATS server expects them."""
    if root.exists():
        shutil.rmtree(root)
    boards: list[str] = []
    for source_dir in sorted(p for p in SAMPLE_DIR.iterdir() if p.is_dir()):
        (root / source_dir.name).mkdir(parents=True, exist_ok=True)
        for payload in sorted(source_dir.glob("*.json")):
            shutil.copy(payload, root / source_dir.name / payload.name)
            boards.append(f"{source_dir.name}:{payload.stem}")
    for (source, token), body in sample_boards(seed=seed, boards=synthetic_boards).items():
        (root / source).mkdir(parents=True, exist_ok=True)
        (root / source / f"{token}.json").write_bytes(body)
        boards.append(f"{source}:{token}")
    return boards


def demo_settings(base: Settings, server_url: str) -> Settings:
    return base.model_copy(update=pointed_at(server_url, eu=False))
