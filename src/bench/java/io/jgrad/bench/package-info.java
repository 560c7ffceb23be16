/**
 * jgrad's benchmark suite, outside the library jar (compiled and run by the {@code bench} Maven
 * profile): {@link io.jgrad.bench.Suite} times the workloads of {@code bench/torch_reference.py}
 * (matmul, MLP training steps, the scalar chain, the micrograd-style MLP) with the same harness,
 * plus element-wise ops, a hand-written EJML training step, a Fashion-MNIST epoch and memory per
 * step, and writes a table and a JSON file that {@code bench/compare.py} sets beside PyTorch's.
 * {@code GemmBench} is the kernels' own micro-benchmark.
 */
package io.jgrad.bench;
