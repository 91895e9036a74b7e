"""`gigsim experiment`: runs side by side as child processes, the manifest, resume, failures,
Ctrl-C, branching from a shared prefix, and bad experiment files.

The fixtures in tests/fixtures/experiments/ are a tiny market (300 freelancers, 12 weeks) and
two policies that start at weeks 6 and 8, so the runs take a fraction of a second each.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from pathlib import Path
from typing import Dict

import h5py
import pytest

from conftest import REPO_ROOT, binary_path, run_gigsim
from test_determinism import assert_bit_identical, walk

FIXTURES = REPO_ROOT / "tests" / "fixtures" / "experiments"
TWO_POLICIES = FIXTURES / "two_policies.toml"


def experiment(*args: object, timeout: float = 300) -> subprocess.CompletedProcess:
    return run_gigsim(["experiment", *map(str, args)], timeout=timeout)


def manifest(directory: Path) -> Dict[str, object]:
    return json.loads((directory / "manifest.json").read_text())


def runs_by_id(directory: Path) -> Dict[str, Dict[str, object]]:
    return {run["id"]: run for run in manifest(directory)["runs"]}


def file_status(path: Path) -> str:
    with h5py.File(path, "r", locking=False) as f:
        return str(f.attrs["status"])


def write_experiment(path: Path, text: str) -> Path:
    """An experiment file next to the fixture scenarios' absolute paths."""
    path.write_text(text.replace("FIXTURES", FIXTURES.as_posix()))
    return path


@pytest.fixture(scope="module")
def two_policies(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The two-policy fixture experiment, run once with 2 runs side by side."""
    directory = tmp_path_factory.mktemp("two_policies") / "out"
    result = experiment(TWO_POLICIES, "-o", directory, "--jobs", "2")
    assert result.returncode == 0, result.stderr
    return directory


def test_manifest_lists_every_run_complete_with_its_file(two_policies: Path) -> None:
    data = manifest(two_policies)
    assert data["filetype"] == "gigsim-experiment"
    assert data["format_version"] == [1, 0]
    assert data["experiment_file"] == str(TWO_POLICIES)
    assert data["experiment"] == TWO_POLICIES.read_text()
    assert data["replicates"] == 2 and data["seed"] == 7
    assert data["sweep"] == {"method": "none", "points": 1, "parameters": [], "lhs_seed": None}
    assert [s["name"] for s in data["scenarios"]] == ["baseline", "tiny_fee_cut", "tiny_min_rate"]
    for key in ("gigsim_version", "git_commit", "created", "updated"):
        assert data[key]
    # 3 scenarios x 1 point x 2 replicates, scenario by scenario.
    ids = [run["id"] for run in data["runs"]]
    assert ids == [f"{s}/p000/rep{r}" for s in ("baseline", "tiny_fee_cut", "tiny_min_rate")
                   for r in (0, 1)]
    for run in data["runs"]:
        assert run["status"] == "complete", run
        assert run["error"] == ""
        assert run["wall_seconds"] > 0
        assert run["point"] == "p000" and run["point_index"] == 0 and run["parameters"] == {}
        assert run["path"] == f"runs/{run['id']}.h5"
        path = two_policies / run["path"]
        assert file_status(path) == "complete"
        with h5py.File(path, "r") as f:
            # Common random numbers: replicate r of every scenario has seed 7, replicate r.
            assert int(f.attrs["seed"]) == 7 == run["seed"]
            assert int(f.attrs["replicate"]) == run["replicate"]
    # The shared prefixes are removed once every run that continued from them is complete.
    assert not (two_policies / "prefixes").exists()


def test_branched_runs_are_identical_to_scenarios_run_alone(two_policies: Path,
                                                            tmp_path: Path) -> None:
    # Each run continued from the shared prefix of weeks 0-5; run alone, from week 0, it must
    # give the same datasets bit for bit (root attributes of the execution aside).
    for run in manifest(two_policies)["runs"]:
        scenario = {"baseline": "tiny.toml"}.get(run["scenario"], f"{run['scenario']}.toml")
        alone = tmp_path / f"{run['scenario']}-{run['replicate']}.h5"
        result = run_gigsim(["run", FIXTURES / scenario, "-o", alone, "--quiet", "--threads", "1",
                             "--set", "run.seed=7", "--set", f"run.replicate={run['replicate']}"])
        assert result.returncode == 0, result.stderr
        datasets_a, attributes_a = walk(two_policies / run["path"])
        datasets_b, attributes_b = walk(alone)
        assert datasets_a.keys() == datasets_b.keys()
        for name in datasets_a:
            assert_bit_identical(datasets_a[name], datasets_b[name], f"{run['id']}:{name}")
        assert attributes_a["/"]["scenario"] == attributes_b["/"]["scenario"]


def test_policies_leave_the_weeks_before_them_untouched(two_policies: Path) -> None:
    # Replicate r of every scenario shares its random streams: before the fee cut (week 6) the
    # fee-cut run equals the baseline week for week; after it, platform revenue differs.
    with h5py.File(two_policies / "runs/baseline/p000/rep0.h5", "r") as base, \
            h5py.File(two_policies / "runs/tiny_fee_cut/p000/rep0.h5", "r") as cut:
        before_base = base["market/jobs_filled"][:6]
        assert before_base.tobytes() == cut["market/jobs_filled"][:6].tobytes()
        assert base["market/platform_revenue"][6:].tobytes() != cut["market/platform_revenue"][6:].tobytes()


def test_dry_run_prints_the_runs_and_writes_nothing(tmp_path: Path) -> None:
    directory = tmp_path / "never"
    result = experiment(TWO_POLICIES, "-o", directory, "--dry-run")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"{TWO_POLICIES}: 6 runs (3 scenarios x 1 points x 2 replicates)")
    assert "2 shared prefixes simulated once" in lines[0]
    for run_id in ("baseline/p000/rep0", "tiny_fee_cut/p000/rep1", "tiny_min_rate/p000/rep1"):
        assert any(line.startswith(run_id + "  seed 7") for line in lines), run_id
    assert any("--resume" in line and "rep0-baseline.h5.checkpoint" in line for line in lines)
    assert not directory.exists()


def test_resume_skips_complete_runs_and_redoes_the_others(tmp_path: Path) -> None:
    directory = tmp_path / "out"
    assert experiment(TWO_POLICIES, "-o", directory).returncode == 0
    files = {run_id: directory / run["path"] for run_id, run in runs_by_id(directory).items()}
    created = manifest(directory)["created"]
    # One run lost its file, another was interrupted (its file says so).
    files["tiny_fee_cut/p000/rep1"].unlink()
    with h5py.File(files["baseline/p000/rep0"], "r+") as f:
        f.attrs["status"] = "interrupted"
    before = {run_id: path.stat().st_mtime_ns for run_id, path in files.items() if path.exists()}
    time.sleep(0.05)

    result = experiment(TWO_POLICIES, "-o", directory)
    assert result.returncode == 0, result.stderr
    assert "(4 already complete)" in result.stderr
    assert "2 run in" in result.stdout
    after = {run_id: path.stat().st_mtime_ns for run_id, path in files.items()}
    redone = {run_id for run_id in files if after[run_id] != before.get(run_id)}
    assert redone == {"tiny_fee_cut/p000/rep1", "baseline/p000/rep0"}
    assert all(run["status"] == "complete" for run in manifest(directory)["runs"])
    assert manifest(directory)["created"] == created

    # Nothing left: a third call runs nothing.
    result = experiment(TWO_POLICIES, "-o", directory)
    assert result.returncode == 0
    assert "0 run in" in result.stdout


def test_a_failing_run_is_recorded_and_the_others_complete(tmp_path: Path) -> None:
    exp = write_experiment(tmp_path / "exp.toml", """replicates = 3
[[scenarios]]
path = "FIXTURES/tiny.toml"
""")
    directory = tmp_path / "out"
    assert experiment(exp, "-o", directory).returncode == 0
    # Injected failure: a folder where replicate 1's result file must go.
    target = directory / "runs" / "tiny" / "p000" / "rep1.h5"
    target.unlink()
    target.mkdir()
    result = experiment(exp, "-o", directory)
    assert result.returncode == 1, result.stderr
    runs = runs_by_id(directory)
    assert runs["tiny/p000/rep1"]["status"] == "failed"
    assert "is a directory" in runs["tiny/p000/rep1"]["error"]
    assert "exit code 2" in runs["tiny/p000/rep1"]["error"]
    assert runs["tiny/p000/rep0"]["status"] == "complete"
    assert runs["tiny/p000/rep2"]["status"] == "complete"
    assert "1 failed" in result.stdout
    # Fixed, the same command redoes only the failed run.
    target.rmdir()
    result = experiment(exp, "-o", directory)
    assert result.returncode == 0, result.stderr
    assert "1 run in" in result.stdout
    assert runs_by_id(directory)["tiny/p000/rep1"]["status"] == "complete"


def test_ctrl_c_keeps_finished_files_and_the_manifest_true(tmp_path: Path) -> None:
    # Runs of about a second each, one at a time, so that the interrupt lands mid-experiment.
    exp = write_experiment(tmp_path / "exp.toml", """replicates = 6
set = { "market.initial_freelancers" = 4000, "market.initial_clients" = 400, "run.weeks" = 200 }
[[scenarios]]
path = "FIXTURES/tiny.toml"
""")
    directory = tmp_path / "out"
    with open(tmp_path / "log", "w") as log:
        process = subprocess.Popen([str(binary_path()), "experiment", str(exp), "-o", str(directory),
                                    "--jobs", "1"], stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if (directory / "manifest.json").exists():
                states = [run["status"] for run in manifest(directory)["runs"]]
                if states.count("complete") >= 1 and "running" in states:
                    break
            time.sleep(0.05)
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=120) == 130
    finally:
        if process.poll() is None:
            process.kill()
    runs = manifest(directory)["runs"]
    states = [run["status"] for run in runs]
    assert "running" not in states
    assert states.count("complete") >= 1
    assert states.count("pending") >= 1
    for run in runs:
        path = directory / run["path"]
        if run["status"] == "complete":
            assert file_status(path) == "complete"
        elif run["status"] == "interrupted":
            # Stopped before it created its file, or with the rows so far marked interrupted.
            assert not path.exists() or file_status(path) == "interrupted"
        else:
            assert run["status"] == "pending" and not path.exists()
    complete_before = {run["id"]: (directory / run["path"]).stat().st_mtime_ns
                       for run in runs if run["status"] == "complete"}
    result = experiment(exp, "-o", directory, "--jobs", "2")
    assert result.returncode == 0, result.stderr
    assert all(run["status"] == "complete" for run in manifest(directory)["runs"])
    for run_id, mtime in complete_before.items():
        assert (directory / runs_by_id(directory)[run_id]["path"]).stat().st_mtime_ns == mtime


def test_latin_hypercube_sweep_in_the_manifest_and_the_files(tmp_path: Path) -> None:
    exp = write_experiment(tmp_path / "exp.toml", """[[scenarios]]
path = "FIXTURES/tiny.toml"
[sweep]
method = "lhs"
points = 4
seed = 3
[sweep.parameters]
"market.bid_cost_usd" = { min = 0.0, max = 2.0 }
"market.bids_per_week" = { min = 10, max = 13 }
""")
    directory = tmp_path / "out"
    result = experiment(exp, "-o", directory)
    assert result.returncode == 0, result.stderr
    data = manifest(directory)
    assert data["sweep"] == {"method": "lhs", "points": 4,
                             "parameters": ["market.bid_cost_usd", "market.bids_per_week"],
                             "lhs_seed": 3}
    runs = data["runs"]
    assert [run["point"] for run in runs] == ["p000", "p001", "p002", "p003"]
    costs = [run["parameters"]["market.bid_cost_usd"] for run in runs]
    bids = [run["parameters"]["market.bids_per_week"] for run in runs]
    # Each quarter of [0, 2) holds one point; each of the four integers 10-13 is used once.
    assert sorted(int(cost // 0.5) for cost in costs) == [0, 1, 2, 3]
    assert sorted(bids) == [10, 11, 12, 13]
    for run in runs:
        with h5py.File(directory / run["path"], "r") as f:
            scenario = str(f.attrs["scenario"])
        assert f"bid_cost_usd = {run['parameters']['market.bid_cost_usd']!r}" in scenario
        assert f"bids_per_week = {run['parameters']['market.bids_per_week']}" in scenario


@pytest.mark.parametrize(
    "text, message",
    [
        ("replicates = -1\n[[scenarios]]\npath = \"FIXTURES/tiny.toml\"\n",
         "exp.toml:1:14: replicates: -1 is out of range"),
        ("[[scenarios]]\npath = \"FIXTURES/tiny.toml\"\nset = { \"market.bid_cost_usd\" = \"x\" }\n",
         "exp.toml:3:33: market.bid_cost_usd: expected a number, got the string \"x\""),
        ("[[scenarios]]\npath = \"FIXTURES/nope.toml\"\n", "exp.toml:2:8: scenario file"),
    ],
)
def test_bad_experiment_files_exit_2_with_the_location(tmp_path: Path, text: str,
                                                       message: str) -> None:
    exp = write_experiment(tmp_path / "exp.toml", text)
    directory = tmp_path / "out"
    result = experiment(exp, "-o", directory)
    assert result.returncode == 2
    assert message in result.stderr.replace(str(tmp_path) + "/", "")
    assert not directory.exists()


def test_a_directory_of_another_experiment_is_refused(two_policies: Path, tmp_path: Path) -> None:
    exp = write_experiment(tmp_path / "exp.toml", "replicates = 3\n" +
                           TWO_POLICIES.read_text().replace("replicates = 2\n", "")
                           .replace('path = "', 'path = "FIXTURES/'))
    before = (two_policies / "manifest.json").read_bytes()
    result = experiment(exp, "-o", two_policies)
    assert result.returncode == 2
    assert "describes another experiment" in result.stderr
    assert (two_policies / "manifest.json").read_bytes() == before


def test_a_directory_that_is_not_an_experiment_is_refused(tmp_path: Path) -> None:
    directory = tmp_path / "out"
    directory.mkdir()
    (directory / "notes.txt").write_text("mine")
    result = experiment(TWO_POLICIES, "-o", directory)
    assert result.returncode == 2
    assert "holds no manifest.json" in result.stderr
    assert sorted(p.name for p in directory.iterdir()) == ["notes.txt"]


@pytest.mark.parametrize("example", sorted((REPO_ROOT / "scenarios" / "experiments").glob("*.toml")),
                         ids=lambda path: path.name)
def test_every_example_experiment_plans(example: Path) -> None:
    result = experiment(example, "--dry-run")
    assert result.returncode == 0, result.stderr
    assert " runs (" in result.stdout.splitlines()[0]


def test_missing_output_directory_is_bad_input() -> None:
    result = experiment(TWO_POLICIES)
    assert result.returncode == 2
    assert "missing -o DIR" in result.stderr


def test_slurm_array_shards_then_one_run_records_everything(tmp_path: Path) -> None:
    # scripts/slurm/experiment_array.sbatch as two array tasks would run it, then the follow-up.
    directory = tmp_path / "out"
    script = REPO_ROOT / "scripts" / "slurm" / "experiment_array.sbatch"
    for task in ("0", "1"):
        environment = dict(os.environ, SLURM_ARRAY_TASK_ID=task, SLURM_ARRAY_TASK_COUNT="2",
                           GIGSIM=str(binary_path()))
        result = subprocess.run(["bash", str(script), str(TWO_POLICIES), str(directory)],
                                capture_output=True, text=True, env=environment, timeout=300)
        assert result.returncode == 0, result.stderr
        # Shard 0 takes the first branch group (3 runs), shard 1 the second.
        assert f"3 runs (shard {task}/2 of 6)" in result.stderr
        assert not (directory / "manifest.json").exists()
    files = sorted(directory.glob("runs/*/p000/*.h5"))
    assert len(files) == 6 and all(file_status(path) == "complete" for path in files)
    result = experiment(TWO_POLICIES, "-o", directory)
    assert result.returncode == 0, result.stderr
    assert "(6 already complete)" in result.stderr and "0 run in" in result.stdout
    assert all(run["status"] == "complete" for run in manifest(directory)["runs"])


@pytest.mark.parametrize("shard", ["2/2", "1", "a/3", "-1/2", "0/0"])
def test_bad_shards_are_bad_input(tmp_path: Path, shard: str) -> None:
    result = experiment(TWO_POLICIES, "-o", tmp_path / "out", "--shard", shard)
    assert result.returncode == 2
    assert f"--shard {shard}: expected I/N with 0 <= I < N" in result.stderr


def test_a_complete_file_of_another_run_is_neither_reused_nor_overwritten(tmp_path: Path) -> None:
    first = write_experiment(tmp_path / "first.toml", """seed = 1
[[scenarios]]
path = "FIXTURES/tiny.toml"
""")
    second = write_experiment(tmp_path / "second.toml", """seed = 2
[[scenarios]]
path = "FIXTURES/tiny.toml"
""")
    directory = tmp_path / "out"
    assert experiment(first, "-o", directory).returncode == 0
    (directory / "manifest.json").unlink()  # as a shard would leave it
    result_file = directory / "runs" / "tiny" / "p000" / "rep0.h5"
    before = result_file.read_bytes()
    # Same run id and path, but seed 2: the file there is not this run's result.
    result = experiment(second, "-o", directory)
    assert result.returncode == 1
    run = runs_by_id(directory)["tiny/p000/rep0"]
    assert run["status"] == "failed"
    assert "holds a complete run; use --force to overwrite" in run["error"]
    assert result_file.read_bytes() == before
