#!/usr/bin/env python3
"""Writes the NumPy oracle for jgrad's NumpyFormat: str(ndarray) under default print options.

Every case is an array of one dtype (float64, float32, int64, bool) with the exact bits of its
elements and the text NumPy's str() prints for it. NumpyFormatCorpusTest reads the file and checks
NumpyFormat.format / formatFloat32 / formatInt64 / formatBool against every line.

How it was run (NumPy 2.4.6, Python 3, from the repository root):

    python3 src/test/python/numpy_str_corpus.py > src/test/resources/numpy/str_corpus.txt

With --examples it instead prints str() of the hand-picked arrays of NumpyFormatFloat32Test and
NumpyFormatInt64BoolTest, whose expected strings were pasted from that output.

File format, one case per line, fields separated by " | ":
    dtype | dims (comma separated, empty for 0-d) | elements | expected str with newlines as \\n
Elements are hex bit patterns for float64 (16 digits) and float32 (8 digits), decimal for int64,
0/1 for bool. NumPy's output never contains a backslash or " | ", so the escaping is unambiguous.
"""
import sys

import numpy as np

SEED = 20240601


def float_values(rng, dtype, n):
    """n values of a dtype from a mix of distributions that stress digits and cutoffs."""
    info = np.finfo(dtype)
    uint = np.uint32 if dtype == np.float32 else np.uint64
    kind = rng.integers(0, 7)
    if kind == 0:
        # Any bit pattern: every exponent, subnormals, occasionally nan or inf.
        bits = rng.integers(0, np.iinfo(uint).max, size=n, dtype=uint, endpoint=True)
        return bits.view(dtype)
    if kind == 1:
        # Short decimals (0.1, 2.75, 1e-3): their shortest digits are the decimal itself.
        digits = rng.integers(-9999, 9999, size=n)
        scale = 10.0 ** rng.integers(-6, 4)
        return (digits * scale).astype(dtype)
    if kind == 2:
        # One decade band somewhere: positional unless the band is too large or too small.
        e = rng.integers(-8, 10)
        return (rng.uniform(-1, 1, size=n) * 10.0 ** e).astype(dtype)
    if kind == 3:
        # Magnitudes spread over many decades: exponent notation.
        lo = int(np.log10(info.tiny)) if rng.random() < 0.3 else -12
        hi = int(np.log10(info.max)) if rng.random() < 0.3 else 12
        mags = 10.0 ** rng.uniform(lo, hi, size=n)
        signs = rng.choice([-1.0, 1.0], size=n)
        with np.errstate(over='ignore'):
            return (signs * mags).astype(dtype)
    if kind == 4:
        # Small integers, which print with a bare decimal point.
        return rng.integers(-1000, 1000, size=n).astype(dtype)
    if kind == 5:
        # Subnormals and the smallest normals, whose digits run past the unique ones in arrays.
        bits = rng.integers(0, 2 << (info.nmant + 1), size=n, dtype=uint)
        return bits.view(dtype) * rng.choice([-1, 1], size=n).astype(dtype)
    # Values around the thresholds 1e-4, 1e6, 1e8, 1e16 and the 1000 ratio, a step either side.
    base = rng.choice([1e-4, 1e6, 1e8, 1e16, 1000.0, 1.0, 0.001, 1e5, 1e7])
    vals = np.full(n, base, dtype=dtype)
    steps = rng.integers(-2, 3, size=n)
    for i in range(n):
        for _ in range(abs(steps[i])):
            vals[i] = np.nextafter(vals[i], dtype(np.inf if steps[i] > 0 else -np.inf))
    if n and rng.random() < 0.5:
        vals[0] = 1.0  # a partner for the ratio test
    return vals


def sprinkle(rng, a):
    """Puts zeros, -0.0, nan and infinities into a float array now and then."""
    if a.size and rng.random() < 0.35:
        specials = np.array([0.0, -0.0, np.nan, np.inf, -np.inf], dtype=a.dtype)
        k = rng.integers(1, min(3, a.size) + 1)
        idx = rng.choice(a.size, size=k, replace=False)
        a.flat[idx] = rng.choice(specials, size=k)
    return a


def random_shape(rng):
    kind = rng.integers(0, 10)
    if kind == 0:
        return ()
    if kind <= 3:
        return (int(rng.integers(1, 9)),)
    if kind <= 5:
        return (int(rng.integers(1, 5)), int(rng.integers(1, 6)))
    if kind == 6:
        return tuple(int(x) for x in rng.integers(1, 4, size=3))
    if kind == 7:
        return (int(rng.integers(10, 40)),)  # long rows wrap at 75 columns
    if kind == 8:
        return (int(rng.integers(2, 4)), int(rng.integers(12, 25)))
    return tuple(int(x) for x in rng.choice([0, 1, 2], size=rng.integers(1, 4)))  # maybe empty


def encode(a):
    flat = a.reshape(-1)
    if a.dtype == np.float64:
        return ' '.join('%016x' % v for v in flat.view(np.uint64))
    if a.dtype == np.float32:
        return ' '.join('%08x' % v for v in flat.view(np.uint32))
    if a.dtype == np.int64:
        return ' '.join(str(int(v)) for v in flat)
    return ' '.join('1' if v else '0' for v in flat)


def line(a):
    text = str(a)
    assert '\\' not in text and ' | ' not in text
    name = {np.float64: 'float64', np.float32: 'float32', np.int64: 'int64', np.bool_: 'bool'}[a.dtype.type]
    return '%s | %s | %s | %s' % (name, ','.join(map(str, a.shape)), encode(a), text.replace('\n', '\\n'))


def int_values(rng, n):
    kind = rng.integers(0, 4)
    if kind == 0:
        return rng.integers(-10, 10, size=n, dtype=np.int64)
    if kind == 1:
        return rng.integers(-10 ** rng.integers(1, 18), 10 ** rng.integers(1, 18), size=n, dtype=np.int64)
    if kind == 2:
        return rng.integers(np.iinfo(np.int64).min, np.iinfo(np.int64).max, size=n, dtype=np.int64,
                            endpoint=True)
    vals = rng.integers(0, 1000, size=n, dtype=np.int64)
    extremes = np.array([np.iinfo(np.int64).min, np.iinfo(np.int64).max, 0, -1], dtype=np.int64)
    k = min(n, 2)
    vals[rng.choice(n, size=k, replace=False)] = rng.choice(extremes, size=k)
    return vals


def corpus():
    rng = np.random.default_rng(SEED)
    out = []
    for dtype, count in ((np.float32, 600), (np.float64, 250)):
        # 0-d arrays: the scalar's str, shortest digits with no 8-decimal cap.
        for _ in range(count):
            out.append(line(np.array(float_values(rng, dtype, 1)[0], dtype=dtype)))
        for _ in range(count):
            shape = random_shape(rng)
            n = int(np.prod(shape))
            a = sprinkle(rng, float_values(rng, dtype, n).reshape(shape))
            out.append(line(a))
        # A few summarised arrays: only the shown elements size the fields.
        for shape in ((1001,), (3, 400), (7, 7, 21)):
            a = sprinkle(rng, float_values(rng, dtype, int(np.prod(shape))).reshape(shape))
            out.append(line(a))
    for _ in range(250):
        shape = random_shape(rng)
        out.append(line(int_values(rng, int(np.prod(shape))).reshape(shape)))
    for shape in ((1001,), (7, 7, 21)):
        out.append(line(int_values(rng, int(np.prod(shape))).reshape(shape)))
    for _ in range(100):
        shape = random_shape(rng)
        out.append(line(rng.random(size=shape) < rng.random()))
    for shape in ((1001,), (40, 30)):
        out.append(line(rng.random(size=shape) < 0.5))
    print('# NumPy %s str(ndarray), default print options; written by src/test/python/numpy_str_corpus.py'
          % np.__version__)
    print('\n'.join(out))


def examples():
    """str() of the hand-picked arrays in NumpyFormatFloat32Test and NumpyFormatInt64BoolTest."""
    f32 = np.float32
    cases = [
        [0.1], [1 / 3], [0.1, 1 / 3], [1.1, 2.2], [1, 2, 3], [0.5, 0.25, 10], [0.3, 0.7, 0.1],
        [3.14159265, 2.71828182], [0.001953125, 1.0], [9.999999999, 1.0],
        [1e-4], [1e-4, 1.0], [9.9999e-5], [999999.0, 1.0], [1e6, 1.0], [123456.789, 1.5],
        [12345678.9, 99999.5], [16777216.0], [16777217.0, 1.0], [3.4028235e38, 1.0],
        [1.0, 1000.0], [1.0, 1001.0], [1.0200538635253906, 1020.0538940429688], [-1e-3, 2.5e-3, 123.25, -7.0], [1e30, -1e-30],
        [1e-45], [1e-45, 1.0], [1e-45, 1.5], [1.4e-45, 2.8e-45], [1.17549435e-38],
        [-0.0, 1.0], [-0.0], [0.0, 0.0],
        [np.nan, 1.5, -np.inf], [np.nan, np.inf], [np.nan, -np.inf], [1e-5, np.nan, 1.5],
    ]
    for c in cases:
        print(repr(c), '->', repr(str(np.array(c, dtype=f32))))
    for x in [0.1, 1 / 3, 1.0, -1.5, 0.00015, 1e-4, 2.5e-5, 1e5, 100000.5, 123456.789, 999999.9,
              1e6, 16777216.0, 1e-45, 7e-45, 3.4028235e38, 0.0, -0.0, np.nan, np.inf, -np.inf]:
        print('0-d', repr(x), '->', repr(str(np.array(x, dtype=f32))))
    print(repr(str(np.arange(6, dtype=f32).reshape(2, 3) / 4)))
    print(repr(str(np.arange(8, dtype=f32).reshape(2, 2, 2))))
    print(repr(str((np.arange(30, dtype=f32) * 1.1))))
    print(repr(str(np.arange(2000, dtype=f32))))
    print(repr(str(np.arange(2000, dtype=f32) / 7)))
    print(repr(str(np.arange(1200, dtype=f32).reshape(40, 30))))
    print(repr(str(np.zeros((2, 0), dtype=f32))))
    i64 = np.int64
    for c in [[1, 2, 3], [[1, -2], [10, 4]], [-5], [0], [np.iinfo(i64).min, np.iinfo(i64).max],
              [np.iinfo(i64).min, 0, 1], [-1, 100, 7]]:
        print(repr(c), '->', repr(str(np.array(c, dtype=i64))))
    for x in [0, -7, np.iinfo(i64).min, np.iinfo(i64).max]:
        print('0-d', x, '->', repr(str(np.array(x, dtype=i64))))
    print(repr(str(np.arange(2000, dtype=i64))))
    print(repr(str(np.arange(100, dtype=i64) * 1000)))
    print(repr(str(np.arange(12, dtype=i64).reshape(2, 3, 2) - 6)))
    a = np.arange(2000, dtype=i64)
    a[1000] = np.iinfo(i64).min
    print(repr(str(a)))
    print(repr(str(np.arange(1200, dtype=i64).reshape(40, 30))))
    print(repr(str(np.zeros((0, 3), dtype=i64))))
    for c in [[True, False, True], [True, True], [False], [[True, False], [False, True]]]:
        print(repr(c), '->', repr(str(np.array(c))))
    for x in [True, False]:
        print('0-d', x, '->', repr(str(np.array(x))))
    print(repr(str(np.arange(30) % 3 == 0)))
    print(repr(str(np.arange(2000) % 2 == 0)))
    print(repr(str(np.ones((2, 2, 2), dtype=bool))))
    print(repr(str(np.zeros((0,), dtype=bool))))


if __name__ == '__main__':
    if sys.argv[1:] == ['--examples']:
        examples()
    else:
        corpus()
