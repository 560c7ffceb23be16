package io.jgrad.ndarray;

/**
 * How the packed Vector API kernels ({@code VectorGemm}, {@code VectorFloatGemm}) cut one product
 * into parts for {@link GemmPool}: blocks of whole tiles of {@code C}, by rows, or by columns when
 * {@code C} is wider than tall (then each thread packs only its part of {@code B}, and the parts
 * of a short {@code A} are the ones shared) or has too few rows of tiles. Each element of
 * {@code C} lies in exactly one block and is computed there whole, so the split never changes
 * the bits. The kernels call this only for a product worth splitting; an unsplit product goes
 * straight to their own code, with no lambda allocated.
 */
final class GemmSplit {

    /** Computes the block {@code C[i0:i1, j0:j1]} on the calling thread. */
    @FunctionalInterface
    interface Block {
        void compute(int i0, int i1, int j0, int j1);
    }

    private GemmSplit() {
    }

    /**
     * Runs {@code block} over {@code C (m, n)} cut into at most {@code parts} blocks on multiples
     * of {@code rowStep} rows or {@code colStep} columns (the kernel's tile), part 0 on the
     * calling thread; when neither direction has {@code parts} tiles, the whole of {@code C} is
     * one block on the calling thread.
     */
    static void run(int parts, int m, int n, int rowStep, int colStep, Block block) {
        int rowTiles = (m + rowStep - 1) / rowStep;
        int colTiles = (n + colStep - 1) / colStep;
        boolean byColumns = n > m && colTiles >= parts;
        if (parts > 1 && rowTiles >= parts && !byColumns) {
            int tilesPer = (rowTiles + parts - 1) / parts;
            int np = (rowTiles + tilesPer - 1) / tilesPer;
            GemmPool.run(np, part -> {
                int i0 = part * tilesPer * rowStep;
                int i1 = Math.min(m, i0 + tilesPer * rowStep);
                block.compute(i0, i1, 0, n);
            });
        } else if (parts > 1 && colTiles >= parts) {
            int tilesPer = (colTiles + parts - 1) / parts;
            int np = (colTiles + tilesPer - 1) / tilesPer;
            GemmPool.run(np, part -> {
                int j0 = part * tilesPer * colStep;
                int j1 = Math.min(n, j0 + tilesPer * colStep);
                block.compute(0, m, j0, j1);
            });
        } else {
            block.compute(0, m, 0, n);
        }
    }
}
