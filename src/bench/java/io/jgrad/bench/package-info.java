/**
 * jgrad's benchmark suite, outside the library jar (compiled and run by the {@code bench} Maven
 * profile): {@link io.jgrad.bench.Suite} times the workloads of {@code bench/torch_reference.py}
 * (matmul and MLP training steps in float64 and float32, the scalar chain, the micrograd-style MLP)
 * with the same harness, plus element-wise ops, a hand-written EJML training step, a Fashion-MNIST
 * epoch and memory per step of the MLP, and the convolution and transformer workloads: a CNN
 * training step ({@code CnnBench}), conv2d alone ({@code ConvBench}), a training step of the
 * examples' GPT ({@code GptBench}) and its memory ({@code GptMemBench}), and a Fashion-MNIST epoch
 * of the CNN from weights and an order shared with PyTorch ({@code CnnEpochBench}). It writes a
 * table and a JSON file that {@code bench/compare.py} sets beside PyTorch's. {@code GemmBench} is
 * the kernels' own micro-benchmark.
 */
package io.jgrad.bench;
