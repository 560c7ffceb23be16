"""The side-by-side table of bench/compare.py: which jgrad result answers which PyTorch result, and
the rows (jgrad's median, PyTorch's median, their ratio) per workload and thread count.

Standard library only.
"""

NOISY = 1.5  # a side whose repeats spread wider than this (max / min) is flagged

SHORT = {"float64": "f64", "float32": "f32"}


def med(stats):
    return stats["median"] if stats else None


def scalar(v):
    """A single measurement (an epoch's seconds, say) as stats, so that it goes in the same rows."""
    return None if v is None else {"median": v, "min": v, "max": v, "n": 1}


def key_of(r):
    """A workload key that is the same on both sides, or None for results with no counterpart.
    Keys start with (section, threads, dtype); results without a dtype are float64."""
    s = r["section"]
    t = r.get("threads")
    d = r.get("dtype", "float64")
    if s == "matmul":
        return ("matmul", t, d, r["n"])
    if s == "mlp":
        return ("mlp", t, d, r["arch"], r["batch"])
    if s in ("chain", "micro", "epoch", "gpt", "cnnepoch"):
        return (s, t, d)
    if s == "elementwise":
        return ("elementwise", t, d, r["op"], tuple(r["shape"]))
    if s == "cnn":
        return ("cnn", t, d, r.get("batch", 64))
    if s == "conv":
        return ("conv", t, d, r["op"])
    return None


def index(results, impl=None):
    """Results by key_of; with impl, only those of that implementation (or naming none)."""
    idx = {}
    for r in results:
        if impl is not None and r.get("impl", impl) != impl:
            continue
        k = key_of(r)
        if k is not None:
            idx[k] = r
    return idx


def st(r, field):
    """The {"median", "min", "max"} of a result's field (a single number made into one), or None."""
    if not r or field not in r:
        return None
    v = r[field]
    return v if isinstance(v, dict) else scalar(v)


def plus(a, b):
    """Stats of a sum, for fwd+bwd: medians, mins and maxes added (an approximation for the median)."""
    if not a or not b:
        return None
    return {"median": a["median"] + b["median"], "min": a["min"] + b["min"], "max": a["max"] + b["max"]}


def noisy(stats):
    return bool(stats) and stats["min"] > 0 and stats["max"] / stats["min"] > NOISY


IMPLS = ("gemm", "tensor", "jgrad", "jgrad-kept", "ejml", "gemm-only")


def rows_for(torch_res, jgrad_runs, threads):
    """Table rows: (workload, dtype, threads, unit, torch stats, [(jgrad stats, ratio, noisy) per run])."""
    t_idx = index(torch_res) if torch_res else {}
    runs = [(label, {impl: index(d["results"], impl) for impl in IMPLS}, index(d["results"]))
            for label, d in jgrad_runs]
    rows = []

    def add(name, dtype, thr, unit, ts, jstats, higher=False, ratio=True, jgrad_only=False):
        if jgrad_only and all(js is None for js in jstats):
            return  # a variant of jgrad's (EJML, kept gradients, ...) that this run did not measure
        cells = []
        for js in jstats:
            v = med(js)
            tv = med(ts)
            if not ratio or v is None or tv is None or v == 0:
                cells.append((js, None, noisy(js)))
            else:
                cells.append((js, tv / v if higher else v / tv, noisy(js) or noisy(ts)))
        rows.append((name, SHORT.get(dtype, dtype), thr, unit, ts, cells))

    def jgrad_has(pred):
        return any(pred(k) for _, by, a in runs for k in list(a) + [k for i in by.values() for k in i])

    for th in threads:
        for dt in ("float64", "float32"):
            # the matmul sizes jgrad measured in this dtype (and 512, a target's size)
            # (PyTorch's sizes when jgrad's side did not run)
            sizes = sorted({k[3] for _, by, _ in runs for impl in ("gemm", "tensor") for k in by[impl]
                            if k[0] == "matmul" and k[2] == dt} | ({512} if dt == "float32" else set())
                           | ({k[3] for k in t_idx if k[0] == "matmul" and k[2] == dt} if not runs else set()))
            for n in sizes:
                k = ("matmul", th, dt, n)
                ts = st(t_idx.get(k), "gflops")
                for impl, label in (("gemm", "matmul %d (Kernels.gemm, reused C)" % n),
                                    ("tensor", "matmul %d (Tensor.matmul)" % n),
                                    ("ejml", "matmul %d (EJML CommonOps_DDRM.mult, 1 thread)" % n)):
                    if impl == "ejml" and dt != "float64":
                        continue
                    add(label, dt, th, "GFLOP/s", ts, [st(by[impl].get(k), "gflops") for _, by, _ in runs],
                        higher=True, jgrad_only=impl != "gemm")
        mlps = [("784-256-10", 1, "float64"), ("784-256-10", 32, "float64"), ("784-256-10", 256, "float64"),
                ("64-128-128-10", 32, "float64"), ("784-256-10", 64, "float64"), ("784-256-10", 64, "float32")]
        mlps += [(arch, batch, "float32") for arch, batch, _ in mlps[:4]
                 if jgrad_has(lambda k, a=arch, b=batch: k == ("mlp", th, "float32", a, b))]
        for arch, batch, dt in mlps:
            k = ("mlp", th, dt, arch, batch)
            ts = st(t_idx.get(k), "ms_per_step")
            for impl, label in (("jgrad", "MLP %s B=%d step" % (arch, batch)),
                                ("jgrad-kept", "  with zeroGrad(false)"),
                                ("ejml", "  hand-written EJML step"), ("gemm-only", "  its matmuls alone (gemm)")):
                add(label, dt, th, "ms", ts, [st(by[impl].get(k), "ms_per_step") for _, by, _ in runs],
                    jgrad_only=impl != "jgrad")
        for dt in ("float32", "float64"):
            k = ("cnn", th, dt, 64)
            add("CNN step B=64", dt, th, "ms", st(t_idx.get(k), "ms_per_step"),
                [st(a.get(k), "ms_per_step") for _, _, a in runs])
        for op in ("forward", "forward+backward"):
            k = ("conv", th, "float32", op)
            add("conv2d (64,32,14,14)*(64,32,3,3) pad 1 %s" % op, "float32", th, "ms", st(t_idx.get(k), "ms"),
                [st(a.get(k), "ms") for _, _, a in runs])
        k = ("gpt", th, "float32")
        add("GPT step L4 H4 C128 T64 B16 V65", "float32", th, "ms", st(t_idx.get(k), "ms_per_step"),
            [st(a.get(k), "ms_per_step") for _, _, a in runs])
        k = ("chain", th, "float64")
        tr = t_idx.get(k)
        jr = [a.get(k) for _, _, a in runs]
        for field, label in (("fwd_us_per_op", "scalar chain fwd"), ("bwd_us_per_op", "scalar chain bwd")):
            add(label, "float64", th, "us/op", st(tr, field), [st(r, field) for r in jr])
        add("scalar chain fwd+bwd", "float64", th, "us/op", plus(st(tr, "fwd_us_per_op"), st(tr, "bwd_us_per_op")),
            [plus(st(r, "fwd_us_per_op"), st(r, "bwd_us_per_op")) for r in jr])
        k = ("micro", th, "float64")
        add("micrograd MLP 2-16-16-1 x16 step", "float64", th, "ms", st(t_idx.get(k), "ms_per_step"),
            [st(a.get(k), "ms_per_step") for _, _, a in runs])
        ew = sorted({(k[3], k[4]) for a in ([a for _, _, a in runs] if runs else [t_idx]) for k in a
                     if k[0] == "elementwise" and k[1] == th and k[2] == "float64"}, key=lambda x: (len(x[1]), x[0]))
        for op, shape in ew:
            k = ("elementwise", th, "float64", op, shape)
            add("%s %s" % (op, "(" + ", ".join(map(str, shape)) + ("," if len(shape) == 1 else "") + ")"), "float64",
                th, "us", st(t_idx.get(k), "us"), [st(a.get(k), "us") for _, _, a in runs])
        k = ("epoch", th, "float64")
        add("Fashion-MNIST epoch 784-256-10 B=32", "float64", th, "s", st(t_idx.get(k), "sec_per_epoch"),
            [st(a.get(k), "sec_per_epoch") for _, _, a in runs])
        k = ("cnnepoch", th, "float32")
        add("Fashion-MNIST CNN epoch B=64", "float32", th, "s", st(t_idx.get(k), "seconds"),
            [st(a.get(k), "seconds") for _, _, a in runs])
        add("  its test accuracy", "float32", th, "%", scalar_pct(t_idx.get(k)),
            [scalar_pct(a.get(k)) for _, _, a in runs], ratio=False)
    return rows


def scalar_pct(r):
    return scalar(100.0 * r["test_accuracy"]) if r and "test_accuracy" in r else None


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
    """The rows as a Markdown table; rows with no result on either side are left out."""
    head = ["workload", "dtype", "thr", "unit", torch_label]
    for lab in labels:
        head += ["jgrad " + lab, "ratio"]
    lines = ["| " + " | ".join(head) + " |", "|" + "|".join(["---"] * len(head)) + "|"]
    for name, dtype, thr, unit, ts, cells in rows:
        if ts is None and all(js is None for js, _, _ in cells):
            continue
        line = [name, dtype, str(thr), unit, fmt(med(ts)) + ("~" if noisy(ts) else "")]
        for js, ratio, flag in cells:
            line += [fmt(med(js)) + ("~" if noisy(js) else ""),
                     (("%.2f" % ratio) + (" *" if flag else "")) if ratio is not None else "-"]
        lines.append("| " + " | ".join(line) + " |")
    lines.append("")
    lines.append("`~`: that side's repeats spread by more than %.1fx (max / min); `*`: the ratio rests on such a "
                 "side. Treat both as noise from a busy machine, not as a property of the code. Epochs are one "
                 "run each, not medians." % NOISY)
    return "\n".join(lines)
