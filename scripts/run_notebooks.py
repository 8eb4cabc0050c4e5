"""Executes every notebook under notebooks/ and tutorials/ with the tslab kernel and checks it.

Run through scripts/test-notebooks.sh, which sets JUPYTER_PATH to the repo's private prefix.
A notebook fails when:
  - a cell raises, or the kernel reports an error (tslab's compile errors included);
  - any output is an error, or a stderr stream (tslab writes compile and runtime errors there);
    a cell tagged "allow-stderr" may write to stderr on purpose;
  - a cell runs longer than the per-cell timeout;
  - the stored notebook is not a tslab notebook, or has outputs stored (notebooks are committed clean);
  - an output carrying an application/vnd.pwmk.*+json type does not hold it as a JSON object together
    with a static fallback (image/svg+xml or text/html, well-formed) and text/plain in the SAME output;
  - a notebook listed in REQUIRED_BUNDLES lacks ONE output carrying all the listed MIME types, or its
    nbconvert HTML export (what a reader without the extension sees) loses the static drawing;
  - a tutorial's exercises are not as the course needs them (see check_exercises): a check cell
    (`check("name", answer, judge)`, tutorials/exercises/check.ts) of a student notebook does not
    print the "not answered yet" marker (a fresh notebook runs clean), one of a solution notebook
    (tutorials/solutions/) does not print the "correct" marker, a solution does not end with
    expectAllCorrect(), or a student tutorial and its solution do not hold the same exercises.
Executed copies are written to --out (default test-artifacts/notebooks/) for inspection.
"""
import argparse
import asyncio
import re
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

REPO = Path(__file__).resolve().parent.parent
NOTEBOOK_DIRS = ("notebooks", "tutorials")
BELIEF_GRAPH_MIME = "application/vnd.pwmk.belief-graph.v1+json"
# Notebooks that must hold one output with all these MIME types (proof that the display plumbing
# works end to end: the payload as an object, both static fallbacks and text in ONE output).
REQUIRED_BUNDLES = {
    "notebooks/quickstart.ipynb": [BELIEF_GRAPH_MIME, "image/svg+xml", "text/html", "text/plain"],
}
FALLBACKS = ("image/svg+xml", "text/html")
TUTORIALS = REPO / "tutorials"
SOLUTIONS = TUTORIALS / "solutions"
CHECK_TS = TUTORIALS / "exercises" / "check.ts"
# A check cell calls check("exercise name", ...) at the start of a line.
CHECK_CALL = re.compile(r'^\s*check\(\s*"([^"]+)"', re.MULTILINE)


def discover(root: Path) -> list[Path]:
    found = []
    for folder in NOTEBOOK_DIRS:
        found += [p for p in (root / folder).rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts]
    return sorted(found)


def check_stored(nb) -> list[str]:
    problems = []
    spec = nb.metadata.get("kernelspec", {})
    if spec.get("name") != "tslab":
        problems.append(f'kernelspec name is {spec.get("name")!r}, expected "tslab"')
    stored = [i for i, c in enumerate(nb.cells) if c.cell_type == "code" and (c.get("outputs") or c.get("execution_count"))]
    if stored:
        problems.append(f"outputs or execution counts are stored in cells {stored}; commit notebooks clean")
    return problems


def check_pwmk_output(where: str, data: dict) -> list[str]:
    """Every pwmk payload travels in one output with a fallback and text/plain."""
    problems = []
    pwmk_types = [t for t in data if t.startswith("application/vnd.pwmk.") and t.endswith("+json")]
    for mime in pwmk_types:
        if not isinstance(data[mime], dict):
            problems.append(f"{where}: {mime} is a {type(data[mime]).__name__}, not a JSON object")
    if pwmk_types:
        if not isinstance(data.get("text/plain"), str) or not data["text/plain"].strip():
            problems.append(f"{where}: pwmk output has no text/plain")
        fallbacks = [t for t in FALLBACKS if isinstance(data.get(t), str)]
        if not fallbacks:
            problems.append(f"{where}: pwmk output has no static fallback ({' or '.join(FALLBACKS)})")
        if "image/svg+xml" in fallbacks:
            try:
                root = ET.fromstring(data["image/svg+xml"])
                if root.tag != "{http://www.w3.org/2000/svg}svg":
                    problems.append(f"{where}: image/svg+xml root is {root.tag}, not an SVG element")
            except ET.ParseError as e:
                problems.append(f"{where}: image/svg+xml is not well-formed XML ({e})")
    return problems


def check_outputs(nb) -> tuple[list[str], list[dict]]:
    problems, rich = [], []
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        tags = cell.metadata.get("tags", [])
        for output in cell.get("outputs", []):
            where = f"cell {index}"
            kind = output.get("output_type")
            if kind == "error":
                problems.append(f"{where}: error output {output.get('ename')}: {output.get('evalue')}")
            elif kind == "stream" and output.get("name") == "stderr" and "allow-stderr" not in tags:
                problems.append(f"{where}: wrote to stderr: {output.get('text', '').strip()[:500]}")
            elif kind in ("display_data", "execute_result", "update_display_data"):
                data = output.get("data", {})
                problems += check_pwmk_output(where, data)
                rich.append(data)
    return problems, rich


def check_required(nb, rel: str, rich: list[dict]) -> list[str]:
    required = REQUIRED_BUNDLES.get(rel)
    if not required:
        return []
    bundles = [d for d in rich if all(t in d for t in required)]
    if not bundles:
        return [f"no single output holds all of {', '.join(required)}"]
    # What a reader without the extension gets: nbconvert's HTML must keep the drawing intact.
    from nbconvert import HTMLExporter

    html, _ = HTMLExporter().from_notebook_node(nb)
    problems = []
    for data in bundles:
        for fallback in FALLBACKS:
            if isinstance(data.get(fallback), str) and data[fallback][:300] not in html:
                problems.append(f"the nbconvert HTML export does not show the {fallback} fallback intact")
    return problems


def check_markers() -> dict[str, str]:
    """The marker lines check() prints, read from tutorials/exercises/check.ts (their one source)."""
    text = CHECK_TS.read_text(encoding="utf-8")
    block = re.search(r"MARKERS\s*=\s*\{(.*?)\}", text, re.DOTALL)
    markers = dict(re.findall(r'(\w+):\s*"([^"]*)"', block.group(1))) if block else {}
    missing = {"correct", "unanswered"} - markers.keys()
    if missing:
        raise RuntimeError(f"tutorials/exercises/check.ts: MARKERS has no {', '.join(sorted(missing))}")
    return markers


def exercise_names(nb) -> list[str]:
    """The exercises a notebook checks, in order (one check cell each)."""
    return [name for cell in nb.cells if cell.cell_type == "code" for name in CHECK_CALL.findall(cell.source)]


def counterpart(path: Path) -> Path:
    """The solution of a student tutorial, or the student tutorial of a solution."""
    return TUTORIALS / path.name if path.parent == SOLUTIONS else SOLUTIONS / path.name


def check_exercises(path: Path, nb, executed: bool) -> list[str]:
    """The course's rules for a tutorial with exercises (see the module docstring)."""
    if path.parent not in (TUTORIALS, SOLUTIONS):
        return []
    names = exercise_names(nb)
    is_solution = path.parent == SOLUTIONS
    if not names and not is_solution:
        return []  # a tutorial without exercises (tutorial 0)
    problems = []
    if not names:
        problems.append("a solution notebook checks no exercise")
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:
        problems.append(f"exercises checked more than once: {', '.join(twice)}")
    other = counterpart(path)
    if not other.exists():
        problems.append(f"{'its student tutorial' if is_solution else 'its solution'} {display_path(other)} is missing")
    else:
        other_names = exercise_names(nbformat.read(other, as_version=4))
        if other_names != names:
            problems.append(f"its exercises {names} differ from those of {display_path(other)}: {other_names}")
    code = [c for c in nb.cells if c.cell_type == "code" and c.source.strip()]
    if is_solution and (not code or "expectAllCorrect()" not in code[-1].source):
        problems.append("a solution notebook must end with a cell calling expectAllCorrect()")
    if executed:
        markers = check_markers()
        expected = markers["correct" if is_solution else "unanswered"]
        for index, cell in enumerate(nb.cells):
            if cell.cell_type != "code":
                continue
            printed = "".join(o.get("text", "") for o in cell.get("outputs", []) if o.get("name") == "stdout")
            for name in CHECK_CALL.findall(cell.source):
                if f"{expected}: {name}" not in printed:
                    problems.append(f'cell {index}: check "{name}" did not print "{expected}" (printed: {printed.strip()[:200]!r})')
    return problems


def stderr_of(nb, index: int) -> str:
    if index is None or index >= len(nb.cells):
        return ""
    texts = [o.get("text", "") for o in nb.cells[index].get("outputs", []) if o.get("name") == "stderr"]
    return "".join(texts).strip()[:800]


def display_path(path: Path) -> str:
    return path.relative_to(REPO).as_posix() if path.is_relative_to(REPO) else str(path)


def summarize(error_text: str) -> str:
    """The error's own line first, then a little context."""
    lines = [line for line in error_text.strip().splitlines() if line.strip()]
    own = next((line for line in lines if re.match(r"^\w*(Error|Exception)\b", line)), None)
    shown = ([own] if own else []) + [line for line in lines if line != own][:3]
    return "\n        ".join(shown)


def run_one(path: Path, out_dir: Path, cell_timeout: int) -> tuple[bool, list[str], float]:
    rel = display_path(path)
    started = time.monotonic()
    nb = nbformat.read(path, as_version=4)
    problems = check_stored(nb)
    client = NotebookClient(
        nb,
        timeout=cell_timeout,
        startup_timeout=60,
        kernel_name="tslab",
        allow_errors=False,
        interrupt_on_timeout=True,
        resources={"metadata": {"path": str(path.parent)}},
    )
    current = {"index": None, "started": 0.0}
    client.on_cell_start = lambda cell, cell_index: current.update(index=cell_index, started=time.monotonic())
    failed_cell = None
    try:
        client.execute()
    except (CellTimeoutError, CellExecutionError) as e:
        failed_cell = current["index"]
        # On timeout nbclient interrupts the kernel, and tslab then reports an error reply.
        if isinstance(e, CellTimeoutError) or time.monotonic() - current["started"] >= cell_timeout:
            problems.append(f"cell {failed_cell} ran longer than {cell_timeout} s")
        else:
            problems.append(f"cell {failed_cell} failed: " + summarize(stderr_of(nb, failed_cell) or str(e)))
    except DeadKernelError as e:
        problems.append(f"the kernel died: {e}")
    output_problems, rich = check_outputs(nb)
    # The failed cell's stderr is already reported above.
    problems += [p for p in output_problems if not p.startswith(f"cell {failed_cell}: wrote to stderr")]
    problems += check_required(nb, rel, rich)
    # After a failure the later check cells never ran: only the static rules apply then.
    problems += check_exercises(path, nb, executed=failed_cell is None and not any("kernel died" in p for p in problems))
    target = out_dir / (rel if path.is_relative_to(REPO) else path.name)
    target.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, target)
    return not problems, problems, time.monotonic() - started


def main() -> int:
    # nbclient handles SIGINT/SIGTERM itself: it shuts the kernel down and cancels the run.
    try:
        return run_all()
    except (asyncio.CancelledError, KeyboardInterrupt):
        print("test-notebooks: interrupted; kernel shut down", file=sys.stderr)
        return 143


def run_all() -> int:
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

    try:
        KernelSpecManager().get_kernel_spec("tslab")
    except NoSuchKernel:
        print("test-notebooks: no kernelspec 'tslab'; run scripts/test-notebooks.sh, which installs it "
              "(scripts/install-kernel.sh) and sets JUPYTER_PATH", file=sys.stderr)
        return 1
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("notebooks", nargs="*", type=Path, help="notebooks to run (default: all under notebooks/ and tutorials/)")
    ap.add_argument("--cell-timeout", type=int, default=120, help="seconds per cell (default 120)")
    ap.add_argument("--out", type=Path, default=REPO / "test-artifacts" / "notebooks")
    args = ap.parse_args()
    paths = [p.resolve() for p in args.notebooks] or discover(REPO)
    if not paths:
        print("test-notebooks: no notebooks found under " + ", ".join(NOTEBOOK_DIRS), file=sys.stderr)
        return 1
    missing = [rel for rel in REQUIRED_BUNDLES if not args.notebooks and not (REPO / rel).exists()]
    failed = 0
    for path in paths:
        ok, problems, seconds = run_one(path, args.out, args.cell_timeout)
        failed += not ok
        print(f"{'PASS' if ok else 'FAIL'}  {display_path(path)}  ({seconds:.1f} s)", flush=True)
        for problem in problems:
            print(f"      - {problem}", flush=True)
    for rel in missing:
        failed += 1
        print(f"FAIL  {rel}  (missing: it must exist and show its pwmk bundle)")
    total = len(paths) + len(missing)
    print(f"test-notebooks: {total - failed}/{total} passed; executed copies in {args.out}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
