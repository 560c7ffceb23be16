package io.jgrad.bench;

/**
 * The GPT training step of {@link GptStep} (the examples' nanoGPT-layout model, 4 layers, 4 heads,
 * 128 channels, block 64, batch 16, vocabulary 65, AdamW, float32): ms per step and tokens per
 * second ({@code B·T} = 1,024 tokens a step).
 */
final class GptBench {

    private GptBench() {
    }

    static void run(Harness h, Report r, int threads) {
        GptStep s = new GptStep();
        double[] ts = h.timeit(() -> Harness.consume(s.step()));
        Harness.Stats ms = Harness.Stats.of(Harness.map(ts, t -> t * 1e3));
        Harness.Stats tps = Harness.Stats.of(Harness.map(ts, t -> GptStep.tokensPerStep() / t));
        r.add(Json.obj().put("section", "gpt").put("workload", GptStep.WORKLOAD).put("dtype", "float32")
                        .put("threads", threads).put("ms_per_step", ms).put("tokens_per_s", tps),
                new Report.Row("gpt", GptStep.WORKLOAD.replace("gpt step ", "step "), threads, "ms/step", ms));
    }
}
