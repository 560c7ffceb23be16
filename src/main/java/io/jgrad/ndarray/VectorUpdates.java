package io.jgrad.ndarray;

import static io.jgrad.ndarray.VectorKernels.D;
import static io.jgrad.ndarray.VectorKernels.DL;
import static io.jgrad.ndarray.VectorKernels.F;
import static io.jgrad.ndarray.VectorKernels.FL;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;

/**
 * Optimizer updates on the Vector API: SGD (with and without momentum, weight decay, Nesterov) and
 * Adam/AdamW, float64 and float32. Each lane does the plain loop's arithmetic term by term, in its
 * order and with its roundings ({@code a·b + c} is a product rounded, then a sum rounded: never an
 * fma), with the hyperparameters converted as {@link PlainUpdates} converts them, so parameters and
 * buffers are bit-identical to the plain set's. The last {@code n mod L} elements are updated by a
 * scalar loop written as the vector one (the plain kernels take no offset to hand them the tail).
 */
class VectorUpdates extends PlainUpdates {

    VectorUpdates() {
    }

    @Override
    public void sgd(double[] w, double[] g, double[] b, boolean first, double lr, double wd, double mu,
                    double dampening, boolean nesterov, int n) {
        // the plain loop's branches are loop-invariant tests here; each lane computes what its branch does
        boolean decay = wd != 0;
        double keep = 1 - dampening;
        int end = D.loopBound(n);
        for (int i = 0; i < end; i += DL) {
            DoubleVector wv = DoubleVector.fromArray(D, w, i);
            DoubleVector gv = DoubleVector.fromArray(D, g, i);
            if (decay) {
                gv = gv.add(wv.mul(wd));
            }
            DoubleVector step = gv;
            if (b != null) {
                DoubleVector bv = first ? gv : DoubleVector.fromArray(D, b, i).mul(mu).add(gv.mul(keep));
                bv.intoArray(b, i);
                step = nesterov ? gv.add(bv.mul(mu)) : bv;
            }
            wv.sub(step.mul(lr)).intoArray(w, i);
        }
        for (int i = end; i < n; i++) {
            double gi = decay ? g[i] + wd * w[i] : g[i];
            double step = gi;
            if (b != null) {
                double bi = first ? gi : mu * b[i] + keep * gi;
                b[i] = bi;
                step = nesterov ? gi + mu * bi : bi;
            }
            w[i] -= lr * step;
        }
    }

    @Override
    public void sgd(float[] w, float[] g, float[] b, boolean first, double lrD, double wdD, double muD,
                    double dampeningD, boolean nesterov, int n) {
        float lr = (float) lrD;
        float wd = (float) wdD;
        float mu = (float) muD;
        float keep = (float) (1 - dampeningD);
        boolean decay = wd != 0; // tested in float, as the plain loop does
        int end = F.loopBound(n);
        for (int i = 0; i < end; i += FL) {
            FloatVector wv = FloatVector.fromArray(F, w, i);
            FloatVector gv = FloatVector.fromArray(F, g, i);
            if (decay) {
                gv = gv.add(wv.mul(wd));
            }
            FloatVector step = gv;
            if (b != null) {
                FloatVector bv = first ? gv : FloatVector.fromArray(F, b, i).mul(mu).add(gv.mul(keep));
                bv.intoArray(b, i);
                step = nesterov ? gv.add(bv.mul(mu)) : bv;
            }
            wv.sub(step.mul(lr)).intoArray(w, i);
        }
        for (int i = end; i < n; i++) {
            float gi = decay ? g[i] + wd * w[i] : g[i];
            float step = gi;
            if (b != null) {
                float bi = first ? gi : mu * b[i] + keep * gi;
                b[i] = bi;
                step = nesterov ? gi + mu * bi : bi;
            }
            w[i] -= lr * step;
        }
    }

    @Override
    public void adam(double[] w, double[] g, double[] m, double[] v, double l2, double shrink, double beta1,
                     double beta2, double stepSize, double bc2Sqrt, double eps, int n) {
        double keep1 = 1 - beta1;
        double keep2 = 1 - beta2;
        // the plain loop without L2 scales w by shrink; the one with L2 does not scale it at all
        boolean decoupled = l2 == 0;
        int end = D.loopBound(n);
        for (int i = 0; i < end; i += DL) {
            DoubleVector wv = DoubleVector.fromArray(D, w, i);
            DoubleVector gv = DoubleVector.fromArray(D, g, i);
            if (!decoupled) {
                gv = gv.add(wv.mul(l2));
            }
            DoubleVector mv = DoubleVector.fromArray(D, m, i).mul(beta1).add(gv.mul(keep1));
            DoubleVector vv = DoubleVector.fromArray(D, v, i).mul(beta2).add(gv.mul(keep2).mul(gv));
            mv.intoArray(m, i);
            vv.intoArray(v, i);
            DoubleVector delta = mv.mul(stepSize).div(vv.sqrt().div(bc2Sqrt).add(eps));
            (decoupled ? wv.mul(shrink) : wv).sub(delta).intoArray(w, i);
        }
        for (int i = end; i < n; i++) {
            double wi = w[i];
            double gi = decoupled ? g[i] : g[i] + l2 * wi;
            double mi = beta1 * m[i] + keep1 * gi;
            double vi = beta2 * v[i] + keep2 * gi * gi;
            m[i] = mi;
            v[i] = vi;
            w[i] = (decoupled ? wi * shrink : wi) - stepSize * mi / (Math.sqrt(vi) / bc2Sqrt + eps);
        }
    }

    @Override
    public void adam(float[] w, float[] g, float[] m, float[] v, double l2D, double shrinkD, double beta1D,
                     double beta2D, double stepSizeD, double bc2SqrtD, double epsD, int n) {
        float beta1 = (float) beta1D;
        float beta2 = (float) beta2D;
        float keep1 = (float) (1 - beta1D);
        float keep2 = (float) (1 - beta2D);
        float stepSize = (float) stepSizeD;
        float bc2Sqrt = (float) bc2SqrtD;
        float eps = (float) epsD;
        float shrink = (float) shrinkD;
        float l2 = (float) l2D;
        boolean decoupled = l2D == 0; // tested in double, as the plain loop does
        int end = F.loopBound(n);
        for (int i = 0; i < end; i += FL) {
            FloatVector wv = FloatVector.fromArray(F, w, i);
            FloatVector gv = FloatVector.fromArray(F, g, i);
            if (!decoupled) {
                gv = gv.add(wv.mul(l2));
            }
            FloatVector mv = FloatVector.fromArray(F, m, i).mul(beta1).add(gv.mul(keep1));
            FloatVector vv = FloatVector.fromArray(F, v, i).mul(beta2).add(gv.mul(keep2).mul(gv));
            mv.intoArray(m, i);
            vv.intoArray(v, i);
            // a float's square root rounded once is the plain (float) Math.sqrt of it
            FloatVector delta = mv.mul(stepSize).div(vv.sqrt().div(bc2Sqrt).add(eps));
            (decoupled ? wv.mul(shrink) : wv).sub(delta).intoArray(w, i);
        }
        for (int i = end; i < n; i++) {
            float wi = w[i];
            float gi = decoupled ? g[i] : g[i] + l2 * wi;
            float mi = beta1 * m[i] + keep1 * gi;
            float vi = beta2 * v[i] + keep2 * gi * gi;
            m[i] = mi;
            v[i] = vi;
            w[i] = (decoupled ? wi * shrink : wi) - stepSize * mi / ((float) Math.sqrt(vi) / bc2Sqrt + eps);
        }
    }
}
