/**
 * Differentiable linear algebra ({@link io.jgrad.linalg.Linalg}, as {@code torch.linalg}): solve,
 * inverse, determinant, log-determinant, Cholesky, QR, symmetric eigendecomposition and SVD, batched,
 * on EJML's decompositions (which live behind the array layer, in
 * {@code io.jgrad.ndarray.Decompositions}).
 *
 * <p>Each function is one {@link io.jgrad.GradFn} subclass named as PyTorch's node
 * ({@code LinalgSolve}, {@code LinalgInv}, {@code LinalgDet}, {@code LinalgSlogdet},
 * {@code LinalgCholesky}, {@code LinalgQr}, {@code LinalgEigh}, {@code LinalgSvd}), plus
 * {@code LinalgSolveTriangular}, which the Cholesky and QR gradients use; a function with several
 * outputs records one node per output. Backward formulas are PyTorch's, written with tensor
 * operations (and the helpers of {@code Mat}: transposes, triangles, gap matrices), so they
 * differentiate again.
 */
package io.jgrad.linalg;
