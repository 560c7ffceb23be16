"""The performance targets of bench/compare.py: each judged from the same results as the table, as
"met", "missed by X%" (how much faster jgrad must get: the ratio over its limit, or the limit over
the speed, minus one) or "not measured" (with what is missing), and the memory notes.

Standard library only.
"""
from compare_table import fmt, index, med, st

NOT = "not measured"
FLAT_MB = 1.0  # heap growth from the 2nd sample to the last that still counts as flat (jgrad's MemoryBench: 1 MiB)


def judge(value, limit, higher=False):
    """'met', or 'missed by X%' where X is how much faster jgrad must get to meet the limit."""
    ok = value >= limit if higher else value <= limit
    if ok:
        return "met"
    if higher:
        return "missed by %.0f%%" % (100.0 * (limit / value - 1)) if value > 0 else "missed"
    return "missed by %.0f%%" % (100.0 * (value / limit - 1))


def thr_name(th):
    return "%d thread%s" % (th, "" if th == 1 else "s")


class Judge:
    """The targets' shared context: PyTorch's results, jgrad's runs by label, and the rounds."""

    def __init__(self, torch_res, jgrad_runs, rounds):
        self.t_idx = index(torch_res) if torch_res else {}
        self.torch_present = torch_res is not None
        self.runs = dict(jgrad_runs)
        self.rounds = rounds or []

    def run(self, label):
        return self.runs.get(label)

    def ratio(self, name, label, key, field, limit, unit, impl=None, higher=False, extra=None):
        """A target on jgrad's median over PyTorch's: time ratio <= limit, or (higher) speed factor >= limit."""
        d = self.run(label)
        if d is None:
            return (name, NOT, "no %s run of jgrad (%s)" % (label, "--simd or --both" if label == "SIMD"
                                                              else "without --simd, or --both"))
        j = index(d["results"], impl).get(key)
        if not j:
            return (name, NOT, "no jgrad result (section %s, %s)" % (key[0], thr_name(key[1])))
        jv = med(st(j, field))
        t = self.t_idx.get(key)
        if not t:
            return (name, NOT, "no PyTorch result; jgrad %s %s" % (fmt(jv), unit))
        tv = med(st(t, field))
        value = jv / tv
        detail = "%s %.2f%s (jgrad %s %s, PyTorch %s %s)%s%s" % (
            "" if higher else "ratio", value, "x" if higher else "", fmt(jv), unit, fmt(tv), unit,
            extra(d, tv) if extra else "", self.per_round(label, key, field, impl))
        return (name, judge(value, limit, higher), detail.strip())

    def per_round(self, label, key, field, impl):
        vals = []
        for t_round, runs in self.rounds:
            d = dict(runs).get(label)
            j = index(d["results"], impl).get(key) if d else None
            t = index(t_round["results"]).get(key) if t_round else None
            if j and t:
                vals.append("%.2f" % (med(st(j, field)) / med(st(t, field))))
        return ("; per round: %s" % ", ".join(vals)) if vals else ""


def targets(torch_res, jgrad_runs, threads, rounds=None):
    """(target, verdict, detail) for each target: the float32/CNN/transformer ones first, then v1's."""
    J = Judge(torch_res, jgrad_runs, rounds)
    return issue_targets(J, threads) + memory_targets(J) + v1_targets(J, threads)


def issue_targets(J, threads):
    out = []
    for th in threads:
        out.append(J.ratio("float32 matmul 512 >= 1.2x PyTorch GFLOP/s, %s (SIMD)" % thr_name(th), "SIMD",
                           ("matmul", th, "float32", 512), "gflops", 1.2, "GFLOP/s", impl="gemm", higher=True))
    out.append(f64_matmul_60(J))
    specs = [("float32 MLP 784-256-10 B=64 step <= 1.0", ("mlp", "float32", "784-256-10", 64), "ms_per_step", "ms",
              "jgrad"),
             ("CNN step B=64 float32 <= 1.0", ("cnn", "float32", 64), "ms_per_step", "ms", None),
             ("CNN step B=64 float64 <= 1.0", ("cnn", "float64", 64), "ms_per_step", "ms", None),
             ("conv2d forward <= 1.0", ("conv", "float32", "forward"), "ms", "ms", None),
             ("conv2d forward+backward <= 1.0", ("conv", "float32", "forward+backward"), "ms", "ms", None),
             ("GPT step <= 1.0", ("gpt", "float32"), "ms_per_step", "ms", None)]
    for name, k, field, unit, impl in specs:
        for th in threads:
            out.append(J.ratio("%s, %s (SIMD)" % (name, thr_name(th)), "SIMD", (k[0], th) + k[1:], field, 1.0, unit,
                               impl=impl))
    for th in threads:
        out.append(cnn_epoch(J, th))
    for th in threads:
        out.append(J.ratio("plain JVM: GPT step <= 3.0, %s" % thr_name(th), "plain", ("gpt", th, "float32"),
                           "ms_per_step", 3.0, "ms"))
    return out


def f64_matmul_60(J):
    name = "float64 matmul 512, 1 thread >= 60 GFLOP/s (SIMD)"
    d = J.run("SIMD")
    if d is None:
        return (name, NOT, "no SIMD run of jgrad (--simd or --both)")
    j = index(d["results"], "gemm").get(("matmul", 1, "float64", 512))
    if not j:
        return (name, NOT, "no matmul n=512 at 1 thread in the SIMD run")
    g = med(j["gflops"])
    return (name, judge(g, 60.0, higher=True), "%.1f GFLOP/s" % g)


def cnn_epoch(J, th):
    name = "Fashion-MNIST CNN epoch <= 1.0, test accuracy within 1 point, %s (SIMD)" % thr_name(th)
    d = J.run("SIMD")
    if d is None:
        return (name, NOT, "no SIMD run of jgrad (--simd or --both)")
    k = ("cnnepoch", th, "float32")
    j = index(d["results"]).get(k)
    t = J.t_idx.get(k)
    if not j:
        return (name, NOT, "no jgrad result (section cnnepoch, %s)" % thr_name(th))
    if not t:
        return (name, NOT, "no PyTorch result; jgrad %.1f s, accuracy %.2f%%" % (j["seconds"], 100 * j["test_accuracy"]))
    ratio = j["seconds"] / t["seconds"]
    gap = 100.0 * (j["test_accuracy"] - t["test_accuracy"])
    verdict = judge(ratio, 1.0)
    if abs(gap) > 1.0:
        verdict = ("missed: accuracy %+.2f points" % gap) + ("" if verdict == "met" else "; time " + verdict)
    inits = {j.get("init"), t.get("init")}
    return (name, verdict, "ratio %.2f (jgrad %.1f s, PyTorch %.1f s); accuracy jgrad %.2f%%, PyTorch %.2f%% (%+.2f "
            "points)%s" % (ratio, j["seconds"], t["seconds"], 100 * j["test_accuracy"], 100 * t["test_accuracy"], gap,
                           "" if inits == {"shared"} else "; NOT from shared initial weights (init %s)" % sorted(
                               str(x) for x in inits)))


def memory_targets(J):
    out = []
    for label, d in J.runs.items():
        heap = [r for r in d["results"] if r["section"] == "gptmem" and r.get("kind") == "heap"]
        alloc = [r for r in d["results"] if r["section"] == "gptmem" and r.get("kind") == "alloc"]
        if not heap:
            out.append(("heap flat over 1,000 GPT steps (%s)" % label, NOT, "section gptmem not run"))
        for r in heap:
            mb = r["heap_after_gc_mb"]
            drift = mb[-1] - mb[1 if len(mb) > 2 else 0] if mb else 0.0
            flat = r["flat"] if "flat" in r else abs(drift) <= FLAT_MB
            out.append(("heap flat over %s GPT steps (%s)" % (format(r["steps"], ","), label),
                        "met" if flat else "missed by %+.1f MB" % drift,
                        "heap after GC (MB): %s; drift %+.2f MB from the 2nd sample to the last (flat: within %g MB)"
                        % (", ".join("%.1f" % x for x in mb), drift, FLAT_MB)))
        if not alloc:
            out.append(("GPT allocation per step reported next to the activations (%s)" % label, NOT,
                        "section gptmem not run"))
        for r in alloc:
            what = "GPT allocation per step reported next to the activations (%s%s)" % (
                label, ", zeroGrad(%s)" % r["zero_grad"] if "zero_grad" in r else "")
            out.append((what, "met", "%s bytes per step = %.2fx the activations (%s bytes)" % (
                format(int(r["bytes_per_step"]), ","), r["bytes_per_step"] / r["activation_bytes"],
                format(int(r["activation_bytes"]), ","))))
    return out


def v1_targets(J, threads):
    out = []
    for label, d in J.runs.items():
        out.append(chain_target(J, label))
        out.append(J.ratio("v1: micrograd MLP step <= 0.1 (%s)" % label, label, ("micro", 1, "float64"),
                           "ms_per_step", 0.1, "ms"))

    def kept(k):
        def note(d, tv):
            r = index(d["results"], "jgrad-kept").get(k)
            return ("; with zeroGrad(false) %.2f (%s ms)" % (med(r["ms_per_step"]) / tv, fmt(med(r["ms_per_step"])))
                    if r else "")
        return note

    for batch in (32, 256):
        for th in threads:
            k = ("mlp", th, "float64", "784-256-10", batch)
            out.append(J.ratio("v1: MLP 784-256-10 B=%d step <= 1.0, %s (SIMD)" % (batch, thr_name(th)), "SIMD", k,
                               "ms_per_step", 1.0, "ms", impl="jgrad", extra=kept(k)))
    for th in threads:
        out.append(J.ratio("v1: Fashion-MNIST MLP epoch <= 1.0, %s (SIMD)" % thr_name(th), "SIMD",
                           ("epoch", th, "float64"), "sec_per_epoch", 1.0, "s"))
    plain = J.run("plain")
    for th in threads:
        name = "v1: plain JVM: MLP 784-256-10 B=32 no slower than hand-written EJML, %s" % thr_name(th)
        if plain is None:
            out.append((name, NOT, "no plain run of jgrad (without --simd, or --both)"))
            continue
        k = ("mlp", th, "float64", "784-256-10", 32)
        j = index(plain["results"], "jgrad").get(k)
        e = index(plain["results"], "ejml").get(k)
        if not (j and e):
            out.append((name, NOT, "no %s result at B=32 in the plain run (section mlp)"
                        % " and ".join(x for x, r in (("jgrad", j), ("hand-written EJML", e)) if not r)))
            continue
        ratio = med(j["ms_per_step"]) / med(e["ms_per_step"])
        tr = J.t_idx.get(k)
        vs_torch = (", %.2fx PyTorch" % (med(j["ms_per_step"]) / med(tr["ms_per_step"]))) if tr else ""
        out.append((name, judge(ratio, 1.0), "jgrad/EJML %.2f (jgrad %.3f ms, EJML %.3f ms%s)" % (
            ratio, med(j["ms_per_step"]), med(e["ms_per_step"]), vs_torch)))
    out.append(J.ratio("v1: float64 matmul 512, 1 thread >= 1.4x PyTorch (SIMD)", "SIMD", ("matmul", 1, "float64", 512),
                       "gflops", 1.4, "GFLOP/s", impl="gemm", higher=True))
    for label, d in J.runs.items():
        if not any(r["section"] == "memory" for r in d["results"]):
            out.append(("v1: heap flat; allocation per MLP step <= 3x activations (%s)" % label, NOT,
                        "section memory not run"))
        for r in d["results"]:
            if r["section"] == "memory" and r.get("kind") == "heap":
                out.append(("v1: heap flat over %s MLP steps (%s)" % (format(r["steps"], ","), label),
                            "met" if r["flat"] else "missed by %+d bytes" % r["drift_bytes"],
                            "drift %+d bytes between the 2nd and last of 11 samples after GC" % r["drift_bytes"]))
            if (r["section"] == "memory" and r.get("kind") == "alloc" and r["arch"] == "784-256-10"
                    and r["batch"] == 32):
                judged = r.get("zero_grad", "set_to_none") == "in_place"  # set_to_none asks for fresh gradients
                out.append(("v1: allocation per MLP step <= 3x activations, zeroGrad(%s) (%s)"
                            % ("false" if judged else "true", label),
                            judge(r["alloc_over_activations"], 3.0) if judged else "reported",
                            "%.1fx: %.0f bytes per step, activations %d bytes (parameters %d bytes)" % (
                                r["alloc_over_activations"], r["alloc_bytes_per_step"], r["activation_bytes"],
                                r["parameter_bytes"])))
    return out


def chain_target(J, label):
    """The scalar chain, judged on forward + backward per op."""
    name = "v1: scalar chain fwd+bwd per op <= 0.1 (%s)" % label
    k = ("chain", 1, "float64")
    jr = index(J.run(label)["results"]).get(k)
    tr = J.t_idx.get(k)
    if not jr:
        return (name, NOT, "section chain not run")

    def both(r):
        return med(r["fwd_us_per_op"]) + med(r["bwd_us_per_op"])
    if not tr:
        return (name, NOT, "no PyTorch result; jgrad %.3f us/op" % both(jr))
    ratio = both(jr) / both(tr)
    return (name, judge(ratio, 0.1), "ratio %.3f (jgrad %.3f us/op, PyTorch %.3f us/op)" % (ratio, both(jr), both(tr)))


def memory_lines(jgrad_runs):
    """The memory section of the report: each run's allocation and heap results, MLP and GPT."""
    lines = []
    for label, d in jgrad_runs:
        for r in d["results"]:
            if r["section"] == "memory" and r.get("kind") == "alloc":
                lines.append("- %s %s B=%d zeroGrad(%s): %.0f bytes allocated per step = %.2fx the activations "
                             "(%d bytes); parameters %d bytes (%.2fx activations + one set of gradients)" % (
                                 label, r["arch"], r["batch"],
                                 "false" if r.get("zero_grad") == "in_place" else "true",
                                 r["alloc_bytes_per_step"], r["alloc_over_activations"],
                                 r["activation_bytes"], r["parameter_bytes"], r["alloc_over_activations_plus_grads"]))
            if r["section"] == "memory" and r.get("kind") == "heap":
                lines.append("- %s heap after GC every %d steps (bytes): %s; drift %+d: %s" % (
                    label, r["steps"] // 10, r["heap_used_after_gc_bytes"], r["drift_bytes"],
                    "flat" if r["flat"] else "NOT flat"))
            if r["section"] == "gptmem" and r.get("kind") == "alloc":
                lines.append("- %s GPT step: %.0f bytes allocated per step = %.2fx the activations (%d bytes)" % (
                    label, r["bytes_per_step"], r["bytes_per_step"] / r["activation_bytes"], r["activation_bytes"]))
            if r["section"] == "gptmem" and r.get("kind") == "heap":
                lines.append("- %s GPT heap after GC over %d steps (MB): %s" % (
                    label, r["steps"], ", ".join("%.1f" % x for x in r["heap_after_gc_mb"])))
    return lines
