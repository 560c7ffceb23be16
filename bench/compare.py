#!/usr/bin/env python3
"""jgrad side by side with PyTorch: runs jgrad's benchmark suite and the PyTorch reference in one
session, float64, 1 and 2 threads, and prints per workload jgrad's median, PyTorch's median and
their ratio, then whether each performance target is met.

    python3 bench/compare.py              # jgrad on a plain JVM (EJML / plain-Java kernels)
    python3 bench/compare.py --simd       # jgrad with --add-modules jdk.incubator.vector
    python3 bench/compare.py --both       # both, so every target can be judged

The PyTorch side is bench/torch_reference.py (matmul, MLP steps, scalar chain, micrograd MLP) and
bench/torch_extra.py (element-wise ops and the Fashion-MNIST epoch), run with the first Python that
imports torch: --python PATH, else /tmp/torch-venv/bin/python, else python3. Without one, jgrad's
side still runs and the report says that PyTorch is absent.

Ratios are jgrad time / PyTorch time everywhere: below 1 jgrad is faster. For GFLOP/s rows the
ratio is PyTorch GFLOP/s / jgrad GFLOP/s, which is the same time ratio.

On a shared machine whose speed drifts from minute to minute, --rounds N alternates the two sides
N times (PyTorch, then jgrad, then PyTorch again, ...) and reports for each workload the median of
the N per-round medians, with the min and max over all rounds; the MLP targets also list the ratio
of each round. The memory and epoch sections, which are not timed medians, run in the first round
only.

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
DEFAULT_PYTHONS = ["/tmp/torch-venv/bin/python", "python3"]


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


def run_jgrad(args, simd, out_json, log):
    bench_args = ["--json", out_json, "--threads", args.threads, "--sections", args.sections] + shlex.split(
        args.jgrad_args)
    if args.data:
        bench_args += ["--data", args.data]
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
    ref_json = os.path.join(out_dir, "torch.json")
    extra_json = os.path.join(out_dir, "torch-extra.json")
    quick_ref = ["--sizes", "64,512", "--repeats", "5"] if args.quick else []
    wanted = args.sections.split(",")
    ref_sections = [x for x in ("matmul", "mlp", "chain", "micro") if x in wanted]
    extra_sections = [x for x in ("elementwise", "epoch") if x in wanted]
    paths = []
    if ref_sections:
        run([py, os.path.join(HERE, "torch_reference.py"), "--dtypes", "float64", "--threads", args.threads,
             "--sections", ",".join(ref_sections), "--json", ref_json] + quick_ref, log, "torch_reference.py",
            torch_env(args))
        paths.append(ref_json)
    if not extra_sections:
        return merge(paths)
    paths.append(extra_json)
    extra = [py, os.path.join(HERE, "torch_extra.py"), "--dtypes", "float64", "--threads", args.threads,
             "--sections", ",".join(extra_sections), "--json", extra_json]
    if args.data:
        extra += ["--data", args.data]
    if args.quick:
        extra += ["--repeats", "5", "--epochs", "1"]
    run(extra, log, "torch_extra.py", torch_env(args))
    return merge(paths)


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

# the rounds of a --rounds run, for the per-round ratios of the MLP targets (empty for one round)
ROUNDS = []

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


# ------------------------------------------------------------------ matching the results
def med(stats):
    return stats["median"] if stats else None


def key_of(r):
    """A workload key that is the same on both sides, or None for results with no counterpart."""
    s = r["section"]
    t = r.get("threads")
    if s == "matmul":
        return ("matmul", t, r["n"])
    if s == "mlp":
        return ("mlp", t, r["arch"], r["batch"])
    if s in ("chain", "micro", "epoch"):
        return (s, t)
    if s == "elementwise":
        return ("elementwise", t, r["op"], tuple(r["shape"]))
    return None


def index(results, impl=None):
    idx = {}
    for r in results:
        if r.get("dtype", "float64") != "float64":
            continue
        if impl is not None and r.get("impl", impl) != impl:
            continue
        k = key_of(r)
        if k is not None:
            idx[k] = r
    return idx


NOISY = 1.5  # a side whose repeats spread wider than this (max / min) is flagged


def st(r, field):
    """The {"median", "min", "max"} of a result's field, or None."""
    return r[field] if r and field in r else None


def plus(a, b):
    """Stats of a sum, for fwd+bwd: medians, mins and maxes added (an approximation for the median)."""
    if not a or not b:
        return None
    return {"median": a["median"] + b["median"], "min": a["min"] + b["min"], "max": a["max"] + b["max"]}


def noisy(stats):
    return bool(stats) and stats["min"] > 0 and stats["max"] / stats["min"] > NOISY


def rows_for(torch_res, jgrad_runs, threads):
    """Table rows: (workload, threads, unit, torch stats, [(jgrad stats, ratio, noisy) per run])."""
    t_idx = index(torch_res) if torch_res else {}
    impls = ("gemm", "tensor", "jgrad", "jgrad-kept", "ejml", "gemm-only")
    runs = [(label, {impl: index(d["results"], impl) for impl in impls}, index(d["results"]))
            for label, d in jgrad_runs]
    rows = []

    def add(name, thr, unit, ts, jstats, higher=False):
        cells = []
        for js in jstats:
            v = med(js)
            tv = med(ts)
            if v is None or tv is None or v == 0:
                cells.append((js, None, noisy(js)))
            else:
                cells.append((js, tv / v if higher else v / tv, noisy(js) or noisy(ts)))
        rows.append((name, thr, unit, ts, cells))

    # the matmul sizes present anywhere
    sizes = sorted({k[2] for _, by, _ in runs for k in by["gemm"] if k[0] == "matmul"})
    for th in threads:
        for n in sizes:
            k = ("matmul", th, n)
            ts = st(t_idx.get(k), "gflops")
            for impl, label in (("gemm", "matmul %d (Kernels.gemm, reused C)" % n),
                                ("tensor", "matmul %d (Tensor.matmul)" % n),
                                ("ejml", "matmul %d (EJML CommonOps_DDRM.mult, 1 thread)" % n)):
                add(label, th, "GFLOP/s", ts, [st(by[impl].get(k), "gflops") for _, by, _ in runs], higher=True)
        for arch, batch in (("784-256-10", 1), ("784-256-10", 32), ("784-256-10", 256), ("64-128-128-10", 32)):
            k = ("mlp", th, arch, batch)
            ts = st(t_idx.get(k), "ms_per_step")
            for impl, label in (("jgrad", "MLP %s B=%d step" % (arch, batch)),
                                ("jgrad-kept", "  with zeroGrad(false)"),
                                ("ejml", "  hand-written EJML step"), ("gemm-only", "  its matmuls alone (gemm)")):
                add(label, th, "ms", ts, [st(by[impl].get(k), "ms_per_step") for _, by, _ in runs])
        k = ("chain", th)
        tr = t_idx.get(k)
        jr = [a.get(k) for _, _, a in runs]
        for field, label in (("fwd_us_per_op", "scalar chain fwd"), ("bwd_us_per_op", "scalar chain bwd")):
            add(label, th, "us/op", st(tr, field), [st(r, field) for r in jr])
        add("scalar chain fwd+bwd", th, "us/op", plus(st(tr, "fwd_us_per_op"), st(tr, "bwd_us_per_op")),
            [plus(st(r, "fwd_us_per_op"), st(r, "bwd_us_per_op")) for r in jr])
        k = ("micro", th)
        add("micrograd MLP 2-16-16-1 x16 step", th, "ms", st(t_idx.get(k), "ms_per_step"),
            [st(a.get(k), "ms_per_step") for _, _, a in runs])
        ew = sorted({(k[2], k[3]) for _, _, a in runs for k in a if k[0] == "elementwise" and k[1] == th},
                    key=lambda x: (len(x[1]), x[0]))
        for op, shape in ew:
            k = ("elementwise", th, op, shape)
            add("%s %s" % (op, "(" + ", ".join(map(str, shape)) + ("," if len(shape) == 1 else "") + ")"), th,
                "us", st(t_idx.get(k), "us"), [st(a.get(k), "us") for _, _, a in runs])
        k = ("epoch", th)
        if any(k in a for _, _, a in runs) or k in t_idx:
            add("Fashion-MNIST epoch 784-256-10 B=32", th, "s", st(t_idx.get(k), "sec_per_epoch"),
                [st(a.get(k), "sec_per_epoch") for _, _, a in runs])
    return rows


def fmt(v):
    if v is None:
        return "-"
    a = abs(v)
    if a == 0:
        return "0"
    if a >= 1e5 or a < 1e-3:
        return "%.3e" % v
    if a >= 100:
        return "%.1f" % v
    if a >= 10:
        return "%.2f" % v
    if a >= 1:
        return "%.3f" % v
    return "%.4f" % v


def table(rows, labels, torch_label):
    head = ["workload", "thr", "unit", torch_label]
    for lab in labels:
        head += ["jgrad " + lab, "ratio"]
    lines = ["| " + " | ".join(head) + " |", "|" + "|".join(["---"] * len(head)) + "|"]
    for name, thr, unit, ts, cells in rows:
        if ts is None and all(js is None for js, _, _ in cells):
            continue
        line = [name, str(thr), unit, fmt(med(ts)) + ("~" if noisy(ts) else "")]
        for js, ratio, flag in cells:
            line += [fmt(med(js)) + ("~" if noisy(js) else ""),
                     (("%.2f" % ratio) + (" *" if flag else "")) if ratio is not None else "-"]
        lines.append("| " + " | ".join(line) + " |")
    lines.append("")
    lines.append("`~`: that side's repeats spread by more than %.1fx (max / min); `*`: the ratio rests on such a "
                 "side. Treat both as noise from a busy machine, not as a property of the code." % NOISY)
    return "\n".join(lines)


# ------------------------------------------------------------------ targets
def targets(torch_res, jgrad_runs):
    """(target, verdict, detail) for each target of the performance issue."""
    t_idx = index(torch_res) if torch_res else {}
    by_label = {label: d for label, d in jgrad_runs}
    plain = by_label.get("plain")
    simd = by_label.get("SIMD")
    out = []

    def idx(d, impl=None):
        return index(d["results"], impl) if d else {}

    def verdict(ok):
        return "MET" if ok else "missed"

    def any_run():
        return simd or plain

    # scalar chain and micrograd MLP: judged on whichever runs exist (SIMD does not matter there)
    for label, d in jgrad_runs:
        a = idx(d)
        tr, jr = t_idx.get(("chain", 1)), a.get(("chain", 1))
        name = "scalar chain fwd+bwd per op <= 0.1 (%s)" % label
        if not jr:
            out.append((name, "not measured", "section chain not run"))
        elif not tr:
            out.append((name, "no PyTorch", "jgrad %.3f us/op" % (med(jr["fwd_us_per_op"]) + med(jr["bwd_us_per_op"]))))
        else:
            ratio = (med(jr["fwd_us_per_op"]) + med(jr["bwd_us_per_op"])) / (
                med(tr["fwd_us_per_op"]) + med(tr["bwd_us_per_op"]))
            out.append((name, verdict(ratio <= 0.1),
                        "ratio %.3f (jgrad %.3f us/op, PyTorch %.3f us/op)" % (
                            ratio, med(jr["fwd_us_per_op"]) + med(jr["bwd_us_per_op"]),
                            med(tr["fwd_us_per_op"]) + med(tr["bwd_us_per_op"]))))
        tr, jr = t_idx.get(("micro", 1)), a.get(("micro", 1))
        name = "micrograd MLP step <= 0.1 (%s)" % label
        if not jr:
            out.append((name, "not measured", "section micro not run"))
        elif not tr:
            out.append((name, "no PyTorch", "jgrad %.3f ms" % med(jr["ms_per_step"])))
        else:
            ratio = med(jr["ms_per_step"]) / med(tr["ms_per_step"])
            out.append((name, verdict(ratio <= 0.1),
                        "ratio %.3f (jgrad %.3f ms, PyTorch %.3f ms)" % (ratio, med(jr["ms_per_step"]),
                                                                      med(tr["ms_per_step"]))))

    def label_of(d):
        return next(label for label, x in jgrad_runs if x is d)

    def mlp_target(d, th, batch, what):
        k = ("mlp", th, "784-256-10", batch)
        j = idx(d, "jgrad").get(k)
        tr = t_idx.get(k)
        if not j:
            return (what, "not measured", "no jgrad result")
        if not tr:
            return (what, "no PyTorch", "jgrad %.3f ms" % med(j["ms_per_step"]))
        ratio = med(j["ms_per_step"]) / med(tr["ms_per_step"])
        per_round = []
        for t_round, runs in ROUNDS:
            jr = index(dict(runs)[label_of(d)]["results"], "jgrad").get(k)
            trr = index(t_round["results"]).get(k) if t_round else None
            if jr and trr:
                per_round.append("%.2f" % (med(jr["ms_per_step"]) / med(trr["ms_per_step"])))
        rounds_note = ("; per round: %s" % ", ".join(per_round)) if per_round else ""
        kept = idx(d, "jgrad-kept").get(k)
        also = ("; with zeroGrad(false) %.2f (%.3f ms)" % (med(kept["ms_per_step"]) / med(tr["ms_per_step"]),
                                                          med(kept["ms_per_step"]))) if kept else ""
        return (what, verdict(ratio <= 1.0), "ratio %.2f (jgrad %.3f ms, PyTorch %.3f ms)%s%s" % (
            ratio, med(j["ms_per_step"]), med(tr["ms_per_step"]), also, rounds_note))

    if simd:
        out.append(mlp_target(simd, 1, 32, "MLP 784-256-10 B=32 1 thread <= 1.0 (SIMD)"))
        out.append(mlp_target(simd, 2, 256, "MLP 784-256-10 B=256 2 threads <= 1.0 (SIMD)"))
    else:
        out.append(("MLP 784-256-10 B=32 1 thread <= 1.0 (SIMD)", "not measured", "run with --simd or --both"))
        out.append(("MLP 784-256-10 B=256 2 threads <= 1.0 (SIMD)", "not measured", "run with --simd or --both"))
    if plain:
        for th in (1, 2):
            k = ("mlp", th, "784-256-10", 32)
            j = idx(plain, "jgrad").get(k)
            e = idx(plain, "ejml").get(k)
            name = ("plain JVM: MLP 784-256-10 B=32 %d thread%s no slower than hand-written EJML"
                    % (th, "" if th == 1 else "s"))
            if j and e:
                ratio = med(j["ms_per_step"]) / med(e["ms_per_step"])
                tr = t_idx.get(k)
                vs_torch = (", %.2fx PyTorch" % (med(j["ms_per_step"]) / med(tr["ms_per_step"]))) if tr else ""
                out.append((name, verdict(ratio <= 1.0), "jgrad/EJML %.2f (jgrad %.3f ms, EJML %.3f ms%s)" % (
                    ratio, med(j["ms_per_step"]), med(e["ms_per_step"]), vs_torch)))
            elif th in threads_of(plain):
                out.append((name, "not measured", "section mlp not run"))
    else:
        out.append(("plain JVM: MLP 784-256-10 B=32 no slower than hand-written EJML", "not measured",
                    "run without --simd or with --both"))
    if simd:
        k = ("matmul", 1, 512)
        j = idx(simd, "gemm").get(k)
        tr = t_idx.get(k)
        if not j:
            out.append(("matmul 512 1 thread SIMD >= 60 GFLOP/s and >= 1.4x PyTorch", "not measured",
                        "no matmul n=512 at 1 thread in the SIMD run"))
        else:
            g = med(j["gflops"])
            out.append(("matmul 512 1 thread SIMD >= 60 GFLOP/s", verdict(g >= 60), "%.1f GFLOP/s" % g))
            if tr:
                f = g / med(tr["gflops"])
                out.append(("matmul 512 1 thread SIMD >= 1.4x PyTorch", verdict(f >= 1.4),
                            "%.2fx (PyTorch %.1f GFLOP/s)" % (f, med(tr["gflops"]))))
    else:
        out.append(("matmul 512 1 thread SIMD >= 60 GFLOP/s and >= 1.4x PyTorch", "not measured",
                    "run with --simd or --both"))
    for label, d in jgrad_runs:
        if not any(r["section"] == "memory" for r in d["results"]):
            out.append(("heap flat; allocation per MLP step <= 3x activations (%s)" % label, "not measured",
                        "section memory not run"))
        for r in d["results"]:
            if r["section"] == "memory" and r.get("kind") == "heap":
                out.append(("heap flat over %d steps (%s)" % (r["steps"], label), verdict(r["flat"]),
                            "drift %+d bytes between the 2nd and last of 11 samples after GC" % r["drift_bytes"]))
            if (r["section"] == "memory" and r.get("kind") == "alloc" and r["arch"] == "784-256-10"
                    and r["batch"] == 32):
                mode = r.get("zero_grad", "set_to_none")
                judged = mode == "in_place"  # fresh gradients each step are what set_to_none asks for
                out.append(("allocation per MLP step <= 3x activations, zeroGrad(%s) (%s)"
                            % ("false" if judged else "true", label),
                            verdict(r["alloc_over_activations"] <= 3.0) if judged else "reported",
                            "%.1fx: %.0f bytes per step, activations %d bytes (parameters %d bytes)" % (
                                r["alloc_over_activations"], r["alloc_bytes_per_step"], r["activation_bytes"],
                                r["parameter_bytes"])))
    return out


def threads_of(d):
    return {r.get("threads") for r in d["results"]}


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


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--simd", action="store_true", help="run jgrad with --add-modules jdk.incubator.vector")
    ap.add_argument("--both", action="store_true", help="run jgrad twice: plain JVM and SIMD")
    ap.add_argument("--python", default=None, help="the Python with torch (default: /tmp/torch-venv/bin/python, "
                                                     "then python3)")
    ap.add_argument("--threads", default="1,2")
    ap.add_argument("--sections", default="matmul,elementwise,chain,micro,mlp,epoch,memory",
                    help="sections to run on both sides (memory is jgrad's only)")
    ap.add_argument("--data", default=None, help="Fashion-MNIST IDX directory for the epoch workload")
    ap.add_argument("--out", default=os.path.join(ROOT, "target", "bench-compare"),
                    help="where the JSON files and compare.md go")
    ap.add_argument("--build-dir", default=None, help="Maven build directory (-DbuildDir=...)")
    ap.add_argument("--mvn-args", default="", help="extra Maven options, e.g. -o")
    ap.add_argument("--jgrad-args", default="", help="extra options for jgrad's suite (see io.jgrad.bench.Options)")
    ap.add_argument("--skip-torch", action="store_true", help="run jgrad's side only")
    ap.add_argument("--torch-env", action="append", default=[], metavar="KEY=VALUE",
                    help="environment for the PyTorch runs, e.g. OMP_WAIT_POLICY=PASSIVE on a shared machine "
                         "(repeatable)")
    ap.add_argument("--quick", action="store_true", help="fewer sizes and repeats, to check the pipeline")
    ap.add_argument("--rounds", type=int, default=1,
                    help="alternate the two sides this many times and combine the rounds (default 1)")
    args = ap.parse_args()
    if args.rounds < 1:
        sys.exit("compare.py: --rounds must be >= 1, got %d" % args.rounds)
    os.makedirs(args.out, exist_ok=True)
    threads = [int(t) for t in args.threads.split(",")]
    started = datetime.datetime.now().astimezone()
    log = []

    LOAD.start()
    py, torch_info = (None, "skipped (--skip-torch)") if args.skip_torch else find_torch_python(args.python)
    if not py:
        print("PyTorch ABSENT (%s): running jgrad's side only; ratios and PyTorch targets will show '-'" % torch_info,
              flush=True)
    modes = [False, True] if args.both else [args.simd]
    labels = ["SIMD" if simd else "plain" for simd in modes]
    rounds = []  # per round: (torch results or None, [(label, jgrad results)])
    for k in range(args.rounds):
        out_dir = args.out if args.rounds == 1 else os.path.join(args.out, "round-%d" % (k + 1))
        os.makedirs(out_dir, exist_ok=True)
        round_args = args
        if k > 0:
            # memory and epoch results are not medians of repeats: the first round's stand
            later = [x for x in args.sections.split(",") if x not in ("memory", "epoch")]
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
    ROUNDS[:] = rounds if len(rounds) > 1 else []
    if len(rounds) > 1:  # the combined results beside the report, as for a single round
        for name, d in [("torch", torch_res)] + [("jgrad-%s" % label.lower(), d) for label, d in jgrad_runs]:
            if d:
                with open(os.path.join(args.out, name + ".json"), "w") as f:
                    json.dump(d, f, indent=1)

    torch_label = ("PyTorch %s" % torch_res["meta"].get("torch")) if torch_res else "PyTorch (absent)"
    rows = rows_for(torch_res["results"] if torch_res else None, jgrad_runs, threads)
    report = []
    report.append("# jgrad vs PyTorch, float64, medians of 9 repeats%s (ratio = jgrad time / PyTorch time; "
                  % (", median over %d alternating rounds" % args.rounds if args.rounds > 1 else "") +
                  "for GFLOP/s rows PyTorch GFLOP/s / jgrad GFLOP/s; < 1 means jgrad is faster)")
    report.append("")
    report.append("- date: %s" % started.strftime("%Y-%m-%d %H:%M %Z"))
    report.append("- machine: %s" % machine())
    for label, d in jgrad_runs:
        report.append("- jgrad %s: %s" % (label, jvm_summary(d)))
    report.append("- PyTorch: %s" % (("%s, python %s (%s)" % (torch_res["meta"].get("torch"),
                                                              torch_res["meta"].get("python"), py))
                                     if torch_res else "absent: " + torch_info))
    if not torch_res:
        report.append("")
        report.append("**PyTorch is absent (%s): only jgrad's side was run; ratios show '-'.**" % torch_info)
    report.append("")
    report.append(table(rows, labels, torch_label))
    report.append("")
    report.append("## Targets")
    report.append("")
    report.append("| target | verdict | measured |")
    report.append("|---|---|---|")
    for name, verdict, detail in targets(torch_res["results"] if torch_res else None, jgrad_runs):
        report.append("| %s | %s | %s |" % (name, verdict, detail))
    report.append("")
    report.append("## Memory (jgrad)")
    report.append("")
    for label, d in jgrad_runs:
        for r in d["results"]:
            if r["section"] == "memory" and r.get("kind") == "alloc":
                report.append("- %s %s B=%d zeroGrad(%s): %.0f bytes allocated per step = %.2fx the activations "
                              "(%d bytes); parameters %d bytes (%.2fx activations + one set of gradients)" % (
                                  label, r["arch"], r["batch"],
                                  "false" if r.get("zero_grad") == "in_place" else "true",
                                  r["alloc_bytes_per_step"], r["alloc_over_activations"],
                                  r["activation_bytes"], r["parameter_bytes"], r["alloc_over_activations_plus_grads"]))
            if r["section"] == "memory" and r.get("kind") == "heap":
                report.append("- %s heap after GC every %d steps (bytes): %s; drift %+d: %s" % (
                    label, r["steps"] // 10, r["heap_used_after_gc_bytes"], r["drift_bytes"],
                    "flat" if r["flat"] else "NOT flat"))
    report.append("")
    report.append("## Machine load while measuring")
    report.append("")
    report.append("1-minute load average, sampled every %g s (the benchmark itself counts: about 1 while it runs "
                  "one thread, 2 with two; more than that on these %d CPUs means other processes competed):"
                  % (LOAD.period, os.cpu_count() or 0))
    report.append("")
    for label, lo, mid, hi, n in LOAD.summary():
        report.append("- %s: min %.2f, median %.2f, max %.2f (%d samples)" % (label, lo, mid, hi, n))
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
