#!/usr/bin/env python3
"""Writes the PyTorch-made safetensors fixtures for jgrad's SafeTensors and Bytes tests.

    mixed-dtypes.safetensors  F64, F32, I64 and BOOL tensors with edge values (NaN payloads, -0.0,
                              subnormals, infinities, Long.MIN_VALUE, 0-d and empty tensors), which
                              jgrad must load bit for bit and write again byte for byte
    half-dtypes.safetensors   F16 and BF16 tensors given as bit patterns, which jgrad widens to float32

Every value is built from its bits, so the files are the same on every run. With --expected the
script instead prints the float32 bits each F16/BF16 element widens to, as pasted into
SafeTensorsTest.readsPyTorchsF16AndBf16: NumPy's float16.astype(float32) for F16 (it keeps a NaN's
sign and payload; PyTorch's CPU conversion returns one canonical NaN instead) and PyTorch's
bfloat16.float() for BF16 (a shift, NaNs included).

How it was run (torch 2.13.0+cpu, safetensors 0.8.0, NumPy 2.4.6, Python 3.11, from the
repository root):

    python3 src/test/python/safetensors_fixtures.py
    python3 src/test/python/safetensors_fixtures.py --expected
"""
import sys

import numpy as np
import torch
from safetensors.torch import save_file

OUT = "src/test/resources/fixtures/"

F16_BITS = [0x3C00, 0xC000, 0x0001, 0x03FF, 0x0400, 0x7BFF, 0x7C00, 0xFC00, 0x8000, 0x3555,
            0x7E00, 0x7D01, 0xFE3F]
BF16_BITS = [0x3F80, 0x4049, 0x0001, 0x7F7F, 0xFF80, 0x8000, 0x7FC1, 0x7F81]


def signed(bits, width):
    """An unsigned bit pattern as the signed integer of the same bits."""
    return bits - (1 << width) if bits >= 1 << (width - 1) else bits


def from_bits(bits, int_dtype, dtype, width):
    return torch.tensor([signed(b, width) for b in bits], dtype=int_dtype).view(dtype)


def mixed():
    weight64 = from_bits([0x3FF0000000000000,   # 1.0
                          0x8000000000000000,   # -0.0
                          0x7FF8000000000123,   # quiet NaN with a payload
                          0x7FF0000000000000,   # inf
                          0x0000000000000001,   # the least subnormal
                          0x3FB999999999999A],  # 0.1
                         torch.int64, torch.float64, 64).reshape(2, 3)
    running_mean = from_bits([0x3DCCCCCD,   # 0.1f
                              0x80000000,   # -0.0f
                              0x7FC00123,   # quiet NaN with a payload
                              0x00000001],  # the least subnormal
                             torch.int32, torch.float32, 32)
    return {
        "bn.num_batches_tracked": torch.tensor(7, dtype=torch.int64),
        "ids": torch.tensor([-(1 << 63), -1, 0, 1, (1 << 63) - 1], dtype=torch.int64),
        "weight64": weight64,
        "scalar64": torch.tensor(-2.5, dtype=torch.float64),
        "bn.running_mean": running_mean,
        "empty": torch.zeros(0, 3, dtype=torch.float32),
        "mask": torch.tensor([[True, False], [False, True]]),
    }


def half():
    return {
        "h": from_bits(F16_BITS, torch.int16, torch.float16, 16),
        "bf": from_bits(BF16_BITS, torch.int16, torch.bfloat16, 16),
    }


def expected():
    f16 = np.array(F16_BITS, dtype=np.uint16).view(np.float16).astype(np.float32).view(np.uint32)
    print("F16 -> float32 bits:", ", ".join("0x%08X" % b for b in f16))
    bf16 = half()["bf"].float().view(torch.int32)
    print("BF16 -> float32 bits:", ", ".join("0x%08X" % (b & 0xFFFFFFFF) for b in bf16.tolist()))


if __name__ == "__main__":
    if "--expected" in sys.argv:
        expected()
    else:
        save_file(mixed(), OUT + "mixed-dtypes.safetensors", metadata={"format": "pt"})
        save_file(half(), OUT + "half-dtypes.safetensors", metadata={"format": "pt"})
