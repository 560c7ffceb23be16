package io.jgrad.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jgrad.DType;
import io.jgrad.Tensor;
import io.jgrad.nn.Gradients;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * RMSprop, the learning-rate schedules, gradient clipping and optimizer state dicts, against
 * values PyTorch 2.13 printed (torch.set_default_dtype(torch.float64); the script's lines are in
 * each test).
 */
class OptimV2Test {

    // the gradient PyTorch's runs set before each step t: [0.3(t+1) − 0.1·w0, −0.2(t+1) + 0.05·w1]
    private static double[] run(Function<List<Tensor>, Optimizer> make, int steps) {
        Tensor w = Tensor.of(0.5, -1.5).requiresGrad(true);
        Optimizer opt = make.apply(List.of(w));
        for (int t = 0; t < steps; t++) {
            setGrad(w, t);
            opt.step();
        }
        return w.toArray();
    }

    private static void setGrad(Tensor w, int t) {
        double[] x = w.toArray();
        Tensor g = Tensor.of(0.3 * (t + 1) - x[0] * 0.1, -0.2 * (t + 1) + x[1] * 0.05);
        w.zeroGrad();
        w.mul(g).sum().backward(); // leaves exactly g in w.grad()
    }

    @Test
    void rmspropFollowsPyTorch() {
        // torch.optim.RMSprop(p, lr=0.01), 5 steps
        assertThat(run(p -> new RMSprop(p, 0.01), 5)).containsExactly(
                new double[] {0.08368996734825904, -1.099003760769847}, org.assertj.core.data.Offset.offset(1e-14));
        // RMSprop(p, lr=0.01, alpha=0.9, eps=1e-6, weight_decay=0.1, momentum=0.8, centered=True)
        assertThat(run(p -> new RMSprop(p, 0.01).alpha(0.9).eps(1e-6).weightDecay(0.1).momentum(0.8).centered(true), 5))
                .containsExactly(new double[] {0.14442797041668431, -1.1590586567873333},
                        org.assertj.core.data.Offset.offset(1e-14));
        assertThatThrownBy(() -> new RMSprop(List.of(Tensor.of(1).requiresGrad(true)), 0.1).alpha(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("alpha");
    }

    private static double[] schedule(Function<Optimizer, LRScheduler> make, int steps) {
        SGD opt = new SGD(List.of(Tensor.zeros(1).requiresGrad(true)), 0.1);
        LRScheduler s = make.apply(opt);
        double[] out = new double[steps + 1];
        out[0] = s.lastLr();
        for (int i = 1; i <= steps; i++) {
            opt.step();
            s.step();
            out[i] = s.lastLr();
            assertThat(opt.lr()).isEqualTo(Math.max(0, out[i]));
        }
        return out;
    }

    @Test
    void schedulesGivePyTorchsSequences() {
        assertThat(schedule(o -> new StepLR(o, 3, 0.5), 12)).containsExactly(
                0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.025, 0.025, 0.025, 0.0125, 0.0125, 0.0125, 0.00625);
        assertThat(schedule(o -> new CosineAnnealingLR(o, 5, 0.01), 14)).containsExactly(new double[] {
            0.1, 0.09140576474687263, 0.06890576474687263, 0.04109423525312736, 0.018594235253127367, 0.01,
            0.018594235253127367, 0.04109423525312739, 0.06890576474687267, 0.09140576474687269, 0.10000000000000006,
            0.09140576474687272, 0.06890576474687268, 0.0410942352531274, 0.01859423525312738},
                org.assertj.core.data.Offset.offset(1e-16));
        assertThat(schedule(o -> new LinearLR(o, 0.25, 1.0, 4), 6)).containsExactly(new double[] {
            0.025, 0.043750000000000004, 0.06250000000000001, 0.08125000000000002, 0.10000000000000002,
            0.10000000000000002, 0.10000000000000002}, org.assertj.core.data.Offset.offset(1e-17));
        assertThat(schedule(o -> new LambdaLR(o, e -> Math.pow(0.9, e)), 4)).containsExactly(new double[] {
            0.1, 0.09000000000000001, 0.08100000000000002, 0.0729, 0.06561}, org.assertj.core.data.Offset.offset(1e-17));
        SGD opt = new SGD(List.of(Tensor.zeros(1).requiresGrad(true)), 0.1);
        assertThatThrownBy(() -> new StepLR(opt, 0, 0.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CosineAnnealingLR(opt, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LinearLR(opt, 0, 1, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LambdaLR(opt, null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void clippingFollowsClipGradNorm() {
        Tensor a = Tensor.of(3, 4).requiresGrad(true);
        Tensor b = Tensor.of(12).requiresGrad(true);
        Tensor unused = Tensor.of(1).requiresGrad(true);
        a.mul(a).mul(0.5).sum().add(b.mul(b).mul(0.5).sum()).backward(); // grads = values: norms 5 and 12
        double total = Gradients.clipNorm(List.of(a, b, unused), 6.5);
        assertThat(total).isEqualTo(13.0);
        double c = 6.5 / (13.0 + 1e-6);
        assertThat(a.grad().toArray()).containsExactly(3 * c, 4 * c);
        assertThat(b.grad().toArray()).containsExactly(12 * c);
        assertThat(Gradients.clipNorm(List.of(a, b), 100)).isCloseTo(6.5, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(b.grad().toArray()).as("no change below the bound").containsExactly(12 * c);

        Tensor d = Tensor.of(-3, 0.5, 2).requiresGrad(true);
        d.mul(Tensor.of(-3, 0.5, Double.NaN)).sum().backward();
        Gradients.clipValue(List.of(d, unused), 1.0);
        assertThat(d.grad().toArray()).containsExactly(-1.0, 0.5, Double.NaN);
        Tensor f = Tensor.fromArray(new float[] {10f, -10f}, 2).requiresGrad(true);
        f.sum().mul(5.0).backward();
        Gradients.clipValue(List.of(f), 2);
        assertThat(f.grad().dtype()).isEqualTo(DType.FLOAT32);
        assertThat(f.grad().toFloatArray()).containsExactly(2f, 2f);
        assertThatThrownBy(() -> Gradients.clipNorm(List.of(a), -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Gradients.clipValue(List.of(a), Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void stateDictsUsePyTorchsKeysAndResumeBitForBit() {
        List<Function<List<Tensor>, Optimizer>> makers = List.of(
                p -> new SGD(p, 0.1).momentum(0.9).weightDecay(0.01),
                p -> new Adam(p, 0.01).weightDecay(0.01),
                p -> new AdamW(p, 0.01),
                p -> new RMSprop(p, 0.01).momentum(0.5).centered(true));
        List<List<String>> keys = List.of(
                List.of("state.0.momentum_buffer", "lr"),
                List.of("state.0.step", "state.0.exp_avg", "state.0.exp_avg_sq", "lr"),
                List.of("state.0.step", "state.0.exp_avg", "state.0.exp_avg_sq", "lr"),
                List.of("state.0.step", "state.0.square_avg", "state.0.momentum_buffer", "state.0.grad_avg", "lr"));
        for (int m = 0; m < makers.size(); m++) {
            Tensor w = Tensor.of(0.5, -1.5).requiresGrad(true);
            Tensor idle = Tensor.of(1).requiresGrad(true); // never gets a gradient: no state, as PyTorch
            Optimizer opt = makers.get(m).apply(List.of(w, idle));
            for (int t = 0; t < 3; t++) {
                setGrad(w, t);
                opt.step();
            }
            Map<String, Tensor> state = opt.stateDict();
            assertThat(state.keySet()).containsExactlyElementsOf(keys.get(m));
            assertThat(state.get("lr").dim()).isZero();
            if (state.containsKey("state.0.step")) {
                assertThat(state.get("state.0.step").item()).isEqualTo(3.0);
            }

            // a copy resumed from the state dict steps as the original does, bit for bit
            Tensor w2 = Tensor.fromArray(w.toArray(), 2).requiresGrad(true);
            Optimizer resumed = makers.get(m).apply(List.of(w2, Tensor.of(1).requiresGrad(true)));
            resumed.loadStateDict(state);
            for (int t = 3; t < 6; t++) {
                setGrad(w, t);
                opt.step();
                setGrad(w2, t);
                resumed.step();
            }
            assertThat(w2.toArray()).as("optimizer %d", m).containsExactly(w.toArray());

            Optimizer fresh = makers.get(m).apply(List.of(Tensor.of(0, 0).requiresGrad(true)));
            Map<String, Tensor> wrongShape = new java.util.LinkedHashMap<>(state);
            String bufferKey = keys.get(m).get(keys.get(m).size() - 2);
            wrongShape.put(bufferKey, Tensor.zeros(3));
            assertThatThrownBy(() -> fresh.loadStateDict(wrongShape)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(bufferKey).hasMessageContaining("(3,)").hasMessageContaining("(2,)");
            Map<String, Tensor> unknown = new java.util.LinkedHashMap<>(state);
            unknown.put("state.0.velocity", Tensor.zeros(2));
            assertThatThrownBy(() -> fresh.loadStateDict(unknown)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("state.0.velocity");
            Map<String, Tensor> outOfRange = new java.util.LinkedHashMap<>(state);
            outOfRange.put("state.5." + bufferKey.substring("state.0.".length()), Tensor.zeros(2));
            assertThatThrownBy(() -> fresh.loadStateDict(outOfRange)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("state.5.");
            assertThatThrownBy(() -> fresh.loadStateDict(Map.of())).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("lr");
        }
    }

    @Test
    void stateDictsResumeBitForBitThroughASafetensorsImageInEachFloatingDtype() {
        List<Function<List<Tensor>, Optimizer>> makers = List.of(
                p -> new SGD(p, 0.1).momentum(0.9).nesterov(true),
                p -> new Adam(p, 0.01),
                p -> new AdamW(p, 0.01).weightDecay(0.1),
                p -> new RMSprop(p, 0.01).momentum(0.5));
        for (DType dtype : List.of(DType.FLOAT32, DType.FLOAT64)) {
            for (int m = 0; m < makers.size(); m++) {
                Tensor w = Tensor.of(0.5, -1.5).to(dtype).requiresGrad(true);
                Optimizer opt = makers.get(m).apply(List.of(w));
                for (int t = 0; t < 3; t++) {
                    setGrad(w, t);
                    opt.step();
                }
                byte[] image = io.jgrad.nn.SafeTensors.toBytes(opt.stateDict(), Map.of());
                Map<String, Tensor> state = io.jgrad.nn.SafeTensors.fromBytes(image);
                for (Map.Entry<String, Tensor> e : state.entrySet()) {
                    boolean buffer = !e.getKey().equals("lr") && !e.getKey().endsWith(".step");
                    assertThat(e.getValue().dtype()).as(e.getKey()).isEqualTo(buffer ? dtype : DType.FLOAT64);
                }
                Tensor w2 = Tensor.wrap(w.array().copy()).requiresGrad(true); // its own copy of the values
                Optimizer resumed = makers.get(m).apply(List.of(w2));
                resumed.loadStateDict(state);
                for (int t = 3; t < 6; t++) {
                    setGrad(w, t);
                    opt.step();
                    setGrad(w2, t);
                    resumed.step();
                }
                assertThat(w2.toArray()).as("%s optimizer %d", dtype, m).containsExactly(w.toArray());
                assertThat(w2.dtype()).isEqualTo(dtype);
            }
        }
    }
}
