/**
 * The untracked n-d array ({@link io.jgrad.ndarray.NDArray}: a flat row-major {@code double[]} and a
 * shape) and the kernels that compute on it: element-wise with broadcasting, reductions, movement,
 * and matrix products behind {@link io.jgrad.ndarray.Kernels} (also in single precision, on
 * {@code float[]}, for callers that hold float arrays). Autograd never looks in here, and
 * nothing outside this package imports EJML.
 */
package io.jgrad.ndarray;
