package io.jgrad.nn;

import io.jgrad.Tensor;
import io.jgrad.ndarray.BinaryOp;
import io.jgrad.ndarray.Elementwise;
import io.jgrad.ndarray.NDArray;
import io.jgrad.ndarray.Reductions;
import java.util.List;

/** Gradient clipping, as PyTorch's {@code torch.nn.utils.clip_grad_norm_} and {@code clip_grad_value_}. */
public final class Gradients {

    private Gradients() {
    }

    /**
     * Scales the gradients of {@code params} in place so that their total 2-norm is at most
     * {@code maxNorm}: with {@code total = √(Σ_p ‖g_p‖²)} (each gradient's norm taken first, as
     * PyTorch does), every gradient is multiplied by {@code maxNorm / (total + 1e-6)} when that is
     * below 1. Parameters without a gradient are skipped.
     *
     * @param params the parameters to clip
     * @param maxNorm the largest total norm allowed, ≥ 0
     * @return the total norm before clipping (NaN or ∞ if a gradient holds one)
     * @throws IllegalArgumentException if {@code maxNorm} is negative or NaN
     */
    public static double clipNorm(List<Tensor> params, double maxNorm) {
        if (!(maxNorm >= 0)) {
            throw new IllegalArgumentException("Gradients.clipNorm: maxNorm must be ≥ 0, got " + maxNorm);
        }
        double sumOfSquares = 0;
        for (Tensor p : params) {
            Tensor g = p.grad();
            if (g != null) {
                double norm = Math.sqrt(Reductions.sumOfSquares(g.array()));
                sumOfSquares += norm * norm;
            }
        }
        double total = Math.sqrt(sumOfSquares);
        double coefficient = maxNorm / (total + 1e-6);
        if (coefficient < 1) {
            for (Tensor p : params) {
                Tensor g = p.grad();
                if (g != null) {
                    Elementwise.binaryInPlace(BinaryOp.MUL, g.array(), NDArray.wrappedScalar(coefficient));
                }
            }
        }
        return total;
    }

    /**
     * Clamps every element of the gradients of {@code params} to {@code [-clip, clip]} in place
     * (NaN stays NaN). Parameters without a gradient are skipped.
     *
     * @param params the parameters to clip
     * @param clip ≥ 0
     * @throws IllegalArgumentException if {@code clip} is negative or NaN
     */
    public static void clipValue(List<Tensor> params, double clip) {
        if (!(clip >= 0)) {
            throw new IllegalArgumentException("Gradients.clipValue: clip must be ≥ 0, got " + clip);
        }
        for (Tensor p : params) {
            Tensor g = p.grad();
            if (g != null) {
                Elementwise.binaryInPlace(BinaryOp.MAXIMUM, g.array(), NDArray.wrappedScalar(-clip));
                Elementwise.binaryInPlace(BinaryOp.MINIMUM, g.array(), NDArray.wrappedScalar(clip));
            }
        }
    }
}
