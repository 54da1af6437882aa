// matmul with PyTorch's semantics: 1-D·1-D dot, matrix-vector, vector-matrix,
// matrix-matrix, and batched products with broadcast batch dims; PyTorch's
// error messages for each case (which name the kernel PyTorch would reach).
#include "loops.h"
#include "alias/tracker.h"

namespace ag {
namespace detail {
namespace {

template <typename T> inline T madd(T acc, T a, T b) {
  if constexpr (std::is_same_v<T, bool>)
    return acc || (a && b); // unreachable from matmul (Bool is refused), kept total
  else if constexpr (std::is_floating_point_v<T>)
    return acc + a * b;
  else
    return wrap_add(acc, wrap_mul(a, b));
}

// C[b] = A[b] @ B[b] for contiguous A [batches, n, k], B [batches, k, p],
// C [batches, n, p]. Rows of C are independent, so they are split over the
// pool; the i-k-j order keeps the innermost loop unit-stride (vectorised).
template <typename T>
void gemm(const T *A, const T *B, T *C, int64_t batches, int64_t n, int64_t k, int64_t p) {
  int64_t rows = batches * n;
  int64_t work_per_row = std::max<int64_t>(1, k * p);
  parallel_for(rows, std::max<int64_t>(1, kGrainSize / work_per_row), [&](int64_t r0, int64_t r1) {
    for (int64_t r = r0; r < r1; ++r) {
      const int64_t b = r / n;
      const T *a = A + r * k;
      const T *bm = B + b * k * p;
      T *c = C + r * p;
      if (p == 1) {
        T s = T(0);
        for (int64_t kk = 0; kk < k; ++kk)
          s = madd(s, a[kk], bm[kk]);
        c[0] = s;
        continue;
      }
      std::fill(c, c + p, T(0));
      for (int64_t kk = 0; kk < k; ++kk) {
        const T av = a[kk];
        const T *brow = bm + kk * p;
        for (int64_t j = 0; j < p; ++j)
          c[j] = madd(c[j], av, brow[j]);
      }
    }
  });
}

// t's data as a contiguous [batch..., rows, cols] block: a view with batch
// dims broadcast (stride 0), materialised when not already contiguous.
Tensor as_batched(const Tensor &t, IntArrayRef batch, int64_t rows, int64_t cols, bool is_vector_row,
                  bool is_vector_col) {
  const TensorImpl &ti = t.impl();
  DimVector sizes(batch);
  sizes.push_back(rows);
  sizes.push_back(cols);
  DimVector strides(batch.size(), 0);
  int64_t nd = t.dim();
  // Matrix dims of t (a vector has only one of them).
  int64_t rs = 0, cs = 0;
  if (is_vector_row) { // [k] used as a 1 x k row
    cs = ti.strides[0];
  } else if (is_vector_col) { // [k] used as a k x 1 column
    rs = ti.strides[0];
  } else {
    rs = ti.strides[size_t(nd - 2)];
    cs = ti.strides[size_t(nd - 1)];
    int64_t tb = nd - 2; // t's own batch dims, right-aligned with batch
    for (int64_t i = 0; i < tb; ++i) {
      size_t out_i = batch.size() - size_t(tb) + size_t(i);
      strides[out_i] = ti.sizes[size_t(i)] == 1 ? 0 : ti.strides[size_t(i)];
    }
  }
  strides.push_back(rs);
  strides.push_back(cs);
  Tensor view = make_view(t, sizes, strides, ti.offset);
  if (view.is_contiguous())
    return view;
  Tensor dense = empty_tensor(sizes, t.dtype());
  copy_loop(dense, view);
  return dense;
}

[[noreturn]] void mm_shape_error(int64_t r1, int64_t c1, int64_t r2, int64_t c2) {
  fail("mat1 and mat2 shapes cannot be multiplied (", r1, "x", c1, " and ", r2, "x", c2, ")");
}

int64_t prod(IntArrayRef s, size_t from, size_t to) {
  int64_t n = 1;
  for (size_t i = from; i < to; ++i)
    n *= s[i];
  return n;
}

} // namespace
} // namespace detail

Tensor matmul(const Tensor &a, const Tensor &b, detail::CallSite caller) {
  using namespace detail;
  detail::alias::Scope scope("matmul", caller);
  scope.read(a);
  scope.read(b);
  check_defined(a, "matmul");
  check_defined(b, "matmul");
  const int64_t d1 = a.dim(), d2 = b.dim();
  AG_CHECK(d1 >= 1 && d2 >= 1, "both arguments to matmul need to be at least 1D, but they are ", d1,
           "D and ", d2, "D");
  IntArrayRef s1 = a.sizes(), s2 = b.sizes();

  if (d1 == 1 && d2 == 1) {
    AG_CHECK(a.dtype() == b.dtype(), "dot : expected both vectors to have same dtype, but found ",
             toString(a.dtype()), " and ", toString(b.dtype()));
    AG_CHECK(s1[0] == s2[0], "inconsistent tensor size, expected tensor [", s1[0], "] and src [", s2[0],
             "] to have the same number of elements, but got ", s1[0], " and ", s2[0],
             " elements respectively");
    AG_CHECK(a.dtype() != kBool, "\"dot\" not implemented for 'Bool'");
  } else {
    AG_CHECK(a.dtype() == b.dtype(), "expected scalar type ", toString(a.dtype()), " but found ",
             toString(b.dtype()));
  }

  // The problem as [batch..., n, k] @ [batch..., k, p]; vectors get a unit
  // dim that is dropped from the result.
  const int64_t n = d1 == 1 ? 1 : s1[size_t(d1 - 2)];
  const int64_t k1 = s1[size_t(d1 - 1)];
  const int64_t k2 = d2 == 1 ? s2[0] : s2[size_t(d2 - 2)];
  const int64_t p = d2 == 1 ? 1 : s2[size_t(d2 - 1)];
  DimVector batch1(IntArrayRef(s1.data(), size_t(std::max<int64_t>(d1 - 2, 0))));
  DimVector batch2(IntArrayRef(s2.data(), size_t(std::max<int64_t>(d2 - 2, 0))));

  // PyTorch reaches a different kernel per case (folding batch dims of an
  // N-d operand into rows when the other is 1-D or 2-D); the checks below
  // reproduce the message that kernel gives.
  const char *kernel;
  if (d1 == 1 && d2 == 1) {
    kernel = "dot";
  } else if (d1 >= 3 && d2 >= 3) {
    kernel = "bmm";
  } else if ((d1 == 2 && d2 == 1) || (d1 >= 3 && d2 == 1) || (d1 == 1 && d2 >= 3)) {
    kernel = "addmv_impl_cpu";
  } else {
    kernel = "addmm_impl_cpu_";
  }
  if (k1 != k2) {
    if (d1 == 2 && d2 == 1)
      fail("size mismatch, got ", n, ", ", n, "x", k1, ",", k2);
    if (d1 >= 3 && d2 == 1) {
      int64_t rows = prod(s1, 0, size_t(d1 - 1));
      fail("size mismatch, got ", rows, ", ", rows, "x", k1, ",", k2);
    }
    if (d1 == 1 && d2 >= 3) { // folded as b^T [batch*p, k2] @ a
      int64_t rows = prod(s2, 0, size_t(d2 - 2)) * p;
      fail("size mismatch, got ", rows, ", ", rows, "x", k2, ",", k1);
    }
    if (d1 <= 2 && d2 <= 2)
      mm_shape_error(n, k1, k2, p);
    if (d1 >= 3 && d2 == 2)
      mm_shape_error(prod(s1, 0, size_t(d1 - 1)), k1, k2, p);
    if (d1 == 2 && d2 >= 3) // folded as b^T @ a^T
      mm_shape_error(prod(s2, 0, size_t(d2 - 2)) * p, k2, k1, n);
  }
  DimVector batch = broadcast_shapes(batch1, batch2);
  if (k1 != k2) {
    int64_t nb = prod(batch, 0, batch.size());
    fail("Expected size for first two dimensions of batch2 tensor to be: [", nb, ", ", k1,
         "] but got: [", nb, ", ", k2, "].");
  }
  AG_CHECK(a.dtype() != kBool, "\"", kernel, "\" not implemented for 'Bool'");

  DimVector out_shape(batch);
  if (d1 > 1)
    out_shape.push_back(n);
  if (d2 > 1)
    out_shape.push_back(p);
  Tensor out = empty_tensor(out_shape, a.dtype());
  const int64_t batches = prod(batch, 0, batch.size());
  if (out.numel() == 0)
    return out;
  Tensor A = as_batched(a, batch, n, k1, d1 == 1, false);
  Tensor B = as_batched(b, batch, k2, p, false, d2 == 1);
  dispatch(a.dtype(), [&](auto tag) {
    using T = decltype(tag);
    gemm<T>(static_cast<const T *>(A.data_ptr()), static_cast<const T *>(B.data_ptr()),
            static_cast<T *>(out.data_ptr()), batches, n, k1, p);
  });
  return out;
}

Tensor Tensor::matmul(const Tensor &other, detail::CallSite caller) const {
  return ag::matmul(*this, other, caller);
}

} // namespace ag
