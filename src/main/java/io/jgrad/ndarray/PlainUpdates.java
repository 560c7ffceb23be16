package io.jgrad.ndarray;

/**
 * Optimizer updates in plain Java: one branch-free loop per case, indexed by {@code i} alone, so
 * that C2 compiles the common ones to SIMD code. The float64 loops are the arithmetic of the
 * optimizers' documented rules, term by term; the float32 loops the same in single precision.
 */
class PlainUpdates implements UpdateKernels {

    PlainUpdates() {
    }

    @Override
    public void sgd(double[] w, double[] g, double[] b, boolean first, double lrD, double wdD, double muD,
                    double dampeningD, boolean nesterov, int n) {
        double lr = lrD;
        double wd = wdD;
        double mu = muD;
        if (b == null) {
            if (wd == 0) {
                for (int i = 0; i < n; i++) {
                    w[i] -= lr * g[i];
                }
            } else {
                for (int i = 0; i < n; i++) {
                    w[i] -= lr * (g[i] + wd * w[i]);
                }
            }
            return;
        }
        if (first) {
            for (int i = 0; i < n; i++) {
                double gi = wd != 0 ? g[i] + wd * w[i] : g[i];
                b[i] = gi;
                w[i] -= lr * (nesterov ? gi + mu * gi : gi);
            }
            return;
        }
        double keep = (1 - dampeningD);
        if (wd == 0 && !nesterov) {
            for (int i = 0; i < n; i++) {
                double bi = mu * b[i] + keep * g[i];
                b[i] = bi;
                w[i] -= lr * bi;
            }
            return;
        }
        for (int i = 0; i < n; i++) {
            double gi = wd != 0 ? g[i] + wd * w[i] : g[i];
            double bi = mu * b[i] + keep * gi;
            b[i] = bi;
            w[i] -= lr * (nesterov ? gi + mu * bi : bi);
        }
    }

    @Override
    public void adam(double[] w, double[] g, double[] m, double[] v, double l2D, double shrinkD, double beta1D,
                     double beta2D, double stepSizeD, double bc2SqrtD, double epsD, int n) {
        double beta1 = beta1D;
        double beta2 = beta2D;
        double keep1 = (1 - beta1D);
        double keep2 = (1 - beta2D);
        double stepSize = stepSizeD;
        double bc2Sqrt = bc2SqrtD;
        double eps = epsD;
        if (l2D == 0) {
            double shrink = shrinkD;
            for (int i = 0; i < n; i++) {
                double gi = g[i];
                double mi = beta1 * m[i] + keep1 * gi;
                double vi = beta2 * v[i] + keep2 * gi * gi;
                m[i] = mi;
                v[i] = vi;
                w[i] = w[i] * shrink - stepSize * mi / (Math.sqrt(vi) / bc2Sqrt + eps);
            }
            return;
        }
        double l2 = l2D;
        for (int i = 0; i < n; i++) {
            double wi = w[i];
            double gi = g[i] + l2 * wi;
            double mi = beta1 * m[i] + keep1 * gi;
            double vi = beta2 * v[i] + keep2 * gi * gi;
            m[i] = mi;
            v[i] = vi;
            w[i] = wi - stepSize * mi / (Math.sqrt(vi) / bc2Sqrt + eps);
        }
    }

    @Override
    public void sgd(float[] w, float[] g, float[] b, boolean first, double lrD, double wdD, double muD,
                    double dampeningD, boolean nesterov, int n) {
        float lr = (float) lrD;
        float wd = (float) wdD;
        float mu = (float) muD;
        if (b == null) {
            if (wd == 0) {
                for (int i = 0; i < n; i++) {
                    w[i] -= lr * g[i];
                }
            } else {
                for (int i = 0; i < n; i++) {
                    w[i] -= lr * (g[i] + wd * w[i]);
                }
            }
            return;
        }
        if (first) {
            for (int i = 0; i < n; i++) {
                float gi = wd != 0 ? g[i] + wd * w[i] : g[i];
                b[i] = gi;
                w[i] -= lr * (nesterov ? gi + mu * gi : gi);
            }
            return;
        }
        float keep = (float) (1 - dampeningD);
        if (wd == 0 && !nesterov) {
            for (int i = 0; i < n; i++) {
                float bi = mu * b[i] + keep * g[i];
                b[i] = bi;
                w[i] -= lr * bi;
            }
            return;
        }
        for (int i = 0; i < n; i++) {
            float gi = wd != 0 ? g[i] + wd * w[i] : g[i];
            float bi = mu * b[i] + keep * gi;
            b[i] = bi;
            w[i] -= lr * (nesterov ? gi + mu * bi : bi);
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
        if (l2D == 0) {
            float shrink = (float) shrinkD;
            for (int i = 0; i < n; i++) {
                float gi = g[i];
                float mi = beta1 * m[i] + keep1 * gi;
                float vi = beta2 * v[i] + keep2 * gi * gi;
                m[i] = mi;
                v[i] = vi;
                w[i] = w[i] * shrink - stepSize * mi / ((float) Math.sqrt(vi) / bc2Sqrt + eps);
            }
            return;
        }
        float l2 = (float) l2D;
        for (int i = 0; i < n; i++) {
            float wi = w[i];
            float gi = g[i] + l2 * wi;
            float mi = beta1 * m[i] + keep1 * gi;
            float vi = beta2 * v[i] + keep2 * gi * gi;
            m[i] = mi;
            v[i] = vi;
            w[i] = wi - stepSize * mi / ((float) Math.sqrt(vi) / bc2Sqrt + eps);
        }
    }

    @Override
    public void rmsprop(double[] w, double[] g, double[] s, double[] a, double[] b, double lrD, double alphaD, double epsD,
                        double wdD, double muD, int n) {
        double lr = lrD;
        double alpha = alphaD;
        double keep = (1 - alphaD);
        double eps = epsD;
        double wd = wdD;
        double mu = muD;
        for (int i = 0; i < n; i++) {
            double gi = wd != 0 ? g[i] + wd * w[i] : g[i];
            double si = alpha * s[i] + keep * gi * gi;
            s[i] = si;
            double d;
            if (a != null) {
                double ai = a[i] + keep * (gi - a[i]);
                a[i] = ai;
                d = Math.sqrt(si - ai * ai) + eps;
            } else {
                d = Math.sqrt(si) + eps;
            }
            if (b != null) {
                double bi = mu * b[i] + gi / d;
                b[i] = bi;
                w[i] -= lr * bi;
            } else {
                w[i] -= lr * (gi / d);
            }
        }
    }

    @Override
    public void rmsprop(float[] w, float[] g, float[] s, float[] a, float[] b, double lrD, double alphaD, double epsD,
                        double wdD, double muD, int n) {
        float lr = (float) lrD;
        float alpha = (float) alphaD;
        float keep = (float) (1 - alphaD);
        float eps = (float) epsD;
        float wd = (float) wdD;
        float mu = (float) muD;
        for (int i = 0; i < n; i++) {
            float gi = wd != 0 ? g[i] + wd * w[i] : g[i];
            float si = alpha * s[i] + keep * gi * gi;
            s[i] = si;
            float d;
            if (a != null) {
                float ai = a[i] + keep * (gi - a[i]);
                a[i] = ai;
                d = (float) Math.sqrt(si - ai * ai) + eps;
            } else {
                d = (float) Math.sqrt(si) + eps;
            }
            if (b != null) {
                float bi = mu * b[i] + gi / d;
                b[i] = bi;
                w[i] -= lr * bi;
            } else {
                w[i] -= lr * (gi / d);
            }
        }
    }
}
