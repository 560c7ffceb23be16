/**
 * The untracked n-d array ({@link io.jgrad.ndarray.NDArray}: a dtype, a flat row-major primitive
 * array of it and a shape) and the kernels that compute on it: element-wise with broadcasting,
 * reductions, movement, and matrix products in float64 and float32 behind
 * {@link io.jgrad.ndarray.Kernels}, dtype
 * conversions ({@link io.jgrad.ndarray.Casts}), batched matrix decompositions on EJML
 * ({@link io.jgrad.ndarray.Decompositions}, for {@code io.jgrad.linalg}), and arrays to and from the
 * little-endian bytes of weight files ({@link io.jgrad.ndarray.Bytes}). Autograd never looks in here, nothing outside this
 * package imports EJML, and code outside it calls these classes rather than loop over an array's
 * elements or convert between element types itself.
 */
package io.jgrad.ndarray;
