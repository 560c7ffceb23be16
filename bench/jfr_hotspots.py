#!/usr/bin/env python3
"""Where a JFR recording of jgrad spent its time: execution samples of the main thread grouped by
phase of the training step, by op class, and by the method on top of the stack, plus GC pauses.

    java -XX:StartFlightRecording=filename=step.jfr,settings=profile -cp ... io.jgrad.bench.StepLoop 784-256-10 32 20
    python3 bench/jfr_hotspots.py step.jfr

Standard library only; needs the JDK's `jfr` tool on the PATH (or --jfr PATH).
"""
import argparse
import collections
import json
import subprocess
import sys


def frames_of(event):
    st = event["values"].get("stackTrace") or {}
    out = []
    for f in st.get("frames", []):
        m = f["method"]
        cls = m["type"]["name"].replace("/", ".")
        out.append(cls + "." + m["name"])
    return out


PHASES = [  # (name, predicate on a frame), first match from the bottom of the stack wins
    ("optimizer step", lambda f: f.startswith("io.jgrad.optim.") and f.endswith(".step")),
    ("zeroGrad", lambda f: f.endswith(".zeroGrad")),
    ("backward", lambda f: f.startswith("io.jgrad.Engine.") or f.startswith("io.jgrad.Tensor.backward")),
    ("loss (cross-entropy forward)", lambda f: f.startswith("io.jgrad.nn.CrossEntropyLoss.")),
    ("forward (layers)", lambda f: f.startswith("io.jgrad.nn.Sequential.forward")),
]

KINDS = [  # (name, predicate on the innermost jgrad or EJML frame: JDK frames above it count as its work)
    ("matmul kernel", lambda f: ("Gemm" in f and f.startswith("io.jgrad.ndarray.")) or f.startswith("org.ejml.")),
    ("element-wise / reduction kernels", lambda f: f.startswith("io.jgrad.ndarray.")),
    ("optimizer update loop", lambda f: f.startswith("io.jgrad.optim.")),
    ("autograd bookkeeping (ops, Tensor, Engine, nn)", lambda f: f.startswith("io.jgrad.")),
]
ZEROING = ("java.util.Arrays.fill", "java.lang.System.arraycopy", "jdk.internal.misc.Unsafe")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("recording")
    ap.add_argument("--jfr", default="jfr")
    ap.add_argument("--thread", default="main", help="Java thread whose samples count (default main)")
    ap.add_argument("--top", type=int, default=20)
    args = ap.parse_args()
    out = subprocess.run([args.jfr, "print", "--json", "--stack-depth", "128", "--events",
                          "jdk.ExecutionSample,jdk.GCPhasePause", args.recording],
                         capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit("jfr print failed: " + out.stderr)
    events = json.loads(out.stdout)["recording"]["events"]
    samples = [e for e in events if e["type"] == "jdk.ExecutionSample"
               and (e["values"]["sampledThread"] or {}).get("javaName") in (args.thread, None)]
    other = [e for e in events if e["type"] == "jdk.ExecutionSample" and e not in samples]
    gcs = [e for e in events if e["type"] == "jdk.GCPhasePause"]
    n = len(samples)
    if n == 0:
        sys.exit("no execution samples of thread %r" % args.thread)
    phase = collections.Counter()
    kind = collections.Counter()
    op = collections.Counter()
    top = collections.Counter()
    for e in samples:
        fr = frames_of(e)  # fr[0] is the top of the stack
        top[fr[0] if fr else "?"] += 1
        p = "other"
        for f in reversed(fr):
            hit = next((name for name, pred in PHASES if pred(f)), None)
            if hit:
                p = hit
        phase[p] += 1
        own = next((f for f in fr if f.startswith("io.jgrad.") or f.startswith("org.ejml.")), None)
        if fr and fr[0].startswith(ZEROING) and not (own and "Gemm" in own):
            k = "filling / copying arrays (Arrays.fill, arraycopy)"
        else:
            k = next((name for name, pred in KINDS if own and pred(own)), "other (JDK only)")
        kind[k] += 1
        o = next((f.split(".")[3] for f in fr if f.startswith("io.jgrad.ops.")), "(no op class on the stack)")
        op[o + (" [in backward]" if any(f.startswith("io.jgrad.Engine.") for f in fr) else "")] += 1

    def show(title, counter, limit=None):
        print("\n" + title)
        for name, c in counter.most_common(limit):
            print("  %5.1f%%  %s" % (100.0 * c / n, name))

    print("%d samples of thread %r (%d samples of other threads)" % (n, args.thread, len(other)))
    show("by phase of the step (innermost phase on the stack):", phase)
    show("by kind of work (innermost jgrad/EJML frame):", kind)
    show("by op class (innermost io.jgrad.ops frame):", op, args.top)
    show("top methods (self time):", top, args.top)
    if gcs:
        def dur(e):
            d = e["values"].get("duration", "0 s")
            if isinstance(d, (int, float)):
                return float(d)
            return parse_duration(d)
        total = sum(dur(e) for e in gcs)
        stamps = sorted(e["values"]["startTime"] for e in samples)
        span = seconds_between(stamps[0], stamps[-1])
        print("\nGC: %d pauses, %.3f s of pauses in total, over %.1f s of samples (%.1f%%; GC pauses are"
              " not in the samples above)" % (len(gcs), total, span, 100.0 * total / span if span else 0.0))


def seconds_between(a, b):
    """Seconds from ISO-8601 instant a to b (as JFR prints them, nanoseconds and a Z)."""
    import datetime

    def parse(t):
        t = t.rstrip("Z")
        whole, _, frac = t.partition(".")
        d = datetime.datetime.fromisoformat(whole)
        return d.timestamp() + (float("0." + frac) if frac else 0.0)
    return parse(b) - parse(a)


def parse_duration(text):
    """JFR JSON durations look like 'PT0.001234S' (ISO-8601)."""
    t = text.strip()
    if t.startswith("PT") and t.endswith("S"):
        body = t[2:-1]
        minutes = 0.0
        if "M" in body:
            m, body = body.split("M", 1)
            minutes = float(m)
        return minutes * 60 + float(body or 0)
    return 0.0


if __name__ == "__main__":
    main()
