#!/usr/bin/python3
"""Differential fuzzer of the ag runtime's view, reshape, broadcasting and
indexing semantics against NumPy.

Each case is a short random program over a few tensors: creations, views
(view/reshape with -1, flatten, squeeze, unsqueeze, permute, transpose, t,
expand, slice, narrow, select, operator[], index() with Slice/None/Ellipsis/
int), copies (clone, contiguous, to), broadcasting binary ops, and in-place
writes through views (add_/sub_/mul_/div_, fill_, zero_, copy_, index_put_,
t[i] = v). The generator runs every step on a NumPy model as it goes; the
program is then run by ag_case_driver (linked to the ag runtime, one process
for many cases) and every result is compared:

  - error / no error for every step (messages differ and are not compared;
    an ag failure must be a clean ag::Error, anything else is a crash);
  - dtype, shape, is_contiguous(), storage offset and strides;
  - every element's value (exactly: same dtype, same IEEE operations);
  - sharing: which tensors share a storage (ag's is_alias_of against the
    model's storages, and np.shares_memory as a cross-check);
  - the storage version counter (one bump per successful write).

ag follows PyTorch where PyTorch and NumPy differ. Those differences are
modelled explicitly, each where it applies, marked "PyTorch, not NumPy:".
NumPy decides everything else: shape inference and errors, whether a
reshape can be a view, the strides of views, slicing and indexing results,
broadcasting, and the arithmetic.

Usage:
  numpy_fuzz.py --driver build/.../ag_case_driver --cases 2000 --seed 1
  numpy_fuzz.py --driver ... --seed 1 --case 137 --show   # one case, verbose
Exit status: 0 when every case agrees, 1 on a mismatch or crash (the failing
case is printed, minimised), 2 on bad usage.
"""

import argparse
import math
import random
import subprocess
import sys
import time

import numpy as np

DTYPES = ["bool", "int32", "int64", "float32", "float64"]
RANK = {"bool": 0, "int32": 1, "int64": 2, "float32": 3, "float64": 4}
CATEGORY = {"bool": 0, "int32": 1, "int64": 1, "float32": 2, "float64": 2}
NP_DTYPE = {d: np.dtype(d) for d in DTYPES}
BINARY_OPS = ["add", "sub", "mul", "div"]


# Places where ag, checked against the model, is known to differ from PyTorch
# (bugs to fix in ag, not intended differences). Each name switches the model
# from PyTorch's behaviour to ag's current one for exactly that point;
# --pytorch-exact turns them all off to see the failures.
#   copy-layout: clone() and to() allocate a C-contiguous result, and a binary
#     op whose operand needs a dtype conversion lays its result out as if the
#     converted operand were C-contiguous. PyTorch keeps the input's dim order
#     (memory_format=preserve; TensorIterator sees the unconverted operands),
#     so x.t().clone() is not contiguous there.
# (copy-version, fixed: copies made by clone(), to(), contiguous() and a
# copying reshape() started at _version 1.)
KNOWN_DEVIATIONS = {"copy-layout"}


class AgError(Exception):
    """The step must fail in ag with an ag::Error."""


class Ambiguous(Exception):
    """The model cannot decide the step's outcome; the generator drops it."""


class MissingVar(Exception):
    """A step refers to a tensor that does not exist (only while minimising)."""


# ---------------------------------------------------------------------------
# Scalars and steps
# ---------------------------------------------------------------------------

def scalar_text(s):
    kind, v = s
    if kind == "f":
        return "f:" + repr(float(v))
    if kind == "b":
        return "b:" + ("1" if v else "0")
    return "i:%d" % v


def scalar_dtype(s):
    """The dtype a Python number has in PyTorch's promotion (wrapped number)."""
    # PyTorch, not NumPy: a float literal counts as the default dtype
    # (float32), an int as int64, a bool as bool; NumPy 1.24 uses value-based
    # casting instead.
    return {"f": "float32", "i": "int64", "b": "bool"}[s[0]]


def index_text(items):
    out = [str(len(items))]
    for it in items:
        if it[0] == "I":
            out += ["I", str(it[1])]
        elif it[0] == "S":
            out += ["S"] + ["n" if x is None else str(x) for x in it[1:]]
        else:
            out.append(it[0])
    return " ".join(out)


def step_text(step):
    op = step[0]
    a = step[1:]
    ints = lambda v: " ".join([str(len(v))] + [str(x) for x in v])
    if op == "new":
        dst, dtype, shape, values = a
        vals = []
        for v in values:
            if dtype.startswith("float"):
                vals.append(repr(float(v)))
            else:
                vals.append(str(int(v)))
        return " ".join(["new", dst, dtype, ints(shape)] + vals)
    if op in ("view", "reshape", "permute", "expand"):
        return "%s %s %s %s" % (op, a[0], a[1], ints(a[2]))
    if op in ("flatten", "transpose", "select", "narrow", "slice", "squeeze_dim", "unsqueeze",
              "at"):
        return " ".join([op, a[0], a[1]] + ["n" if x is None else str(x) for x in a[2:]])
    if op in ("squeeze", "t", "contiguous", "clone", "detach"):
        return "%s %s %s" % (op, a[0], a[1])
    if op == "to":
        return "to %s %s %s" % a
    if op == "index":
        return "index %s %s %s" % (a[0], a[1], index_text(a[2]))
    if op == "binary":
        return "binary %s %s %s %s %s" % (a[0], a[1], a[2], a[3], scalar_text(a[4]))
    if op == "binary_scalar":
        return "binary_scalar %s %s %s %s %s" % (a[0], a[1], a[2], scalar_text(a[3]),
                                                 scalar_text(a[4]))
    if op == "rbinary_scalar":
        return "rbinary_scalar %s %s %s %s" % (a[0], a[1], scalar_text(a[2]), a[3])
    if op == "inplace":
        return "inplace %s %s %s %s" % (a[0], a[1], a[2], scalar_text(a[3]))
    if op == "inplace_scalar":
        return "inplace_scalar %s %s %s %s" % (a[0], a[1], scalar_text(a[2]), scalar_text(a[3]))
    if op == "fill":
        return "fill %s %s" % (a[0], scalar_text(a[1]))
    if op == "zero":
        return "zero %s" % a[0]
    if op == "copy":
        return "copy %s %s" % (a[0], a[1])
    if op == "index_put":
        value = ("T " + a[2][1]) if a[2][0] == "T" else ("V " + scalar_text(a[2][1]))
        return "index_put %s %s %s" % (a[0], index_text(a[1]), value)
    if op == "setitem":
        value = ("T " + a[2][1]) if a[2][0] == "T" else ("V " + scalar_text(a[2][1]))
        return "setitem %s %d %s" % (a[0], a[1], value)
    raise ValueError("unknown step " + op)


# ---------------------------------------------------------------------------
# The model: NumPy arrays plus PyTorch's rules where they differ from NumPy's
# ---------------------------------------------------------------------------

class Storage:
    def __init__(self, sid, root):
        self.id = sid
        self.root_ptr = root.__array_interface__["data"][0]
        self.root = root  # keeps the memory alive
        self.version = 0


class Var:
    def __init__(self, arr, storage, impl):
        self.arr = arr
        self.storage = storage
        self.impl = impl  # ag's TensorImpl identity: contiguous()/to() may return self

    @property
    def dtype(self):
        return self.arr.dtype.name

    def elem_strides(self):
        return [s // self.arr.itemsize for s in self.arr.strides]

    def ptr(self):
        return self.arr.__array_interface__["data"][0]

    def offset(self):
        return (self.ptr() - self.storage.root_ptr) // self.arr.itemsize


def writable_view(base, layout):
    """A writable array over base's memory with the shape and strides of
    layout, a view of base that NumPy marks read-only (broadcast_to's)."""
    assert layout.__array_interface__["data"][0] == base.__array_interface__["data"][0]
    return np.lib.stride_tricks.as_strided(base, shape=layout.shape, strides=layout.strides,
                                           writeable=True)


def wrap_dim(d, ndim):
    # PyTorch, not NumPy: a zero-dim tensor accepts dims -1 and 0, as if it
    # had one dim (maybe_wrap_dim); NumPy rejects every axis of a 0-d array.
    n = max(ndim, 1)
    if not -n <= d < n:
        raise AgError("dim out of range")
    return d % n


def np_axis(d, ndim):
    """NumPy's own axis normalisation (AxisError out of range)."""
    try:
        return np.core.multiarray.normalize_axis_index(d, ndim)
    except np.AxisError:
        raise AgError("axis out of range")


def promote(a, b):
    return a if RANK[a] >= RANK[b] else b


def combine(higher, lower):
    if higher is None:
        return lower
    if lower is None or CATEGORY[higher] == 2:
        return higher
    if higher == "bool" or CATEGORY[lower] == 2:
        return promote(higher, lower)
    return higher


def result_type(operands):
    """PyTorch's result_type, not NumPy's: tensors with dims decide; zero-dim
    tensors and Python numbers only when of a higher category (bool < int <
    float). NumPy 1.24 promotes int32 + float32 to float64 and looks at values."""
    dim = zero = wrapped = None
    for kind, dtype, ndim in operands:
        if kind == "scalar":
            wrapped = dtype if wrapped is None else promote(wrapped, dtype)
        elif ndim > 0:
            dim = dtype if dim is None else promote(dim, dtype)
        else:
            zero = dtype if zero is None else promote(zero, dtype)
    return combine(dim, combine(zero, wrapped)) or "float32"


def can_cast(src, dst):
    # PyTorch's can_cast (in-place results): not to a lower category.
    if CATEGORY[src] == 2 and CATEGORY[dst] != 2:
        return False
    if src != "bool" and dst == "bool":
        return False
    return True


def true_div_type(dtype):
    # PyTorch: integer and bool true division gives the default float dtype.
    return "float32" if CATEGORY[dtype] < 2 else dtype


def convert(arr, dtype):
    """arr converted to dtype as ag converts (runtime/include/ag/detail/convert.h),
    in arr's memory order (NumPy's order='K')."""
    arr = np.asarray(arr)
    if arr.dtype.name == dtype:
        return np.array(arr, copy=True, order="K")
    if dtype == "bool":
        return np.not_equal(arr, 0)
    if CATEGORY[arr.dtype.name] == 2 and CATEGORY[dtype] == 1:
        # ag's own rule (docs/runtime.md): truncation toward zero, NaN -> 0,
        # out-of-range values saturate. NumPy (like PyTorch) leaves these
        # undefined and gives INT_MIN on x86.
        info = np.iinfo(dtype)
        x = arr.astype(np.float64)
        out = np.zeros_like(arr, dtype=dtype)
        with np.errstate(invalid="ignore"):
            hi = x >= -float(info.min)
            lo = x < float(info.min)
            ok = ~(np.isnan(x) | hi | lo)
            out[ok] = np.trunc(x[ok]).astype(dtype)
        out[hi] = info.max
        out[lo] = info.min
        return out
    with np.errstate(all="ignore"):
        return arr.astype(dtype)


def scalar_as(s, dtype):
    kind, v = s
    if kind == "f":
        return convert(np.float64(v), dtype)
    if kind == "b":
        return convert(np.bool_(v), dtype)
    return convert(np.int64(v), dtype)


def is_dense(shape, strides):
    """PyTorch's is_non_overlapping_and_dense (dims of size < 2 ignored)."""
    if 0 in shape:
        return True
    dims = sorted((i for i in range(len(shape)) if shape[i] >= 2), key=lambda i: strides[i])
    need = 1
    for i in dims:
        if strides[i] != need:
            return False
        need *= shape[i]
    return True


def byte_range(v):
    extent = sum((s - 1) * st for s, st in zip(v.arr.shape, v.elem_strides()))
    lo = v.ptr()
    return lo, lo + (extent + 1) * v.arr.itemsize


def check_no_internal_overlap(v):
    # PyTorch, not NumPy: writing to a tensor in which several elements share
    # one memory location (an expanded view) is an error.
    shape, strides = v.arr.shape, v.elem_strides()
    if is_dense(shape, strides):
        return
    if any(s > 1 and st == 0 for s, st in zip(shape, strides)):
        raise AgError("internal overlap")


def overlap_status(out, inp):
    """PyTorch's get_overlap_status for an in-place write of `inp` into
    `out` (NumPy instead buffers any overlapping operand)."""
    if out.impl is inp.impl:
        return "full"
    if out.arr.size == 0 or inp.arr.size == 0 or out.storage is not inp.storage:
        return "none"
    alo, ahi = byte_range(out)
    blo, bhi = byte_range(inp)
    if not (alo < bhi and blo < ahi):
        return "none"
    if not is_dense(out.arr.shape, out.elem_strides()) or \
            not is_dense(inp.arr.shape, inp.elem_strides()):
        return "too hard"
    if (alo, ahi) != (blo, bhi):
        return "partial"
    if out.arr.ndim != inp.arr.ndim or out.dtype != inp.dtype:
        return "partial"
    # Full needs equal strides in every dim. NumPy's strides of size-1 dims
    # are its own (np.newaxis gives 0, PyTorch size * stride), so only the
    # dims where both sizes exceed 1 can be compared here.
    unknown = False
    for so, si, to, ti in zip(out.arr.shape, inp.arr.shape, out.elem_strides(),
                              inp.elem_strides()):
        if so > 1 and si > 1:
            if to != ti:
                return "partial"
        else:
            unknown = True
    if unknown:
        raise Ambiguous("full or partial overlap depends on strides of size-1 dims")
    return "full"


def check_input_overlap(out, inp):
    if overlap_status(out, inp) == "partial":
        raise AgError("partial overlap")


def check_inplace_shape(out_shape, in_shape):
    try:
        shape = np.broadcast_shapes(out_shape, in_shape)
    except ValueError:
        raise AgError("not broadcastable")
    if tuple(shape) != tuple(out_shape):
        raise AgError("output shape does not match the broadcast shape")


def operand(arr, dtype):
    """arr as an elementwise op of compute type dtype reads it. The result's
    layout follows the operands' (NumPy's order='K', PyTorch's
    TensorIterator), so a converted operand keeps arr's dim order."""
    arr = np.asarray(arr)
    if arr.dtype.name == dtype:
        return arr
    conv = convert(arr, dtype)
    if "copy-layout" in KNOWN_DEVIATIONS:
        conv = np.array(conv, order="C")
    return conv


def iterator_strides(shape, operands):
    """The strides of a new elementwise result: PyTorch's TensorIterator
    (reorder_dimensions) orders the dims by the strides of the first operand
    that tells two dims apart, ties going to the larger size; the result is
    dense in that order. PyTorch, not NumPy: NumPy's order='K' falls back to
    C order when the operands disagree (x.t() + y is C-ordered in NumPy,
    ordered like x.t() in PyTorch)."""
    nd = len(shape)
    ops = []
    for x in operands:
        x = np.asarray(x)
        if x.ndim:
            b = np.broadcast_to(x, shape)
            ops.append([st // b.itemsize for st in b.strides])
    perm = list(range(nd - 1, -1, -1))  # perm[0] is the innermost dim

    def should_swap(d0, d1):
        for st in ops:
            s0, s1 = st[d0], st[d1]
            if s0 == 0 or s1 == 0:
                continue
            if s0 < s1:
                return -1
            if s0 > s1:
                return 1
            if shape[d0] > shape[d1]:
                return 1
        return 0

    for i in range(1, nd):
        dim1 = i
        for dim0 in range(i - 1, -1, -1):
            c = should_swap(perm[dim0], perm[dim1])
            if c > 0:
                perm[dim0], perm[dim1] = perm[dim1], perm[dim0]
                dim1 = dim0
            elif c < 0:
                break
    strides = [0] * nd
    acc = 1
    for d in perm:
        strides[d] = acc
        acc *= shape[d]
    return strides


def arith(op, x, y, alpha, dtype):
    """x op (alpha * y) in dtype, both operands already of dtype."""
    with np.errstate(all="ignore"):
        if op in ("add", "sub"):
            if alpha is not None and not (alpha[0] in "ib" and int(alpha[1]) == 1):
                y = np.asarray(y * scalar_as(alpha, dtype), dtype=dtype)
            r = np.add(x, y) if op == "add" else np.subtract(x, y)
        elif op == "mul":
            r = np.multiply(x, y)
        else:
            r = np.true_divide(x, y)
    return np.asarray(r, dtype=dtype)


class Model:
    def __init__(self):
        self.vars = {}
        self.order = []
        self.storages = 0
        self.impls = 0

    def new_impl(self):
        self.impls += 1
        return self.impls

    def fresh(self, arr, order="C"):
        """A tensor over new memory: a creation, a result (order 'K': in the
        operands' dim order) or a copy; its version starts at 0."""
        arr = np.array(arr, order=order, copy=True)
        self.storages += 1
        st = Storage(self.storages, arr)
        return Var(arr, st, self.new_impl())

    def result(self, values, operands):
        """A new elementwise result laid out as TensorIterator lays it out."""
        values = np.asarray(values)
        buf = np.empty(max(values.size, 1), dtype=values.dtype)
        strides = iterator_strides(values.shape, operands)
        arr = np.lib.stride_tricks.as_strided(
            buf, values.shape, [st * buf.itemsize for st in strides], writeable=True)
        arr[...] = values
        self.storages += 1
        return Var(arr, Storage(self.storages, buf), self.new_impl())

    def copy_of(self, arr):
        """clone() / to(): PyTorch's memory_format=preserve, which for these
        strided tensors is NumPy's order='K' (dense inputs keep their strides,
        others their dim order)."""
        return self.fresh(arr, "C" if "copy-layout" in KNOWN_DEVIATIONS else "K")

    def view_of(self, src, arr):
        return Var(arr, src.storage, self.new_impl())

    def get(self, name):
        if name not in self.vars:
            raise MissingVar(name)
        return self.vars[name]

    def define(self, name, var):
        self.vars[name] = var
        self.order.append(name)

    # -- views -------------------------------------------------------------

    def reshape_target(self, a, shape):
        """NumPy's shape inference (including -1); its errors are ag's."""
        for s in shape:
            if s < -1:
                raise AgError("invalid shape dimension")
        try:
            return a.reshape(shape).shape
        except ValueError:
            raise AgError("invalid shape")

    @staticmethod
    def nocopy(a, shape):
        """a with the new shape without a copy, or None when NumPy would copy."""
        v = a.view()
        try:
            v.shape = shape
        except AttributeError:
            return None
        return v

    def op_view(self, s, shape):
        target = self.reshape_target(s.arr, shape)
        v = self.nocopy(s.arr, target)
        if v is None:
            raise AgError("view size is not compatible with input tensor's size and stride")
        return self.view_of(s, v)

    def op_reshape(self, s, shape):
        target = self.reshape_target(s.arr, shape)
        v = self.nocopy(s.arr, target)
        if v is None:
            return self.fresh(s.arr.reshape(target))
        return self.view_of(s, v)

    def op_flatten(self, s, start, end):
        # PyTorch's flatten (NumPy has only full flattening): wrapped dims,
        # start <= end, a zero-dim tensor becomes [1], start == end is an
        # alias, otherwise reshape to the merged shape.
        nd = s.arr.ndim
        start, end = wrap_dim(start, nd), wrap_dim(end, nd)
        if start > end:
            raise AgError("start_dim cannot come after end_dim")
        if nd == 0:
            return self.op_reshape(s, [1])
        if start == end:
            return self.view_of(s, s.arr.view())
        shape = list(s.arr.shape)
        merged = int(np.prod(shape[start:end + 1]))
        return self.op_reshape(s, shape[:start] + [merged] + shape[end + 1:])

    def op_squeeze(self, s):
        return self.view_of(s, np.squeeze(s.arr))

    def op_squeeze_dim(self, s, d):
        d = wrap_dim(d, s.arr.ndim)
        # PyTorch, not NumPy: squeezing a dim whose size is not 1 is a no-op
        # (NumPy raises).
        if s.arr.ndim == 0 or s.arr.shape[d] != 1:
            return self.view_of(s, s.arr.view())
        return self.view_of(s, np.squeeze(s.arr, axis=d))

    def op_unsqueeze(self, s, d):
        d = np_axis(d, s.arr.ndim + 1)
        return self.view_of(s, np.expand_dims(s.arr, d))

    def op_permute(self, s, dims):
        try:
            return self.view_of(s, np.transpose(s.arr, dims))
        except (ValueError, np.AxisError):
            raise AgError("bad permutation")

    def op_transpose(self, s, d0, d1):
        if s.arr.ndim == 0:
            # PyTorch, not NumPy: transpose(0, -1) of a zero-dim tensor is
            # itself (wrap_dim accepts -1 and 0); np.swapaxes raises.
            wrap_dim(d0, 0)
            wrap_dim(d1, 0)
            return self.view_of(s, s.arr.view())
        try:
            return self.view_of(s, np.swapaxes(s.arr, d0, d1))
        except np.AxisError:
            raise AgError("dim out of range")

    def op_t(self, s):
        # PyTorch, not NumPy: t() needs <= 2 dims (NumPy's .T reverses any
        # number of dims).
        if s.arr.ndim > 2:
            raise AgError("t() expects a tensor with <= 2 dimensions")
        return self.view_of(s, s.arr.T)

    def op_expand(self, s, sizes):
        nd = s.arr.ndim
        if len(sizes) < nd:
            raise AgError("too few sizes")
        # PyTorch, not NumPy: -1 keeps an existing dim's size and is an error
        # in a new leading dim (np.broadcast_to has no -1).
        target = []
        for i, t in enumerate(sizes):
            d = nd - len(sizes) + i
            if t == -1:
                if d < 0:
                    raise AgError("-1 in a new leading dim")
                t = s.arr.shape[d]
            target.append(t)
        try:
            b = np.broadcast_to(s.arr, target)
        except ValueError:
            raise AgError("cannot expand")
        return self.view_of(s, writable_view(s.arr, b))

    def op_slice(self, s, dim, start, end, step):
        nd = s.arr.ndim
        if nd == 0:
            raise AgError("slice() of a 0-dim tensor")
        dim = wrap_dim(dim, nd)
        # PyTorch, not NumPy: the step must be positive (NumPy also walks
        # backwards).
        if step <= 0:
            raise AgError("slice step must be positive")
        key = (slice(None),) * dim + (slice(start, end, step),)
        return self.view_of(s, s.arr[key])

    def op_narrow(self, s, dim, start, length):
        # PyTorch's narrow (no NumPy counterpart): start may count from the
        # end and may equal the size; start + length must fit.
        nd = s.arr.ndim
        if nd == 0:
            raise AgError("narrow() of a 0-dim tensor")
        if length < 0:
            raise AgError("negative length")
        dim = wrap_dim(dim, nd)
        size = s.arr.shape[dim]
        if start != size:
            start = wrap_dim(start, size)
        if start > size - length:
            raise AgError("start + length exceeds the size")
        return self.op_slice(s, dim, start, start + length, 1)

    def op_select(self, s, dim, index):
        nd = s.arr.ndim
        if nd == 0:
            raise AgError("select() of a 0-dim tensor")
        dim = np_axis(dim, nd)
        key = (slice(None),) * dim + (index, Ellipsis)
        try:
            return self.view_of(s, s.arr[key])
        except IndexError:
            raise AgError("index out of range")

    def op_index(self, s, items):
        key = []
        for it in items:
            if it[0] == "I":
                key.append(it[1])
            elif it[0] == "S":
                # PyTorch, not NumPy: a slice step must be positive.
                if it[3] is not None and it[3] <= 0:
                    raise AgError("step must be greater than zero")
                key.append(slice(it[1], it[2], it[3]))
            elif it[0] == "N":
                key.append(None)
            else:
                key.append(Ellipsis)
        # With an Ellipsis NumPy returns a zero-dim view where plain integer
        # indexing would return a scalar copy; PyTorch always gives a view.
        if not any(it[0] == "E" for it in items):
            key.append(Ellipsis)
        try:
            return self.view_of(s, s.arr[tuple(key)])
        except IndexError:
            raise AgError("bad index")

    def op_contiguous(self, s):
        if s.arr.flags.c_contiguous:
            return Var(s.arr, s.storage, s.impl)  # ag returns *this
        return self.fresh(s.arr)

    def op_clone(self, s):
        return self.copy_of(s.arr)

    def op_detach(self, s):
        return self.view_of(s, s.arr.view())

    def op_to(self, s, dtype):
        if s.dtype == dtype:
            return Var(s.arr, s.storage, s.impl)  # ag returns *this
        return self.copy_of(convert(s.arr, dtype))

    # -- math --------------------------------------------------------------

    def binary_checks(self, op, kinds, alpha):
        rt = result_type(kinds)
        if op == "sub" and any(k[1] == "bool" for k in kinds):
            # PyTorch: '-' on bool operands is an error (NumPy also raises
            # for bool - bool, but not for bool - int).
            raise AgError("sub with bool")
        if op in ("add", "sub") and alpha is not None:
            if alpha[0] == "b" and rt != "bool":
                raise AgError("Boolean alpha only supported for Boolean results")
            if alpha[0] == "f" and CATEGORY[rt] != 2:
                raise AgError("alpha must not be a floating point number")
        return true_div_type(rt) if op == "div" else rt

    def op_binary(self, op, a, b, alpha):
        dtype = self.binary_checks(op, [("tensor", a.dtype, a.arr.ndim),
                                        ("tensor", b.dtype, b.arr.ndim)], alpha)
        try:
            np.broadcast_shapes(a.arr.shape, b.arr.shape)
        except ValueError:
            raise AgError("not broadcastable")
        x, y = operand(a.arr, dtype), operand(b.arr, dtype)
        return self.result(arith(op, x, y, alpha, dtype), [x, y])

    def op_binary_scalar(self, op, a, s, alpha):
        dtype = self.binary_checks(op, [("tensor", a.dtype, a.arr.ndim),
                                        ("scalar", scalar_dtype(s), 0)], alpha)
        x = operand(a.arr, dtype)
        return self.result(arith(op, x, scalar_as(s, dtype), alpha, dtype), [x])

    def op_rbinary_scalar(self, op, s, b):
        dtype = self.binary_checks(op, [("tensor", b.dtype, b.arr.ndim),
                                        ("scalar", scalar_dtype(s), 0)], None)
        # 2 / int_tensor is true division here (docs/runtime.md: ag's own,
        # as in Python; LibTorch's C++ operator gives a cast error).
        y = operand(b.arr, dtype)
        return self.result(arith(op, scalar_as(s, dtype), y, None, dtype), [y])

    # -- writes ------------------------------------------------------------

    def write(self, out, value):
        """out[...] = value (already converted), as one in-place write."""
        out.arr[...] = value
        out.storage.version += 1

    def op_inplace(self, op, out, other, alpha):
        check_no_internal_overlap(out)
        check_input_overlap(out, other)
        check_inplace_shape(out.arr.shape, other.arr.shape)
        dtype = self.binary_checks(op, [("tensor", out.dtype, out.arr.ndim),
                                        ("tensor", other.dtype, other.arr.ndim)], None)
        if not can_cast(dtype, out.dtype):
            raise AgError("result type can't be cast to the desired output type")
        self.binary_checks(op, [("tensor", out.dtype, out.arr.ndim),
                                ("tensor", other.dtype, other.arr.ndim)], alpha)
        r = arith(op, convert(out.arr, dtype), convert(other.arr, dtype), alpha, dtype)
        self.write(out, convert(r, out.dtype))

    def op_inplace_scalar(self, op, out, s, alpha):
        check_no_internal_overlap(out)
        kinds = [("tensor", out.dtype, out.arr.ndim), ("scalar", scalar_dtype(s), 0)]
        dtype = self.binary_checks(op, kinds, None)
        if not can_cast(dtype, out.dtype):
            raise AgError("result type can't be cast to the desired output type")
        self.binary_checks(op, kinds, alpha)
        r = arith(op, convert(out.arr, dtype), scalar_as(s, dtype), alpha, dtype)
        self.write(out, convert(r, out.dtype))

    def op_fill(self, out, s):
        check_no_internal_overlap(out)
        self.write(out, scalar_as(s, out.dtype))

    def op_copy(self, out, src):
        check_no_internal_overlap(out)
        check_input_overlap(out, src)
        check_inplace_shape(out.arr.shape, src.arr.shape)
        self.write(out, convert(src.arr, out.dtype))

    def op_index_put(self, out, items, value):
        dst = self.op_index(out, items)
        if value[0] == "V":
            return self.op_fill(dst, value[1])
        v = self.get(value[1])
        # PyTorch's copy_to: equal shapes copy, a zero-dim value fills, any
        # other value drops its leading size-1 dims and broadcasts.
        if v.arr.shape == dst.arr.shape:
            return self.op_copy(dst, v)
        if v.arr.ndim == 0:
            return self.op_fill(dst, ("f" if v.dtype.startswith("float") else
                                      "b" if v.dtype == "bool" else "i", v.arr[()]))
        lead = 0
        while lead < v.arr.ndim and v.arr.shape[lead] == 1:
            lead += 1
        trimmed = self.view_of(v, v.arr[(0,) * lead + (Ellipsis,)])
        return self.op_copy(dst, trimmed)

    def op_setitem(self, out, index, value):
        dst = self.op_select(out, 0, index)
        if value[0] == "V":
            return self.op_fill(dst, value[1])
        return self.op_copy(dst, self.get(value[1]))

    # -- dispatch ----------------------------------------------------------

    def apply(self, step):
        """Runs a step; returns the name it defines (or None). AgError when ag
        must fail; Ambiguous when the model cannot tell."""
        op, a = step[0], step[1:]
        g = self.get
        if op == "new":
            dst, dtype, shape, values = a
            self.define(dst, self.fresh(np.array(values, dtype=NP_DTYPE[dtype]).reshape(shape)))
            return dst
        if op == "inplace":
            self.op_inplace(a[0], g(a[1]), g(a[2]), a[3])
        elif op == "inplace_scalar":
            self.op_inplace_scalar(a[0], g(a[1]), a[2], a[3])
        elif op == "fill":
            self.op_fill(g(a[0]), a[1])
        elif op == "zero":
            self.op_fill(g(a[0]), ("i", 0))
        elif op == "copy":
            self.op_copy(g(a[0]), g(a[1]))
        elif op == "index_put":
            if a[2][0] == "T":
                g(a[2][1])
            self.op_index_put(g(a[0]), a[1], a[2])
        elif op == "setitem":
            if a[2][0] == "T":
                g(a[2][1])
            self.op_setitem(g(a[0]), a[1], a[2])
        else:
            dst = a[0]
            if op == "binary":
                var = self.op_binary(a[1], g(a[2]), g(a[3]), a[4])
            elif op == "binary_scalar":
                var = self.op_binary_scalar(a[1], g(a[2]), a[3], a[4])
            elif op == "rbinary_scalar":
                var = self.op_rbinary_scalar(a[1], a[2], g(a[3]))
            elif op == "at":
                var = self.op_select(g(a[1]), 0, a[2])
            else:
                var = getattr(self, "op_" + op)(g(a[1]), *a[2:])
            self.define(dst, var)
            return dst
        return None


# ---------------------------------------------------------------------------
# Comparing the driver's report with the model
# ---------------------------------------------------------------------------

def parse_var(tokens):
    name, dtype, ndim = tokens[1], tokens[2], int(tokens[3])
    pos = 4
    sizes = [int(x) for x in tokens[pos:pos + ndim]]
    pos += ndim
    strides = [int(x) for x in tokens[pos:pos + ndim]]
    pos += ndim
    offset, contig, version = int(tokens[pos]), tokens[pos + 1] == "1", int(tokens[pos + 2])
    group, numel = tokens[pos + 3], int(tokens[pos + 4])
    values = tokens[pos + 5:]
    return dict(name=name, dtype=dtype, sizes=sizes, strides=strides, offset=offset,
                contiguous=contig, version=version, group=group, numel=numel, values=values)


def same_value(text, expected, dtype):
    if dtype == "bool":
        return int(text) == int(bool(expected))
    if CATEGORY[dtype] == 1:
        return int(text) == int(expected)
    got = float(text)
    exp = float(expected)
    if math.isnan(exp) or math.isnan(got):
        return math.isnan(exp) and math.isnan(got)
    if dtype == "float32":
        got = float(np.float32(got))
    return got == exp and math.copysign(1, got) == math.copysign(1, exp)


def compare_var(rep, model, name, groups):
    """Differences between the driver's report of a tensor and the model's."""
    v = model.vars[name]
    a = v.arr
    errs = []
    if rep["dtype"] != v.dtype:
        errs.append("dtype %s, expected %s" % (rep["dtype"], v.dtype))
        return errs
    if tuple(rep["sizes"]) != a.shape:
        errs.append("sizes %s, expected %s" % (rep["sizes"], list(a.shape)))
        return errs
    if rep["numel"] != a.size:
        errs.append("numel %d, expected %d" % (rep["numel"], a.size))
    if rep["contiguous"] != bool(a.flags.c_contiguous):
        errs.append("is_contiguous %s, expected %s" % (rep["contiguous"], a.flags.c_contiguous))
    if a.size > 0:
        # Strides and offset address elements only in a non-empty tensor,
        # and a size-1 dim's stride addresses nothing: there NumPy and
        # PyTorch each have their own convention (np.newaxis gives 0,
        # PyTorch's unsqueeze size * stride), so those are not compared.
        exp = v.elem_strides()
        for d, (s, got, want) in enumerate(zip(a.shape, rep["strides"], exp)):
            if s != 1 and got != want:
                errs.append("stride(%d) %d, expected %d (strides %s, expected %s)"
                            % (d, got, want, rep["strides"], exp))
                break
        if rep["offset"] != v.offset():
            errs.append("storage_offset %d, expected %d" % (rep["offset"], v.offset()))
    if rep["version"] != v.storage.version:
        errs.append("_version %d, expected %d" % (rep["version"], v.storage.version))
    if rep["group"] != groups[name]:
        errs.append("shares storage with %s first, expected %s" % (rep["group"], groups[name]))
    flat = a.reshape(-1) if a.size else []
    if len(rep["values"]) != a.size:
        errs.append("%d values, expected %d" % (len(rep["values"]), a.size))
    else:
        for i, (t, e) in enumerate(zip(rep["values"], flat)):
            if not same_value(t, e, v.dtype):
                errs.append("values %s, expected %s (first difference at flat index %d)"
                            % (" ".join(rep["values"][:24]), format_values(a)[:200], i))
                break
    return errs


def format_values(a):
    return " ".join(str(x) for x in (a.reshape(-1).tolist() if a.size else []))


def storage_groups(model):
    """For each live tensor, the first-defined tensor sharing its storage."""
    first = {}
    groups = {}
    for name in model.order:
        sid = model.vars[name].storage.id
        first.setdefault(sid, name)
        groups[name] = first[sid]
    return groups


def shares_memory_violations(model):
    """np.shares_memory overlap implies one storage in the model."""
    errs = []
    names = [n for n in model.order if model.vars[n].arr.size]
    for i, x in enumerate(names):
        for y in names[i + 1:]:
            vx, vy = model.vars[x], model.vars[y]
            if vx.storage is not vy.storage and np.shares_memory(vx.arr, vy.arr):
                errs.append("model error: %s and %s overlap in NumPy but not in the model" % (x, y))
    return errs


# ---------------------------------------------------------------------------
# Generating cases
# ---------------------------------------------------------------------------

SIZES = [0, 1, 1, 1, 2, 2, 3, 3, 4, 5]


def rand_values(rng, dtype, n):
    if dtype == "bool":
        return [rng.random() < 0.5 for _ in range(n)]
    if dtype in ("int32", "int64"):
        big = 2**31 - 1 if dtype == "int32" else 2**62
        return [rng.choice([rng.randint(-9, 9), rng.randint(-100, 100), rng.randint(-big, big)])
                if rng.random() < 0.05 else rng.randint(-20, 20) for _ in range(n)]
    # Exactly representable values: quarters in [-10, 10].
    return [rng.randint(-40, 40) / 4 for _ in range(n)]


def rand_shape(rng, max_numel=64):
    while True:
        nd = rng.choice([0, 1, 1, 2, 2, 2, 3, 3, 4])
        shape = [rng.choice(SIZES) for _ in range(nd)]
        if int(np.prod(shape)) <= max_numel:
            return shape


def factor_shape(rng, numel):
    """A random shape with numel elements (with size-1 dims now and then)."""
    if numel == 0:
        shape = [rng.choice([0, 1, 2, 3]) for _ in range(rng.randint(1, 3))]
        shape[rng.randrange(len(shape))] = 0
        return shape
    primes = []
    n, p = numel, 2
    while n > 1:
        while n % p == 0:
            primes.append(p)
            n //= p
        p += 1
    k = rng.randint(1, max(1, len(primes) + 1))
    shape = [1] * k
    for q in primes:
        shape[rng.randrange(k)] *= q
    for _ in range(rng.choice([0, 0, 0, 1, 2])):
        shape.insert(rng.randint(0, len(shape)), 1)
    if not shape and rng.random() < 0.5:
        shape = [1]
    return shape


def rand_dim(rng, nd, extra=1):
    n = max(nd, 1)
    if rng.random() < 0.08:
        return rng.choice([n, -n - 1, n + extra + 2])
    return rng.randint(-n, n - 1)


def rand_opt(rng, lo, hi):
    return None if rng.random() < 0.25 else rng.randint(lo, hi)


def rand_scalar(rng, prefer=None):
    r = rng.random()
    if prefer == "int" or (prefer is None and r < 0.45):
        return ("i", rng.randint(-6, 6))
    if prefer == "bool" or (prefer is None and r < 0.55):
        return ("b", rng.random() < 0.5)
    return ("f", rng.randint(-16, 16) / 4)


def rand_alpha(rng):
    r = rng.random()
    if r < 0.6:
        return ("i", 1)
    if r < 0.85:
        return ("i", rng.choice([2, -1, 3]))
    if r < 0.95:
        return ("f", 0.5)
    return ("b", True)


def rand_index_items(rng, arr):
    nd = arr.ndim
    items = []
    d = 0
    used_ellipsis = False
    for _ in range(rng.randint(0, nd + 2)):
        size = arr.shape[d] if d < nd else 1
        r = rng.random()
        if r < 0.3:
            items.append(("I", rng.randint(-size - 1, size) if rng.random() < 0.15
                          else (rng.randint(-size, size - 1) if size else 0)))
            d += 1
        elif r < 0.7:
            step = rng.choice([None, None, 1, 2, 3]) if rng.random() > 0.06 else rng.choice([0, -1])
            items.append(("S", rand_opt(rng, -size - 2, size + 2), rand_opt(rng, -size - 2, size + 2),
                          step))
            d += 1
        elif r < 0.85:
            items.append(("N",))
        elif not used_ellipsis or rng.random() < 0.1:
            items.append(("E",))
            used_ellipsis = True
    return items


def rand_expand(rng, shape):
    out = []
    for s in shape:
        r = rng.random()
        if s == 1:
            out.append(rng.choice([1, 2, 3, 0, -1]) if r > 0.05 else 5)
        else:
            out.append(s if r < 0.6 else -1 if r < 0.9 else s + 1)
    lead = [rng.choice([1, 2, 3]) if rng.random() > 0.05 else -1
            for _ in range(rng.choice([0, 0, 1, 2]))]
    if rng.random() < 0.05 and out:
        out.pop(0)  # too few sizes
    return lead + out


def compatible_shape(rng, shape):
    """A shape that broadcasts with `shape` (a suffix with some dims 1)."""
    k = rng.randint(0, len(shape))
    tail = list(shape[len(shape) - k:])
    tail = [1 if rng.random() < 0.3 else s for s in tail]
    if rng.random() < 0.15:
        tail = [rng.choice([1, 2])] + tail
    return tail


class Generator:
    def __init__(self, rng, model):
        self.rng = rng
        self.model = model
        self.steps = []
        self.counter = 0
        self.skipped = 0

    def name(self):
        self.counter += 1
        return "t%d" % self.counter

    def pick(self, pred=None):
        names = [n for n in self.model.order if pred is None or pred(self.model.vars[n])]
        return self.rng.choice(names) if names else None

    def pick_related(self, var):
        """Another tensor, preferably sharing var's storage (for overlaps)."""
        if self.rng.random() < 0.5:
            same = self.pick(lambda v: v.storage is var.storage)
            if same:
                return same
        return self.pick()

    def new_step(self, shape=None, dtype=None):
        rng = self.rng
        dtype = dtype or rng.choice(DTYPES)
        shape = rand_shape(rng) if shape is None else shape
        return ("new", self.name(), dtype, shape, rand_values(rng, dtype, int(np.prod(shape))))

    def run(self, step):
        """Applies step to the model; returns 'ok', 'error' or None (dropped)."""
        try:
            self.model.apply(step)
        except AgError:
            self.steps.append((step, "error"))
            return "error"
        except Ambiguous:
            self.skipped += 1
            return None
        self.steps.append((step, "ok"))
        return "ok"

    def random_step(self):
        rng = self.rng
        m = self.model
        src = self.pick()
        v = m.vars[src]
        a = v.arr
        nd = a.ndim
        r = rng.random()
        if r < 0.06:
            return self.new_step()
        if r < 0.12:
            shape = factor_shape(rng, a.size)
            if rng.random() < 0.4 and shape:
                i = rng.randrange(len(shape))
                shape[i] = -1
                if rng.random() < 0.05:
                    shape[rng.randrange(len(shape))] = -1
            if rng.random() < 0.05:
                shape = shape + [rng.choice([2, 3, -2])]
            return (rng.choice(["view", "reshape"]), self.name(), src, shape)
        if r < 0.16:
            return ("flatten", self.name(), src, rand_dim(rng, nd), rand_dim(rng, nd))
        if r < 0.19:
            return ("squeeze", self.name(), src)
        if r < 0.22:
            return ("squeeze_dim", self.name(), src, rand_dim(rng, nd))
        if r < 0.27:
            return ("unsqueeze", self.name(), src, rand_dim(rng, nd + 1))
        if r < 0.31:
            dims = list(range(nd))
            rng.shuffle(dims)
            dims = [d - nd if rng.random() < 0.3 else d for d in dims]
            if rng.random() < 0.08:
                dims = dims[:-1] if dims and rng.random() < 0.5 else dims + [0]
            elif rng.random() < 0.05 and nd > 1:
                dims[0] = dims[1]
            return ("permute", self.name(), src, dims)
        if r < 0.34:
            return ("transpose", self.name(), src, rand_dim(rng, nd), rand_dim(rng, nd))
        if r < 0.36:
            return ("t", self.name(), src)
        if r < 0.41:
            return ("expand", self.name(), src, rand_expand(rng, a.shape))
        if r < 0.47:
            size = a.shape[0] if nd else 1
            step = rng.choice([1, 1, 2, 3]) if rng.random() > 0.05 else rng.choice([0, -1])
            return ("slice", self.name(), src, rand_dim(rng, nd), rand_opt(rng, -size - 2, size + 2),
                    rand_opt(rng, -size - 2, size + 2), step)
        if r < 0.51:
            d = rand_dim(rng, nd)
            size = a.shape[d] if nd and -nd <= d < nd else 1
            return ("narrow", self.name(), src, d, rng.randint(-size - 1, size + 1),
                    rng.randint(-1, size + 1))
        if r < 0.55:
            d = rand_dim(rng, nd)
            size = a.shape[d] if nd and -nd <= d < nd else 1
            return ("select", self.name(), src, d, rng.randint(-size - 1, size))
        if r < 0.57:
            size = a.shape[0] if nd else 1
            return ("at", self.name(), src, rng.randint(-size - 1, size))
        if r < 0.64:
            return ("index", self.name(), src, rand_index_items(rng, a))
        if r < 0.66:
            return ("contiguous", self.name(), src)
        if r < 0.67:
            return (rng.choice(["clone", "detach"]), self.name(), src)
        if r < 0.69:
            return ("to", self.name(), src, rng.choice(DTYPES))
        if r < 0.77:
            op = rng.choice(BINARY_OPS)
            kind = rng.random()
            if kind < 0.5:
                other = self.pick()
                if rng.random() < 0.6:
                    pre = self.new_step(compatible_shape(rng, a.shape))
                    if self.run(pre) == "ok":
                        other = pre[1]
                return ("binary", self.name(), op, src, other, rand_alpha(rng))
            if kind < 0.8:
                return ("binary_scalar", self.name(), op, src, rand_scalar(rng), rand_alpha(rng))
            return ("rbinary_scalar", self.name(), op, rand_scalar(rng), src)
        # Writes, mostly through views.
        if r < 0.86:
            op = rng.choice(BINARY_OPS)
            if rng.random() < 0.6:
                other = self.pick_related(v)
                if rng.random() < 0.3:
                    pre = self.new_step(compatible_shape(rng, a.shape),
                                        dtype=rng.choice([v.dtype, rng.choice(DTYPES)]))
                    if self.run(pre) == "ok":
                        other = pre[1]
                return ("inplace", op, src, other, rand_alpha(rng))
            return ("inplace_scalar", op, src, rand_scalar(rng), rand_alpha(rng))
        if r < 0.89:
            return ("fill", src, rand_scalar(rng)) if rng.random() < 0.8 else ("zero", src)
        if r < 0.94:
            return ("copy", src, self.pick_related(v))
        if r < 0.97:
            value = ("T", self.pick_related(v)) if rng.random() < 0.6 else ("V", rand_scalar(rng))
            return ("index_put", src, rand_index_items(rng, a), value)
        size = a.shape[0] if nd else 1
        value = ("T", self.pick_related(v)) if rng.random() < 0.6 else ("V", rand_scalar(rng))
        return ("setitem", src, rng.randint(-size - 1, size), value)


def generate_case(seed, index, max_steps):
    rng = random.Random("%s:%d" % (seed, index))
    model = Model()
    gen = Generator(rng, model)
    for _ in range(rng.randint(1, 2)):
        gen.run(gen.new_step())
    target = rng.randint(3, max_steps)
    tries = 0
    while len(gen.steps) < target and tries < 4 * max_steps:
        tries += 1
        gen.run(gen.random_step())
    return [s for s, _ in gen.steps], gen.skipped


# ---------------------------------------------------------------------------
# Running and checking
# ---------------------------------------------------------------------------

def case_text(cid, steps):
    return "case %s\n%s\nend\n" % (cid, "\n".join(step_text(s) for s in steps))


def run_driver(driver, text, timeout):
    p = subprocess.run([driver], input=text, capture_output=True, text=True, timeout=timeout)
    return p.returncode, p.stdout, p.stderr


def split_report(stdout):
    """{case id: [lines]} for every case the driver finished."""
    out, cur, lines = {}, None, []
    for line in stdout.splitlines():
        if line.startswith("case "):
            cur, lines = line[5:], []
        elif line.startswith("done "):
            out[cur] = lines
            cur = None
        elif cur is not None:
            lines.append(line)
    return out


def check_case(steps, lines):
    """Replays steps on a fresh model and compares them with the driver's
    lines. Returns a list of problems (empty when ag agrees)."""
    model = Model()
    problems = []
    pos = 0

    def next_line():
        nonlocal pos
        if pos >= len(lines):
            return None
        pos += 1
        return lines[pos - 1]

    for k, step in enumerate(steps):
        text = step_text(step)
        line = next_line()
        if line is None:
            return problems + ["step %d (%s): no report from the driver" % (k, text)]
        head = line.split(" ", 3)
        if len(head) < 3 or head[0] != "step" or head[1] != str(k):
            return problems + ["step %d (%s): unexpected driver line %r" % (k, text, line)]
        status = head[2]
        if status == "crash":
            return problems + ["step %d (%s): CRASH: %s" % (k, text, line)]
        try:
            defined = model.apply(step)
            expected = "ok"
        except AgError as e:
            defined, expected = None, "error (%s)" % e
        if status == "missing":
            return problems + ["step %d (%s): driver has no tensor %s (an earlier step disagreed)"
                               % (k, text, head[3] if len(head) > 3 else "?")]
        if status == "ok" and expected != "ok":
            return problems + ["step %d (%s): ag succeeded, expected %s" % (k, text, expected)]
        if status == "error" and expected == "ok":
            return problems + ["step %d (%s): ag raised ag::Error '%s', expected success"
                               % (k, text, head[3] if len(head) > 3 else "")]
        if status == "ok" and defined is not None:
            var_line = next_line()
            if var_line is None or not var_line.startswith("var "):
                return problems + ["step %d (%s): missing var line" % (k, text)]
            errs = compare_var(parse_var(var_line.split()), model, defined, storage_groups(model))
            if errs:
                return problems + ["step %d (%s): %s: %s" % (k, text, defined, "; ".join(errs))]
    problems += shares_memory_violations(model)
    groups = storage_groups(model)
    for name in model.order:
        line = next_line()
        if line is None or not line.startswith("var %s " % name):
            return problems + ["final state: expected tensor %s, got %r" % (name, line)]
        errs = compare_var(parse_var(line.split()), model, name, groups)
        if errs:
            problems.append("final state of %s (after all steps): %s" % (name, "; ".join(errs)))
    if next_line() is not None:
        problems.append("final state: unexpected extra lines")
    return problems


def valid_steps(steps):
    """False when some step refers to a tensor no earlier step defines."""
    model = Model()
    try:
        for s in steps:
            try:
                model.apply(s)
            except (AgError, Ambiguous):
                pass
    except MissingVar:
        return False
    return True


def evaluate(driver, steps, timeout):
    """Problems of one case run alone, including a crash of the driver."""
    try:
        rc, out, err = run_driver(driver, case_text("min", steps), timeout)
    except subprocess.TimeoutExpired:
        return ["driver timed out"]
    rep = split_report(out)
    if "min" not in rep:
        return ["driver died (exit status %d): %s" % (rc, err.strip()[-500:])]
    problems = check_case(steps, rep["min"])
    if rc not in (0, 3):
        problems.append("driver exit status %d: %s" % (rc, err.strip()[-500:]))
    return problems


def minimise(driver, steps, timeout):
    """Drops steps while the case still fails (greedy, one pass per size)."""
    steps = list(steps)
    changed = True
    while changed:
        changed = False
        for i in range(len(steps) - 1, -1, -1):
            cand = steps[:i] + steps[i + 1:]
            if not cand or not valid_steps(cand):
                continue
            if evaluate(driver, cand, timeout):
                steps = cand
                changed = True
    return steps


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--driver", required=True, help="path of ag_case_driver")
    ap.add_argument("--cases", type=int, default=2000)
    ap.add_argument("--seed", default=None, help="run seed (default: random, printed)")
    ap.add_argument("--case", type=int, default=None, help="run only this case of the seed")
    ap.add_argument("--max-steps", type=int, default=14)
    ap.add_argument("--batch", type=int, default=250, help="cases per driver process")
    ap.add_argument("--time-limit", type=float, default=0,
                    help="stop starting new batches after this many seconds (0: none)")
    ap.add_argument("--show", action="store_true", help="print the case programs")
    ap.add_argument("--keep-going", action="store_true", help="do not stop at the first failure")
    ap.add_argument("--pytorch-exact", action="store_true",
                    help="expect PyTorch's behaviour also where ag is known to differ "
                         "(KNOWN_DEVIATIONS)")
    args = ap.parse_args()
    if args.pytorch_exact:
        KNOWN_DEVIATIONS.clear()

    seed = args.seed if args.seed is not None else str(random.SystemRandom().randrange(10**9))
    indices = [args.case] if args.case is not None else list(range(args.cases))
    print("numpy_fuzz: seed %s, %d cases" % (seed, len(indices)), flush=True)
    start = time.monotonic()
    totals = dict(cases=0, steps=0, errors=0, skipped=0, failures=0)
    timeout = 120

    for b in range(0, len(indices), args.batch):
        if args.time_limit and time.monotonic() - start > args.time_limit:
            print("numpy_fuzz: time limit reached", flush=True)
            break
        batch = indices[b:b + args.batch]
        cases = {}
        for i in batch:
            steps, skipped = generate_case(seed, i, args.max_steps)
            cases[str(i)] = steps
            totals["skipped"] += skipped
        text = "".join(case_text(cid, steps) for cid, steps in cases.items())
        if args.show:
            print(text)
        rc, out, err = run_driver(args.driver, text, timeout * 10)
        if rc == 2:
            print("numpy_fuzz: the driver rejected its input: " + err.strip())
            return 1
        rep = split_report(out)
        for cid, steps in cases.items():
            totals["cases"] += 1
            totals["steps"] += len(steps)
            if cid in rep:
                problems = check_case(steps, rep[cid])
            else:
                # The driver died before finishing this case: run it alone.
                problems = evaluate(args.driver, steps, timeout) or \
                    ["the batch's driver died (exit status %d) but the case alone passes: %s"
                     % (rc, err.strip()[-300:])]
            if args.show and cid in rep:
                print("\n".join(rep[cid]))
            if problems:
                totals["failures"] += 1
                print("\nFAIL: seed %s case %s: %s" % (seed, cid, problems[0]))
                small = minimise(args.driver, steps, timeout)
                print("reproduce: %s --driver %s --seed %s --case %s --show"
                      % (sys.argv[0], args.driver, seed, cid))
                print("minimised case (%d of %d steps), ag_case_driver input:" % (len(small), len(steps)))
                print(case_text(cid, small), end="")
                for p in evaluate(args.driver, small, timeout):
                    print("  " + p)
                if not args.keep_going:
                    return 1
        model_errors = sum(1 for line in out.splitlines() if " error " in line)
        totals["errors"] += model_errors

    elapsed = time.monotonic() - start
    print("numpy_fuzz: %d cases, %d steps (%d ag::Error as expected), %d steps dropped as "
          "ambiguous, %d failures, %.1f s" % (totals["cases"], totals["steps"], totals["errors"],
                                             totals["skipped"], totals["failures"], elapsed))
    return 1 if totals["failures"] else 0


if __name__ == "__main__":
    sys.exit(main())
