"""The performance figures of issue 6, measured on this machine and written to `benchmarks/results.md`.

    python -m benchmarks.run [--repeat 3] [--scales 1,10,100] [--only overhead,inprocess,noop,scaling,cli,refusal] [--out F]

Every figure is the median of `--repeat` runs with its spread (min–max). Commands run as users run them, in fresh
processes, against throw-away workspaces under `benchmarks/out/` (git + DVC + MLflow SQLite, like the tests'):
a. overhead: `socle run NAME --force` against `python -m benchmarks.bare NAME --review` (same data, model, scores
   and reviewer's evidence, no Prefect, MLflow, GX or DVC), three projects at 1×, 10× and 100× their default rows, with Prefect's temporary
   API and with the workspace's local Prefect server already running (`socle prefect start`); plus the added cost per project inside one process;
b. no-op: `socle run --all` when nothing changed;
c. nightly: every project, one by one and on a local Dask cluster of two workers, and a nightly with nothing changed;
d. scaling: GX validation and training time and peak memory against rows;
e. the CLI: `socle --help`, `socle list`;
f. refusal: a delivery that fails its suite, refused by `socle data import` and, recorded with `dvc commit` as a
   supplier could, by `socle run` (temporary API; local server already running).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "benchmarks" / "out"
PROJECTS = ("crmana_implantation", "dgs_signalements", "irsn_siseri")
BIN = Path(sys.executable).parent
QUIET = {"DO_NOT_TRACK": "1", "GX_ANALYTICS_ENABLED": "false", "MLFLOW_DISABLE_TELEMETRY": "true",
         "PREFECT_SERVER_ANALYTICS_ENABLED": "false", "PREFECT_LOGGING_LEVEL": "WARNING",
         # a fresh PREFECT_HOME migrates its database at the first start: 20 s is too short on a busy machine
         "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "180"}


def timed(command: list[str], env: dict[str, str], cwd: Path = REPO, fails: bool = False) -> tuple[float, float, str]:
    """Wall seconds, peak resident memory (MiB) and stdout of one command; an unexpected outcome (a failure, or a
    success where `fails` says the command must refuse) stops the benchmark."""
    with tempfile.NamedTemporaryFile("r") as usage:
        done = subprocess.run(
            ["/usr/bin/time", "-f", "%e %M", "-o", usage.name, *command],
            cwd=cwd, env={**os.environ, **QUIET, **env}, capture_output=True, text=True,
        )
        if (done.returncode != 0) != fails:
            raise RuntimeError(f"{' '.join(command)} exited {done.returncode}:\n{done.stdout[-2000:]}\n{done.stderr[-4000:]}")
        seconds, kib = usage.read().split()[-2:]
    return float(seconds), int(kib) / 1024, done.stdout


def spread(values: list[float]) -> str:
    return f"{statistics.median(values):.2f} ({min(values):.2f}–{max(values):.2f})"


def repeat(times: int, measure: Callable[[], float]) -> list[float]:
    return [measure() for _ in range(times)]


def workspace(folder: Path, rows: dict[str, int]) -> Path:
    """A git + DVC workspace (the tests' own), every other project capped small, and its MLflow store."""
    sys.path.insert(0, str(REPO))
    from tests.conftest import make_workspace

    shutil.rmtree(folder, ignore_errors=True)
    root = make_workspace(folder, rows)
    (root / "mlflow").mkdir(exist_ok=True)
    return root


def socle_env(root: Path, prefect: str = "temporary") -> dict[str, str]:
    """The environment of a `socle` command in the workspace: Prefect's temporary API, or the local server."""
    return {"SOCLE_ROOT": str(root), "MLFLOW_TRACKING_URI": f"sqlite:///{root / 'mlflow' / 'mlflow.db'}",
            "PREFECT_HOME": str(root / ".prefect"), "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}",
            "SOCLE_PREFECT_SERVER": prefect}


def overhead(times: int, scales: list[int]) -> list[str]:
    """Each repeat runs the bare science, `socle run` on Prefect's temporary API and `socle run` on the workspace's
    local Prefect server (already started) one after the other: the three see the same load."""
    defaults = yaml.safe_load((REPO / "params.yaml").read_text())
    lines = ["## a. Overhead of `socle run NAME --force` over the bare science, and over the same steps without Socle IA",
             "", "| project | rows | bare science (s) | bare + GX + MLflow (s) | socle run, temporary API (s) | ratio to bare "
             "| ratio to bare + tools | socle run, local server (s) | ratio to bare | ratio to bare + tools |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    socle = str(BIN / "socle")
    for scale in scales:
        rows = {name: defaults[name]["data"]["rows"] * scale for name in PROJECTS}
        root = workspace(OUT / f"overhead-x{scale}", rows)
        timed([socle, "prefect", "start"], socle_env(root, "local"))
        try:
            for name in PROJECTS:
                bare, tools, temporary, local = [], [], [], []
                script = [sys.executable, "-m", "benchmarks.bare", name, "--review"]
                for _ in range(times):
                    bare.append(timed(script, socle_env(root))[0])
                    tools.append(timed([*script, "--tools"], socle_env(root))[0])
                    temporary.append(timed([socle, "run", name, "--force"], socle_env(root))[0])
                    local.append(timed([socle, "run", name, "--force"], socle_env(root, "local"))[0])
                b, to, te, lo = (statistics.median(v) for v in (bare, tools, temporary, local))
                lines.append(f"| {name} | {rows[name]} | {spread(bare)} | {spread(tools)} | {spread(temporary)} | {te / b:.2f} "
                             f"| {te / to:.2f} | {spread(local)} | {lo / b:.2f} | {lo / to:.2f} |")
                print(lines[-1], flush=True)
        finally:
            timed([socle, "prefect", "stop"], socle_env(root, "local"))
    return lines


def in_process(times: int) -> list[str]:  # section "inprocess"
    """Inside one process (`socle run --all`): each project's flow time against its bare science."""
    root = workspace(OUT / "in-process", {})
    names = yaml.safe_load((root / "params.yaml").read_text())["projects"]
    code = ("import json; from flows.orchestration import pipeline; pipeline.run(%r, force=True); "
            "print(json.dumps({n: o.seconds for n, o in pipeline.run(%r, force=True)}))") % (names, names)
    added: dict[str, list[float]] = {name: [] for name in names}
    sciences: dict[str, list[float]] = {name: [] for name in names}
    for _ in range(times):
        flow = json.loads(timed([sys.executable, "-c", code], socle_env(root))[2].strip().splitlines()[-1])
        for name in names:
            bare = [sys.executable, "-m", "benchmarks.bare", name, "--review"]
            science = json.loads(timed(bare, socle_env(root))[2])
            steps = science["load"] + science["fit"] + science["evaluate"] + science["review"]
            sciences[name].append(steps)
            added[name].append(flow[name] - steps)
    lines = ["## a'. Added cost per project in one warm process (flow time − bare load, fit, evaluate and evidence)",
             "", "| project | science (s) | added (s) |", "|---|---|---|"]
    lines += [f"| {name} | {spread(sciences[name])} | {spread(values)} |" for name, values in added.items()]
    every = [statistics.median(values) for values in added.values()]
    lines += ["", f"Median over the {len(names)} projects: {statistics.median(every):.2f} s, largest {max(every):.2f} s."]
    return lines


def default_rows() -> dict[str, int]:
    params = yaml.safe_load((REPO / "params.yaml").read_text())
    return {name: params[name]["data"]["rows"] for name in params["projects"]}


def noop_and_nightly(times: int) -> list[str]:
    """Every project at its default rows, as the nightly trains them."""
    root = workspace(OUT / "nightly", default_rows())
    env = socle_env(root)
    timed([str(BIN / "socle"), "run", "--all"], env)  # champions for every project
    noop = repeat(times, lambda: timed([str(BIN / "socle"), "run", "--all"], env)[0])
    sequential = repeat(times, lambda: timed([str(BIN / "socle"), "nightly", "--force"], env)[0])
    dask = repeat(times, lambda: timed([str(BIN / "socle"), "nightly", "--force", "--workers", "2"], env)[0])
    quiet = repeat(times, lambda: timed([str(BIN / "socle"), "nightly"], env)[0])
    return ["## b. No-op: `socle run --all` when nothing changed", "", f"{spread(noop)} s for every project.", "",
            "## c. Nightly, every project retrained (`--force`)", "", "| mode | seconds |", "|---|---|",
            f"| one by one | {spread(sequential)} |", f"| local Dask cluster, 2 workers | {spread(dask)} |",
            f"| speed-up | {statistics.median(sequential) / statistics.median(dask):.2f}× |",
            f"| nightly with nothing changed (all skipped) | {spread(quiet)} |"]


def scaling(times: int, scales: list[int]) -> list[str]:
    defaults = yaml.safe_load((REPO / "params.yaml").read_text())
    lines = ["## d. Scaling: GX validation, training and peak memory against rows", "",
             "| project | rows | validate (s) | fit (s) | peak memory (MiB) |", "|---|---|---|---|---|"]
    for scale in scales:
        root = OUT / f"overhead-x{scale}"
        if not root.exists():
            root = workspace(root, {name: defaults[name]["data"]["rows"] * scale for name in PROJECTS})
        for name in PROJECTS:
            runs = [timed([sys.executable, "-m", "benchmarks.bare", name, "--validate"], socle_env(root))
                    for _ in range(times)]
            figures = [json.loads(out) for _, _, out in runs]
            lines.append(f"| {name} | {figures[0]['rows']} | {spread([f['validate'] for f in figures])} "
                         f"| {spread([f['fit'] for f in figures])} | {spread([peak for _, peak, _ in runs])} |")
    return lines


def cli(times: int) -> list[str]:
    root = OUT / "nightly" if (OUT / "nightly").exists() else REPO
    env = socle_env(root)
    help_ = repeat(max(times, 5), lambda: timed([str(BIN / "socle"), "--help"], env)[0])
    listing = repeat(max(times, 5), lambda: timed([str(BIN / "socle"), "list"], env)[0])
    return ["## e. The command line", "", "| command | seconds |", "|---|---|",
            f"| `socle --help` | {spread(help_)} |", f"| `socle list` | {spread(listing)} |"]


def refusal(times: int) -> list[str]:
    """Seconds from the command's start to its refusal of a delivery whose column has the wrong type."""
    import pandas as pd

    name, column = "crmana_implantation", "TAUX_CHOMAGE_IRIS"
    root = workspace(OUT / "refusal", {name: yaml.safe_load((REPO / "params.yaml").read_text())[name]["data"]["rows"]})
    data = root / "data" / name / "dataset.parquet"
    bad = OUT / "refusal-bad.parquet"
    pd.read_parquet(data).assign(**{column: "beaucoup"}).to_parquet(bad)
    socle = str(BIN / "socle")
    imported = repeat(times, lambda: timed([socle, "data", "import", name, str(bad)], socle_env(root), root, fails=True)[0])
    shutil.copy(bad, data)
    subprocess.run([sys.executable, "-m", "dvc", "commit", "-f", "-q", f"ingest@{name}"], cwd=root, check=True)
    temporary = repeat(times, lambda: timed([socle, "run", name, "--force"], socle_env(root), root, fails=True)[0])
    timed([socle, "prefect", "start"], socle_env(root, "local"), root)
    try:
        local = repeat(times, lambda: timed([socle, "run", name, "--force"], socle_env(root, "local"), root, fails=True)[0])
    finally:
        timed([socle, "prefect", "stop"], socle_env(root, "local"), root)
    return ["## f. Refusing a delivery that fails its suite (column of the wrong type)", "",
            "| how the delivery arrives | seconds to the refusal |", "|---|---|",
            f"| `socle data import {name} FILE` | {spread(imported)} |",
            f"| `dvc commit`, then `socle run {name} --force`, temporary API | {spread(temporary)} |",
            f"| `dvc commit`, then `socle run {name} --force`, local server running | {spread(local)} |"]


def machine() -> list[str]:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    memory = next(line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal"))
    return [f"- machine: {os.cpu_count()} cores, {cpu}, {int(memory) / 2**20:.1f} GiB, {platform.platform()}",
            f"- Python {platform.python_version()}; load average at start {os.getloadavg()[0]:.2f}",
            f"- date: {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}"]


SECTIONS = {
    "overhead": overhead, "inprocess": in_process, "noop": noop_and_nightly, "nightly": noop_and_nightly,
    "scaling": scaling, "cli": cli, "refusal": refusal,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--scales", default="1,10,100")
    parser.add_argument("--only", default="overhead,inprocess,noop,scaling,cli,refusal")
    parser.add_argument("--out", type=Path, default=REPO / "benchmarks" / "results.md")
    args = parser.parse_args()
    scales = [int(scale) for scale in args.scales.split(",")]
    lines = ["# Socle IA benchmarks", "", *machine(), f"- repeats: {args.repeat}; figures are median (min–max)", ""]
    for section in dict.fromkeys(SECTIONS[name] for name in args.only.split(",")):
        started = time.monotonic()
        takes_scales = section in (overhead, scaling)
        lines += [*(section(args.repeat, scales) if takes_scales else section(args.repeat)), "",
                  f"_{section.__name__}: measured in {time.monotonic() - started:.0f} s_", ""]
        args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
