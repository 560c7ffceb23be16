package io.jgrad.linalg;

import static org.assertj.core.api.Assertions.assertThat;

import io.jgrad.Autograd;
import io.jgrad.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Linalg} against PyTorch's {@code torch.linalg} at the fixed points of {@link TorchReference}
 * (written by {@code src/test/python/linalg_reference.py}): the outputs, the gradient of
 * {@code Σ_k sum(out_k ⊙ W_k)}, and the second-order gradient of {@code Σ_i sum(grad_i ⊙ V_i)}
 * (a Hessian-vector product through {@code createGraph}). Eigenvectors and singular vectors, defined
 * up to sign, enter through sign-invariant functions ({@code V ⊙ V}), so these are PyTorch's
 * gradients of gauge-invariant losses. The QR factors are compared as they are: jgrad gives
 * LAPACK's signs (also for square and wide matrices and for columns already zero below the diagonal,
 * where EJML's reflections alone would differ).
 *
 * <p>Tolerance {@code 1e-9·(1 + |torch|)}: EJML and LAPACK factor by different algorithms, so the
 * last digits differ; a wrong formula misses by far more.
 */
class LinalgTorchReferenceTest {

    static Stream<TorchReference.Entry> entries() {
        return TorchReference.ENTRIES.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("entries")
    void valuesAndGradientsMatchPyTorch(TorchReference.Entry e) {
        List<Tensor> inputs = new ArrayList<>();
        for (int i = 0; i < e.inputs().length; i++) {
            inputs.add(Tensor.fromArray(e.inputs()[i], e.inputShapes()[i]).requiresGrad(true));
        }
        List<Tensor> outputs = function(e.name()).apply(inputs);
        assertThat(outputs).as("%s: outputs", e.name()).hasSize(e.outputs().length);
        Tensor loss = Tensor.scalar(0);
        for (int k = 0; k < outputs.size(); k++) {
            Tensor out = outputs.get(k);
            assertThat(out.shape().toArray()).as("%s: shape of output %d", e.name(), k).isEqualTo(e.outputShapes()[k]);
            close(e.name() + ": output " + k, out.toArray(), e.outputs()[k]);
            loss = loss.add(out.mul(Tensor.fromArray(e.weights()[k], e.outputShapes()[k])).sum());
        }

        List<Tensor> grads = Autograd.grad(loss, inputs, true);
        Tensor second = Tensor.scalar(0);
        for (int i = 0; i < grads.size(); i++) {
            close(e.name() + ": gradient of input " + i, grads.get(i).toArray(), e.grads()[i]);
            second = second.add(grads.get(i).mul(Tensor.fromArray(e.directions()[i], e.inputShapes()[i])).sum());
        }
        List<Tensor> hvp = Autograd.grad(second, inputs, false);
        for (int i = 0; i < hvp.size(); i++) {
            close(e.name() + ": second-order gradient of input " + i, hvp.get(i).toArray(), e.secondOrder()[i]);
        }
    }

    /** The functions of {@code linalg_reference.py}'s cases, by name. */
    private static Function<List<Tensor>, List<Tensor>> function(String name) {
        switch (name) {
            case "solve":
            case "solve vector batched":
                return t -> List.of(Linalg.solve(t.get(0), t.get(1)));
            case "inv":
                return t -> List.of(Linalg.inv(t.get(0)));
            case "det":
            case "det batched":
            case "det singular":
                return t -> List.of(Linalg.det(t.get(0)));
            case "slogdet":
                return t -> {
                    Linalg.SignLogDet s = Linalg.slogdet(t.get(0));
                    return List.of(s.sign(), s.logAbsDet());
                };
            case "cholesky":
            case "cholesky batched":
                return t -> List.of(Linalg.cholesky(t.get(0)));
            case "qr tall":
            case "qr wide":
            case "qr square":
            case "qr batched with a triangular matrix":
                return t -> {
                    Linalg.QR qr = Linalg.qr(t.get(0));
                    return List.of(qr.q(), qr.r());
                };
            case "eigh, V*V":
            case "eigh batched, V*V":
                return t -> {
                    Linalg.Eigh e = Linalg.eigh(t.get(0));
                    return List.of(e.eigenvalues(), e.eigenvectors().mul(e.eigenvectors()));
                };
            case "svd tall, U*U and Vh*Vh":
            case "svd wide, U*U and Vh*Vh":
                return t -> {
                    Linalg.SVD d = Linalg.svd(t.get(0));
                    return List.of(d.u().mul(d.u()), d.s(), d.vh().mul(d.vh()));
                };
            case "svdvals":
                return t -> List.of(Linalg.svdvals(t.get(0)));
            default:
                throw new AssertionError("no function for the reference entry " + name);
        }
    }

    private static void close(String what, double[] actual, double[] expected) {
        assertThat(actual).as("%s: size", what).hasSize(expected.length);
        for (int i = 0; i < expected.length; i++) {
            double tol = 1e-9 * (1 + Math.abs(expected[i]));
            if (!(Math.abs(actual[i] - expected[i]) <= tol)) {
                throw new AssertionError(String.format("%s, element %d: jgrad %.17g, PyTorch %.17g (difference %.3g)",
                        what, i, actual[i], expected[i], Math.abs(actual[i] - expected[i])));
            }
        }
    }
}
