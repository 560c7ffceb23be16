package io.jgrad;

import io.jgrad.ndarray.Reductions;
import java.security.CodeSource;
import java.util.List;

/**
 * What a failed backward pass leaves behind, and the anomaly check: the two ways a pass stops
 * early, kept out of the engine's main line.
 *
 * <p>A pass that fails (a backward formula or a hook throws, or anomaly detection finds a NaN)
 * leaves a clear state: every node of its graph says why it cannot be used again (unless the graph
 * was retained), and every tensor whose gradient the pass had already added to is marked partial,
 * so that reading it ({@link Tensor#grad()}, and so an optimizer step) throws until
 * {@code zeroGrad()}. The original exception propagates, with the state described in a
 * suppressed exception.
 */
final class Failures {

    private Failures() {
    }

    /**
     * Records the failure of a pass and returns the exception to throw.
     *
     * @param e what stopped the pass
     * @param order the pass's topological order
     * @param at the index in {@code order} of the tensor being processed when it stopped
     * @param touched the tensors whose gradient the pass had written (or offered to be written)
     * @param retainGraph whether the graph stays usable
     */
    static RuntimeException failed(Throwable e, List<Tensor> order, int at, List<Tensor> touched,
                                   boolean retainGraph) {
        Tensor t = at >= 0 && at < order.size() ? order.get(at) : null;
        String where = t == null ? "a tensor" : t.gradFn() != null ? t.gradFn().name() + " (output of shape "
                + t.shape() + ")" : "a leaf of shape " + t.shape();
        String what = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + firstLine(e.getMessage()));
        if (!retainGraph) {
            String why = "backward: an earlier backward pass through this graph failed at " + where + " (" + what
                    + "), and the graph was released; compute the forward pass again"
                    + (touched.isEmpty() ? "" : ", after zeroGrad(): that pass left partial gradients");
            for (Tensor n : order) {
                GradFn fn = n.gradFn();
                if (fn != null) {
                    fn.fail(why);
                }
            }
        }
        for (Tensor w : touched) {
            w.markPartialGrad("grad: the gradient of this tensor of shape " + w.shape() + " is partial: a backward"
                    + " pass failed at " + where + " (" + what + ") after adding part of its gradient; call"
                    + " zeroGrad() (or optimizer.zeroGrad()) and run the forward and backward passes again");
        }
        e.addSuppressed(new IllegalStateException("backward stopped at " + where + ": "
                + (retainGraph ? "the graph was retained" : "the graph was released")
                + (touched.isEmpty() ? "; no gradient was written" : "; the gradients of " + touched.size()
                + " tensor(s) written before the failure are marked partial until zeroGrad()")));
        if (e instanceof RuntimeException) {
            return (RuntimeException) e;
        }
        throw (Error) e;
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /**
     * Anomaly mode's check of one gradient a backward formula returned.
     *
     * @throws ArithmeticException if it holds a NaN, naming the operation, the input, its shape and
     *     where the operation was created; the cause carries the creation stack trace
     */
    static void checkFinite(GradFn fn, int input, Tensor gi) {
        if (!Reductions.hasNaN(gi.array())) {
            return;
        }
        Throwable creation = fn.creation();
        String at = creation == null ? "it was created outside Autograd.detectAnomaly(); build the forward pass"
                + " inside the scope to see where" : "it was created at " + userFrame(creation);
        ArithmeticException ex = new ArithmeticException("backward of " + fn.name() + " returned NaN in the gradient"
                + " of input " + input + " (shape " + gi.shape() + "); " + at);
        if (creation != null) {
            ex.initCause(creation);
        }
        throw ex;
    }

    /** The first frame of {@code t}'s stack that is not jgrad's own code (the library's classes). */
    static String userFrame(Throwable t) {
        CodeSource lib = Tensor.class.getProtectionDomain().getCodeSource();
        for (StackTraceElement e : t.getStackTrace()) {
            if (!isLibrary(e, lib)) {
                return e.toString();
            }
        }
        StackTraceElement[] s = t.getStackTrace();
        return s.length == 0 ? "(no stack trace)" : s[s.length - 1].toString();
    }

    private static boolean isLibrary(StackTraceElement e, CodeSource lib) {
        if (!e.getClassName().startsWith("io.jgrad.")) {
            return false;
        }
        try {
            Class<?> c = Class.forName(e.getClassName(), false, Tensor.class.getClassLoader());
            CodeSource cs = c.getProtectionDomain().getCodeSource();
            return lib == null || cs == null || cs.getLocation().equals(lib.getLocation());
        } catch (ClassNotFoundException | LinkageError ex) {
            return false;
        }
    }
}
