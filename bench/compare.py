#!/usr/bin/env python3
"""jgrad side by side with PyTorch: runs jgrad's benchmark suite and the PyTorch reference in one
session, float64 and float32, 1 and 2 threads, and prints per workload jgrad's median, PyTorch's
median and their ratio, then whether each performance target is met.

    python3 bench/compare.py              # jgrad on a plain JVM (EJML / plain-Java kernels)
    python3 bench/compare.py --simd       # jgrad with --add-modules jdk.incubator.vector
    python3 bench/compare.py --both       # both, so every target can be judged
    python3 bench/compare.py --replay DIR # the report again from the JSON files of an earlier run

The PyTorch side is bench/torch_reference.py (matmul and MLP steps in float64 and float32, scalar
chain, micrograd MLP), bench/torch_extra.py (element-wise ops and the Fashion-MNIST MLP epoch) and
bench/torch_models.py (the MLP at batch 64, the CNN step, conv2d alone, the GPT step and the
Fashion-MNIST CNN epoch), run with the first Python that imports torch: --python PATH, else
$HOME/torch-venv/bin/python, else /tmp/torch-venv/bin/python, else python3. Without one, jgrad's
side still runs and the report says that PyTorch is absent. PyTorch runs first: its CNN epoch writes
the initial weights and sample order (OUT/cnn-init.safetensors) that jgrad's suite is given with
--cnn-init, so that both epochs start from the same point.

Ratios are jgrad time / PyTorch time everywhere: below 1 jgrad is faster. For GFLOP/s rows the
ratio is PyTorch GFLOP/s / jgrad GFLOP/s, which is the same time ratio.

On a shared machine whose speed drifts from minute to minute, --rounds N alternates the two sides
N times (PyTorch, then jgrad, then PyTorch again, ...) and reports for each workload the median of
the N per-round medians, with the min and max over all rounds; the targets also list the ratio of
each round. The memory and epoch sections, which are not timed medians, run in the first round
only.

Each run leaves in --out the JSON of every command, the combined torch.json and jgrad-plain.json /
jgrad-simd.json, and compare.md. --replay DIR builds the report from DIR's combined files, and
--torch-json FILE / --jgrad-json LABEL=FILE (repeatable; LABEL is plain or SIMD) from any files.

Standard library only.
"""
import argparse
import datetime
import json
import os
import platform
import shlex
import subprocess
import sys
import threading

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
from compare_table import rows_for, table  # noqa: E402  (same directory)
from compare_targets import memory_lines, targets  # noqa: E402

DEFAULT_PYTHONS = [os.path.expanduser("~/torch-venv/bin/python"), "/tmp/torch-venv/bin/python", "python3"]

# the sections of both sides, in the order jgrad's suite runs them (memory and gptmem are jgrad's only)
ALL_SECTIONS = "matmul,elementwise,chain,micro,mlp,epoch,memory,cnnepoch,cnn,conv,gpt,gptmem"
# sections that are not medians of repeats: they run in the first round only
ONCE = ("memory", "epoch", "cnnepoch", "gptmem")


# ------------------------------------------------------------------ running the two sides
def find_torch_python(explicit):
    """The first candidate that imports torch, with its version; (None, reason) when there is none."""
    candidates = [explicit] if explicit else DEFAULT_PYTHONS
    tried = []
    for py in candidates:
        try:
            out = subprocess.run([py, "-c", "import torch; print(torch.__version__)"], capture_output=True,
                                 text=True, timeout=120)
        except (OSError, subprocess.TimeoutExpired) as e:
            tried.append(f"{py}: {e.__class__.__name__}")
            continue
        if out.returncode == 0:
            return py, out.stdout.strip()
        tried.append(f"{py}: no importable torch")
    return None, "; ".join(tried)


class LoadSampler(threading.Thread):
    """Samples the 1-minute load average every few seconds, labelled with the command running, so the
    report can say how busy the machine was while each side was measured."""

    def __init__(self, period=5.0):
        super().__init__(daemon=True)
        self.period = period
        self.label = None
        self.samples = {}
        self.order = []
        self.stop = threading.Event()

    def run(self):
        while not self.stop.wait(self.period):
            self.sample()

    def sample(self):
        label = self.label
        if label is None:
            return
        try:
            with open("/proc/loadavg") as f:
                load = float(f.read().split()[0])
        except (OSError, ValueError, IndexError):
            return
        if label not in self.samples:
            self.samples[label] = []
            self.order.append(label)
        self.samples[label].append(load)

    def summary(self):
        out = []
        for label in self.order:
            v = sorted(self.samples[label])
            out.append((label, v[0], v[len(v) // 2], v[-1], len(v)))
        return out


LOAD = LoadSampler()


def run(cmd, log, label=None, env=None):
    shown = " ".join(["%s=%s" % kv for kv in sorted((env or {}).items())] + [shlex.quote(c) for c in cmd])
    print("$ " + shown, flush=True)
    log.append(shown)
    LOAD.label = label or os.path.basename(cmd[1] if cmd[0].endswith(("python", "python3")) else cmd[0])
    LOAD.sample()
    rc = subprocess.run(cmd, cwd=ROOT, env=dict(os.environ, **env) if env else None).returncode
    LOAD.sample()
    LOAD.label = None
    if rc != 0:
        sys.exit(f"compare.py: command failed with exit code {rc}: {' '.join(cmd)}")


def cnn_init(args):
    """Where PyTorch's CNN epoch writes the initial weights and sample order that jgrad's starts from."""
    return os.path.join(args.out, "cnn-init.safetensors")


def run_jgrad(args, simd, out_json, log):
    bench_args = ["--json", out_json, "--threads", args.threads, "--sections", args.sections] + shlex.split(
        args.jgrad_args)
    if args.data:
        bench_args += ["--data", args.data]
    if "cnnepoch" in args.sections.split(",") and os.path.exists(cnn_init(args)):
        bench_args += ["--cnn-init", cnn_init(args)]
    if args.quick:
        bench_args = QUICK_JGRAD + bench_args
    cmd = ["mvn", "-q", "-B"] + shlex.split(args.mvn_args)
    if args.build_dir:
        cmd.append("-DbuildDir=" + args.build_dir)
    cmd += ["-Pbench", "compile", "exec:exec@bench", "-Dbench.simd=" + ("true" if simd else "false"),
            "-Dbench.args=" + " ".join(bench_args)]
    run(cmd, log, "jgrad suite, " + ("SIMD" if simd else "plain JVM"))
    with open(out_json) as f:
        return json.load(f)


def run_torch(args, py, out_dir, log):
    """The PyTorch scripts for the wanted sections; their results merged, also written to OUT/torch.json."""
    wanted = args.sections.split(",")
    repeats = ["--repeats", "5"] if args.quick else []
    data = ["--data", args.data] if args.data else []
    # (JSON name, script, sections it has, dtypes, extra options): the models first, so that the CNN's
    # initial weights exist before anything else runs
    plan = [("torch-models", "torch_models.py", ("cnnepoch", "mlp", "cnn", "conv", "gpt"), "float32,float64",
             ["--cnn-init", cnn_init(args)] + data + repeats),
            ("torch-reference", "torch_reference.py", ("matmul", "mlp"), "float64,float32",
             (["--sizes", "64,512"] if args.quick else []) + repeats),
            ("torch-reference-scalar", "torch_reference.py", ("chain", "micro"), "float64", repeats),
            ("torch-extra", "torch_extra.py", ("elementwise", "epoch"), "float64",
             data + repeats + (["--epochs", "1"] if args.quick else []))]
    paths = []
    for name, script, has, dtypes, extra in plan:
        sections = [x for x in wanted if x in has]
        if not sections:
            continue
        out_json = os.path.join(out_dir, name + ".json")
        run([py, os.path.join(HERE, script), "--dtypes", dtypes, "--threads", args.threads,
             "--sections", ",".join(sections), "--json", out_json] + extra, log, script, torch_env(args))
        paths.append(out_json)
    merged = merge(paths)
    with open(os.path.join(out_dir, "torch.json"), "w") as f:
        json.dump(merged, f, indent=1)
    return merged


def torch_env(args):
    env = {}
    for kv in args.torch_env:
        key, sep, value = kv.partition("=")
        if not sep:
            sys.exit("compare.py: --torch-env wants KEY=VALUE, got %r" % kv)
        env[key] = value
    return env


def merge(paths):
    results = []
    meta = {}
    for path in paths:
        with open(path) as f:
            d = json.load(f)
        results += d["results"]
        meta.update(d["meta"])
    return {"meta": meta, "results": results}


QUICK_JGRAD = ["--sizes", "64,512", "--repeats", "5", "--epochs", "1", "--mem-steps", "1000"]

# the fields that name a result (the rest are measurements)
IDENTITY = ("section", "kind", "impl", "workload", "threads", "dtype", "op", "shape", "n", "arch", "batch",
            "zero_grad")


def is_stats(v):
    return isinstance(v, dict) and "median" in v


def combine(rounds):
    """One result set from several rounds of the same commands: per workload, the median of the
    rounds' medians, the least min and the greatest max; other fields from the first round."""
    if len(rounds) == 1:
        return rounds[0]
    by_key = {}
    order = []
    for d in rounds:
        seen = set()
        for r in d["results"]:
            k = tuple(json.dumps(r.get(f)) for f in IDENTITY)
            if k in seen:
                sys.exit("compare.py: two results of one round share the name %s; add the field that tells them "
                         "apart to IDENTITY" % dict(zip(IDENTITY, k)))
            seen.add(k)
            if k not in by_key:
                by_key[k] = []
                order.append(k)
            by_key[k].append(r)
    results = []
    for k in order:
        rs = by_key[k]
        out = dict(rs[0])
        for field, v in rs[0].items():
            if is_stats(v):
                stats = [r[field] for r in rs if is_stats(r.get(field))]
                meds = sorted(x["median"] for x in stats)
                mid = len(meds) // 2
                out[field] = {"median": meds[mid] if len(meds) % 2 else (meds[mid - 1] + meds[mid]) / 2,
                              "min": min(x["min"] for x in stats), "max": max(x["max"] for x in stats),
                              "n": sum(x.get("n", 0) for x in stats), "rounds": len(stats)}
        results.append(out)
    return {"meta": rounds[0]["meta"], "results": results}


def jvm_summary(d):
    jvms = d["meta"].get("jvms", [])
    if not jvms:
        return "?"
    j = jvms[0]
    return "JDK %s, gemm %s, vector module %s, JVM args %s" % (
        j.get("java_version"), ", ".join(sorted({x.get("gemm", "?") for x in jvms})), j.get("vector_module"),
        " ".join(a for a in j.get("jvm_args", []) if not a.startswith("-Djgrad.threads")))


def machine():
    model = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return "%s, %d logical CPUs, %s %s" % (model, os.cpu_count() or 0, platform.system(), platform.release())


def parse_args():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--simd", action="store_true", help="run jgrad with --add-modules jdk.incubator.vector")
    ap.add_argument("--both", action="store_true", help="run jgrad twice: plain JVM and SIMD")
    ap.add_argument("--python", default=None, help="the Python with torch (default: the first of %s that imports "
                                                     "it)" % ", ".join(DEFAULT_PYTHONS))
    ap.add_argument("--threads", default="1,2")
    ap.add_argument("--sections", default=ALL_SECTIONS,
                    help="sections to run on both sides (default all: %s; memory and gptmem are jgrad's only)"
                         % ALL_SECTIONS)
    ap.add_argument("--data", default=None, help="Fashion-MNIST IDX directory for the epoch and cnnepoch workloads")
    ap.add_argument("--out", default=os.path.join(ROOT, "target", "bench-compare"),
                    help="where the JSON files and compare.md go")
    ap.add_argument("--build-dir", default=None, help="Maven build directory (-DbuildDir=...)")
    ap.add_argument("--mvn-args", default="", help="extra Maven options, e.g. -o")
    ap.add_argument("--jgrad-args", default="", help="extra options for jgrad's suite (see io.jgrad.bench.Options)")
    ap.add_argument("--skip-torch", action="store_true", help="run jgrad's side only")
    ap.add_argument("--skip-jgrad", action="store_true", help="run PyTorch's side only")
    ap.add_argument("--torch-env", action="append", default=[], metavar="KEY=VALUE",
                    help="environment for the PyTorch runs, e.g. OMP_WAIT_POLICY=PASSIVE on a shared machine "
                         "(repeatable)")
    ap.add_argument("--quick", action="store_true", help="fewer sizes and repeats, to check the pipeline")
    ap.add_argument("--rounds", type=int, default=1,
                    help="alternate the two sides this many times and combine the rounds (default 1)")
    ap.add_argument("--replay", default=None, metavar="DIR",
                    help="run nothing: the report from DIR's torch.json, jgrad-plain.json, jgrad-simd.json (and "
                         "round-N/ directories), written to --out")
    ap.add_argument("--torch-json", action="append", default=[], metavar="FILE",
                    help="run nothing: PyTorch's results from FILE (repeatable; merged)")
    ap.add_argument("--jgrad-json", action="append", default=[], metavar="[LABEL=]FILE",
                    help="run nothing: jgrad's results of run LABEL (plain or SIMD; from the file name without "
                         "one) from FILE (repeatable)")
    args = ap.parse_args()
    if args.rounds < 1:
        sys.exit("compare.py: --rounds must be >= 1, got %d" % args.rounds)
    for name in args.sections.split(","):
        if name not in ALL_SECTIONS.split(","):
            sys.exit("compare.py: unknown section %r; choose from %s" % (name, ALL_SECTIONS))
    # both sides run in the project's directory: paths from the caller's
    args.out = os.path.abspath(args.out)
    args.data = os.path.abspath(args.data) if args.data else None
    return args


def measure(args):
    """Runs both sides; (torch results or None, [(label, jgrad results)], rounds, torch description, log)."""
    log = []
    LOAD.start()
    py, torch_info = (None, "skipped (--skip-torch)") if args.skip_torch else find_torch_python(args.python)
    if not py:
        print("PyTorch ABSENT (%s): running jgrad's side only; ratios and PyTorch targets will show '-'" % torch_info,
              flush=True)
    modes = [] if args.skip_jgrad else [False, True] if args.both else [args.simd]
    labels = ["SIMD" if simd else "plain" for simd in modes]
    rounds = []  # per round: (torch results or None, [(label, jgrad results)])
    for k in range(args.rounds):
        out_dir = args.out if args.rounds == 1 else os.path.join(args.out, "round-%d" % (k + 1))
        os.makedirs(out_dir, exist_ok=True)
        round_args = args
        if k > 0:
            # memory and epoch results are not medians of repeats: the first round's stand
            later = [x for x in args.sections.split(",") if x not in ONCE]
            if not later:
                break
            round_args = argparse.Namespace(**dict(vars(args), sections=",".join(later)))
        if args.rounds > 1:
            print("round %d of %d" % (k + 1, args.rounds), flush=True)
        if py and k == 0:
            print("PyTorch %s from %s" % (torch_info, py), flush=True)
        t = run_torch(round_args, py, out_dir, log) if py else None
        runs = [(label, run_jgrad(round_args, simd, os.path.join(out_dir, "jgrad-%s.json" % label.lower()), log))
                for label, simd in zip(labels, modes)]
        rounds.append((t, runs))
    torch_res = combine([t for t, _ in rounds]) if py else None
    jgrad_runs = [(label, combine([runs[i][1] for _, runs in rounds])) for i, label in enumerate(labels)]
    if len(rounds) > 1:  # the combined results beside the report, as for a single round
        for name, d in [("torch", torch_res)] + [("jgrad-%s" % label.lower(), d) for label, d in jgrad_runs]:
            if d:
                with open(os.path.join(args.out, name + ".json"), "w") as f:
                    json.dump(d, f, indent=1)
    info = ("%s, python %s (%s)" % (torch_res["meta"].get("torch"), torch_res["meta"].get("python"), py)
            if torch_res else "absent: " + torch_info)
    return torch_res, jgrad_runs, rounds if len(rounds) > 1 else [], info, log


def load_json(path):
    with open(path) as f:
        return json.load(f)


def label_of(path):
    return "SIMD" if "simd" in os.path.basename(path).lower() else "plain"


def replay(args):
    """The results of an earlier run, from its files; the same tuple as measure()."""
    torch_files = list(args.torch_json)
    jgrad_files = []
    for spec in args.jgrad_json:
        label, sep, path = spec.partition("=")
        jgrad_files.append((label, path) if sep else (label_of(spec), spec))
    rounds = []
    if args.replay:
        def in_dir(d):
            t = os.path.join(d, "torch.json")
            js = [(label, os.path.join(d, "jgrad-%s.json" % label.lower())) for label in ("plain", "SIMD")]
            return ([t] if os.path.exists(t) else []), [(lab, p) for lab, p in js if os.path.exists(p)]
        t, js = in_dir(args.replay)
        torch_files += t
        jgrad_files += js
        k = 1
        while os.path.isdir(os.path.join(args.replay, "round-%d" % k)):
            t, js = in_dir(os.path.join(args.replay, "round-%d" % k))
            rounds.append((load_json(t[0]) if t else None, [(lab, load_json(p)) for lab, p in js]))
            k += 1
    if not jgrad_files and not torch_files:
        sys.exit("compare.py: nothing to replay (no torch.json or jgrad-*.json found)")
    torch_res = merge(torch_files) if torch_files else None
    jgrad_runs = [(label, load_json(path)) for label, path in jgrad_files]
    files = torch_files + [p for _, p in jgrad_files]
    measured = datetime.datetime.fromtimestamp(min(os.path.getmtime(p) for p in files)).astimezone()
    info = ("%s, python %s (%s)" % (torch_res["meta"].get("torch"), torch_res["meta"].get("python"),
                                    torch_res["meta"].get("executable")) if torch_res else "absent: no PyTorch JSON")
    log = ["replayed from %s (files written %s)" % (", ".join(files), measured.strftime("%Y-%m-%d %H:%M %Z"))]
    return torch_res, jgrad_runs, rounds if len(rounds) > 1 else [], info, log


def main():
    args = parse_args()
    os.makedirs(args.out, exist_ok=True)
    threads = [int(t) for t in args.threads.split(",")]
    started = datetime.datetime.now().astimezone()
    replaying = bool(args.replay or args.torch_json or args.jgrad_json)
    torch_res, jgrad_runs, rounds, torch_info, log = replay(args) if replaying else measure(args)
    labels = [label for label, _ in jgrad_runs]
    n_rounds = max(1, len(rounds))

    torch_label = ("PyTorch %s" % torch_res["meta"].get("torch")) if torch_res else "PyTorch (absent)"
    rows = rows_for(torch_res["results"] if torch_res else None, jgrad_runs, threads)
    report = []
    report.append("# jgrad vs PyTorch, float64 and float32, medians of 9 repeats%s (ratio = jgrad time / PyTorch "
                  "time; " % (", median over %d alternating rounds" % n_rounds if n_rounds > 1 else "") +
                  "for GFLOP/s rows PyTorch GFLOP/s / jgrad GFLOP/s; < 1 means jgrad is faster)")
    report.append("")
    report.append("- date: %s%s" % (started.strftime("%Y-%m-%d %H:%M %Z"), " (report replayed: %s)" % log[0]
                                    if replaying else ""))
    report.append("- machine: %s" % machine())
    for label, d in jgrad_runs:
        report.append("- jgrad %s: %s" % (label, jvm_summary(d)))
    report.append("- PyTorch: %s" % torch_info)
    if not torch_res:
        report.append("")
        report.append("**PyTorch is absent (%s): only jgrad's side was run; ratios show '-'.**" % torch_info)
    report.append("")
    report.append(table(rows, labels, torch_label))
    report.append("")
    report.append("## Targets")
    report.append("")
    report.append("\"missed by X%\": jgrad must get X% faster to meet the target.")
    report.append("")
    report.append("| target | verdict | measured |")
    report.append("|---|---|---|")
    for name, verdict, detail in targets(torch_res["results"] if torch_res else None, jgrad_runs, threads, rounds):
        report.append("| %s | %s | %s |" % (name, verdict, detail))
    report.append("")
    report.append("## Memory (jgrad)")
    report.append("")
    report.extend(memory_lines(jgrad_runs) or ["- none measured (sections memory and gptmem)"])
    if not replaying:
        report.append("")
        report.append("## Machine load while measuring")
        report.append("")
        report.append("1-minute load average, sampled every %g s (the benchmark itself counts: about 1 while it "
                      "runs one thread, 2 with two; more than that on these %d CPUs means other processes competed):"
                      % (LOAD.period, os.cpu_count() or 0))
        report.append("")
        busy = False
        for label, lo, mid, hi, n in LOAD.summary():
            report.append("- %s: min %.2f, median %.2f, max %.2f (%d samples)" % (label, lo, mid, hi, n))
            busy = busy or (label.startswith("torch") and mid > (os.cpu_count() or 1))
        if busy and any(t > 1 for t in threads) and "OMP_WAIT_POLICY" not in torch_env(args):
            report.append("")
            report.append("**Other processes kept the CPUs busy while PyTorch ran: its OpenMP threads spin in their "
                          "barriers then, and its runs with more than one thread can come out several times slower "
                          "than they are. Measure again when the machine is quiet (--torch-env OMP_WAIT_POLICY=PASSIVE "
                          "avoids the collapse, but slows PyTorch's multi-threaded steps on a quiet machine).**")
    report.append("")
    report.append("## Commands run")
    report.append("")
    report.append("```")
    report.extend(log)
    report.append("```")
    text = "\n".join(report) + "\n"
    print()
    print(text)
    md = os.path.join(args.out, "compare.md")
    with open(md, "w") as f:
        f.write(text)
    print("written to %s (JSON beside it)" % md)


if __name__ == "__main__":
    main()
