/**
 * The operations: one {@link io.jgrad.GradFn} subclass per operation, its forward ({@code apply},
 * on untracked arrays) and its {@code backward} (written with differentiable tensor operations, so
 * that a recorded backward pass can be differentiated again) side by side.
 *
 * <p>Families: element-wise binary ({@code Add}, {@code Sub}, {@code Mul}, {@code Div}, {@code Pow}),
 * element-wise unary ({@code Neg}, {@code Exp}, {@code Log}, {@code ReLU}, {@code Tanh},
 * {@code Sigmoid}, {@code Sqrt}, {@code Abs}), reductions ({@code Sum}, {@code Mean}, {@code Max}),
 * movement in inverse pairs ({@code Reshape}, {@code Transpose}, {@code Expand}/{@code SumTo},
 * {@code Index}/{@code IndexBackward}), products ({@code MatMul}), the softmax family, and the
 * fused operations of {@code io.jgrad.nn} ({@code AddMm} behind {@code Linear}, {@code CrossEntropy}
 * behind {@code CrossEntropyLoss}). These classes are jgrad's internals: user code reaches them
 * through {@link io.jgrad.Tensor} and the layers.
 *
 * <p>Movement and indexing (contract v2): {@code Permute}, {@code Narrow}/{@code NarrowBackward}
 * (slicing and padding into zeros), {@code IndexSelect}, {@code Gather}/{@code ScatterAdd},
 * {@code MaskedFill}, {@code Where}, {@code Cat}; the operations that are exact compositions of
 * these ({@code squeeze}, {@code select}, {@code split}, {@code stack}, {@code tril}, …) live in
 * {@code MovementComposites} and record no node of their own.
 * <p>Contract v2 adds element-wise functions ({@code Log1p}, {@code Expm1}, {@code Sin}, {@code Cos},
 * {@code Rsqrt}, {@code Reciprocal}, {@code Erf}, the zero-gradient {@code Sign}, {@code Floor},
 * {@code Ceil}, {@code Round}, the activations {@code Gelu}, {@code Silu}, {@code Softplus},
 * {@code LeakyRelu}, the clamps {@code Clamp}, {@code ClampMin}, {@code ClampMax}, and the binary
 * {@code Maximum}, {@code Minimum}) and reductions ({@code Min}, {@code Var}, {@code Std},
 * {@code Logsumexp}, {@code Cumsum}, {@code Norm}, and {@code Sum}/{@code Mean} over sets of
 * dimensions). {@code Comparison} and {@code ArgExtreme} are not nodes: their bool and int64 results
 * have no gradient and record no graph.
 *
 * <p>Normalisation, attention and losses of {@code nn.Functional} (contract v2): the fused
 * {@code NativeLayerNorm} and {@code NativeBatchNorm} (kernels in {@code ndarray.Normalization}),
 * {@code Embedding}, {@code NllLoss}, {@code BinaryCrossEntropy}, {@code BinaryCrossEntropyWithLogits},
 * and {@code CrossEntropy} with label smoothing and an ignored index; the compositions record no node
 * of their own: attention in {@code Attention}, the class-probability cross-entropy and the
 * regression losses in {@code LossFunctions}, dropout and one-hot in {@code NnComposites}.
 */
package io.jgrad.ops;
