"""Experiment directories for the analysis tests, made of real engine runs.

`make_experiment` runs `gigsim run` once per scenario x sweep point x replicate with the seed
and replicate index the experiment layer uses (every run of replicate r: run.seed = S,
run.replicate = r) and writes DIR/manifest.json and DIR/runs/<scenario>/<point>/rep<r>.h5 in
the layout `gigsim experiment` writes (see gigsim/manifest.py).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence

from conftest import REPO_ROOT, run_gigsim

#: A market of 500 freelancers and 50 clients with a short burn-in: ~0.05 s per run.
TINY_MARKET: Dict[str, Any] = {
    "market.initial_freelancers": 500,
    "market.initial_clients": 50,
    "run.burn_in_weeks": 20,
}


@dataclass
class ScenarioSpec:
    """One scenario of a test experiment: a scenario file (None: the embedded baseline) and
    parameter overrides."""

    path: Optional[Path] = None
    overrides: Dict[str, Any] = field(default_factory=dict)
    #: Master seed of this scenario's runs instead of the experiment's. `gigsim experiment`
    #: never does this (all scenarios share streams); the tests use it for unpaired runs.
    seed: Optional[int] = None


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return value
    return repr(value)


def make_experiment(
    directory: Path,
    scenarios: Dict[str, ScenarioSpec],
    *,
    replicates: int = 3,
    seed: int = 1,
    weeks: int = 40,
    sweep: Optional[List[Dict[str, Any]]] = None,
    market: Optional[Dict[str, Any]] = None,
    threads: int = 1,
) -> Path:
    """Runs every scenario x point x replicate with the engine and writes the manifest.

    ``sweep`` lists the points' parameter values (default: one point without parameters).
    Returns ``directory``.
    """
    directory.mkdir(parents=True, exist_ok=True)
    points = sweep if sweep else [{}]
    base = dict(TINY_MARKET if market is None else market)
    runs = []
    for name, spec in scenarios.items():
        for point_index, parameters in enumerate(points):
            point = f"p{point_index:03d}"
            for replicate in range(replicates):
                run_id = f"{name}/{point}/rep{replicate}"
                relative = Path("runs") / name / point / f"rep{replicate}.h5"
                output = directory / relative
                output.parent.mkdir(parents=True, exist_ok=True)
                settings = {**base, **spec.overrides, **parameters, "run.replicate": replicate}
                args: List[Any] = ["run"]
                if spec.path is not None:
                    args.append(spec.path)
                run_seed = seed if spec.seed is None else spec.seed
                args += ["-o", output, "--seed", run_seed, "--steps", weeks, "--quiet",
                         "--threads", threads]
                for key, value in settings.items():
                    args += ["--set", f"{key}={_value(value)}"]
                started = time.monotonic()
                result = run_gigsim(args)
                assert result.returncode == 0, f"{run_id}: {result.stderr}"
                runs.append({
                    "id": run_id, "scenario": name, "point": point, "point_index": point_index,
                    "parameters": parameters, "replicate": replicate, "seed": run_seed,
                    "status": "complete", "wall_seconds": round(time.monotonic() - started, 3),
                    "error": "", "path": relative.as_posix(),
                })
    parameters_swept = list(dict.fromkeys(key for point in points for key in point))
    manifest = {
        "filetype": "gigsim-experiment", "format_version": [1, 0],
        "experiment_file": "test-experiment.toml", "experiment": "# assembled by the tests\n",
        "gigsim_version": "test", "git_commit": "unknown",
        "created": "2024-01-01T00:00:00Z", "updated": "2024-01-01T00:00:00Z",
        "replicates": replicates, "seed": seed,
        "sweep": {"method": "grid" if sweep else "none", "points": len(points),
                  "parameters": parameters_swept, "lhs_seed": None},
        "scenarios": [
            {"name": name, "path": str(spec.path or "<embedded baseline>"),
             "overrides": spec.overrides}
            for name, spec in scenarios.items()
        ],
        "runs": runs,
    }
    write_manifest(directory, manifest)
    return directory


def read_manifest_json(directory: Path) -> Dict[str, Any]:
    return json.loads((directory / "manifest.json").read_text())


def write_manifest(directory: Path, manifest: Dict[str, Any]) -> None:
    (directory / "manifest.json").write_text(json.dumps(manifest, indent=2))


def python_gigsim(args: Sequence[Any], cwd: Optional[Path] = None,
                  timeout: float = 600) -> subprocess.CompletedProcess:
    """Runs ``python3 -m gigsim ARGS`` with the analysis package on the path."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(
        [str(REPO_ROOT / "analysis"), *filter(None, [os.environ.get("PYTHONPATH")])]
    )
    env.setdefault("MPLBACKEND", "Agg")
    return subprocess.run(
        [sys.executable, "-m", "gigsim", *map(str, args)],
        capture_output=True, text=True, check=False, env=env, cwd=cwd, timeout=timeout,
    )
