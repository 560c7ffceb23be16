package io.jgrad.data;

/** Class indices are stored as doubles in target tensors; this turns one back, exactly. */
final class Labels {

    private Labels() {
    }

    static int toLabel(String op, double v) {
        int label = (int) v;
        if (label != v) {
            throw new IllegalStateException(op + ": target " + v
                    + " is not a whole number, so it is no class index; read the targets as a tensor instead");
        }
        return label;
    }
}
