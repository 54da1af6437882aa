// Loop machinery shared by the kernels (elementwise_kernels.cpp, reduce.cpp,
// linalg.cpp): the intra-op thread pool, safe element conversions, and the
// strided N-d iteration over up to three operands. Not installed.
#pragma once

#include "internal.h"
#include "ag/detail/convert.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstdint>
#include <cstring>
#include <limits>
#include <type_traits>

namespace ag::detail {

// ---------------------------------------------------------------------------
// Intra-op parallelism.
// ---------------------------------------------------------------------------

// ATen's GRAIN_SIZE: below this many elements an op runs on the calling
// thread only, so small ops never touch the pool.
inline constexpr int64_t kGrainSize = 32768;

using RangeFn = void (*)(void *ctx, int64_t begin, int64_t end);

// Splits [0, n) into at most num_threads() chunks of at least `grain`
// elements and runs fn on them, the calling thread taking the first chunk.
// Falls back to a serial call when the pool is busy (a nested call, or two
// user threads at once), so it never blocks on itself.
void parallel_for_impl(int64_t n, int64_t grain, RangeFn fn, void *ctx);

// Threads the pool uses, the caller included: AG_NUM_THREADS when set
// (1 disables the pool), else std::thread::hardware_concurrency().
int num_threads();

template <typename F> inline void parallel_for(int64_t n, int64_t grain, F &&f) {
  if (n <= 0)
    return;
  if (n <= grain) {
    f(int64_t(0), n);
    return;
  }
  using Fn = std::remove_reference_t<F>;
  parallel_for_impl(
      n, grain,
      [](void *ctx, int64_t begin, int64_t end) { (*static_cast<Fn *>(ctx))(begin, end); },
      const_cast<void *>(static_cast<const void *>(&f)));
}

// Calls fn(T{}) with T the element type of dtype t.
template <typename Fn> inline void dispatch(ScalarType t, Fn &&fn) {
  switch (t) {
  case kBool: fn(bool{}); return;
  case kInt: fn(int32_t{}); return;
  case kLong: fn(int64_t{}); return;
  case kFloat: fn(float{}); return;
  case kDouble: fn(double{}); return;
  }
  fail("unknown dtype ", int(t));
}

// ---------------------------------------------------------------------------
// Conversions with every input defined (the suite runs under UBSan).
// ---------------------------------------------------------------------------

// Wrapping integer arithmetic (PyTorch's integers wrap; signed overflow is
// undefined in C++, so go through the unsigned type).
template <typename T> inline T wrap_add(T a, T b) {
  using U = std::make_unsigned_t<T>;
  return T(U(a) + U(b));
}
template <typename T> inline T wrap_sub(T a, T b) {
  using U = std::make_unsigned_t<T>;
  return T(U(a) - U(b));
}
template <typename T> inline T wrap_mul(T a, T b) {
  using U = std::make_unsigned_t<T>;
  return T(U(a) * U(b));
}

// ---------------------------------------------------------------------------
// Strided N-d iteration.
// ---------------------------------------------------------------------------

inline constexpr int kMaxOperands = 3;
// Tile of the blocked 2-d iteration: 128 elements along the rows, 16 rows
// (a 64-byte line of float32 in the crosswise direction).
inline constexpr int64_t kTileRows = 128;
inline constexpr int64_t kTileCols = 16;

// Up to three operands over one iteration shape, with byte strides,
// reordered so that dim 0 varies fastest in memory and coalesced so that a
// contiguous or uniformly strided tensor is a single dim. The kernel is
// handed rows: (pointers, the operands' dim-0 byte strides, row length).
class NdLoop {
public:
  // `sizes` is the iteration shape in tensor order (outermost first). Each
  // operand's sizes/strides (in elements) broadcast to it (right-aligned).
  // Operand 0 is usually the output; when `out_undefined`, its layout is
  // ignored when choosing the order and filled in by out_strides().
  NdLoop(IntArrayRef sizes, int nops) : nops_(nops), ndim_(int(sizes.size())) {
    shape_ = DimVector(sizes);
    for (int i = 0; i < nops; ++i)
      strides_[i] = DimVector(sizes.size(), 0);
  }

  void set_operand(int i, char *data, IntArrayRef sizes, IntArrayRef strides, int64_t elem_size) {
    base_[i] = data;
    size_t off = shape_.size() - sizes.size();
    for (size_t d = 0; d < sizes.size(); ++d)
      strides_[i][off + d] = sizes[d] == 1 ? 0 : strides[d] * elem_size;
    has_layout_[i] = true;
  }
  void set_scalar_operand(int i, const void *value) {
    base_[i] = static_cast<char *>(const_cast<void *>(value));
    has_layout_[i] = true; // all strides stay 0
  }
  // Marks operand i as an output to be allocated by the caller: it does not
  // take part in choosing the order (PyTorch lets the inputs decide).
  void set_undefined_output(int i) { has_layout_[i] = false; }

  // Orders dims as TensorIterator does (by the strides of the first operand
  // whose strides differ, broadcast dims not deciding), innermost first.
  void reorder();
  // Element strides for a dense output in the chosen order, in tensor dim
  // order; call after reorder() and before coalesce().
  DimVector dense_out_strides() const;
  void set_output(int i, char *data, int64_t elem_size);
  // Merges adjacent dims that every operand walks as one.
  void coalesce();

  int64_t numel() const {
    int64_t n = 1;
    for (int64_t s : shape_)
      n *= s;
    return n;
  }
  int ndim() const { return ndim_; }
  int64_t inner_size() const { return ndim_ == 0 ? 1 : shape_[0]; }
  int64_t inner_stride(int op) const { return ndim_ == 0 ? 0 : strides_[op][0]; }

  // Calls row(ptrs, inner_strides, n) for the rows covering linear indices
  // [begin, end) of the iteration space.
  template <typename Row> void run_range(int64_t begin, int64_t end, Row &&row) const {
    int64_t inner_strides[kMaxOperands] = {0, 0, 0};
    for (int i = 0; i < nops_; ++i)
      inner_strides[i] = inner_stride(i);
    if (ndim_ <= 1) {
      char *ptrs[kMaxOperands] = {nullptr, nullptr, nullptr};
      for (int i = 0; i < nops_; ++i)
        ptrs[i] = base_[i] + begin * inner_strides[i];
      row(ptrs, inner_strides, end - begin);
      return;
    }
    DimVector idx(size_t(ndim_), 0);
    int64_t rem = begin;
    for (int d = 0; d < ndim_; ++d) {
      idx[d] = rem % shape_[d];
      rem /= shape_[d];
    }
    const int64_t size0 = shape_[0];
    while (begin < end) {
      char *ptrs[kMaxOperands] = {nullptr, nullptr, nullptr};
      for (int i = 0; i < nops_; ++i) {
        char *p = base_[i];
        for (int d = 0; d < ndim_; ++d)
          p += idx[d] * strides_[i][d];
        ptrs[i] = p;
      }
      int64_t n = std::min(size0 - idx[0], end - begin);
      row(ptrs, inner_strides, n);
      begin += n;
      idx[0] += n;
      for (int d = 0; d + 1 < ndim_ && idx[d] == shape_[d]; ++d) {
        idx[d] = 0;
        ++idx[d + 1];
      }
    }
  }

  // The whole space, split over the pool when large.
  template <typename Row> void run(Row &&row, int64_t grain = kGrainSize) const {
    if (wants_tiles()) {
      run_tiled(row, grain);
      return;
    }
    parallel_for(numel(), grain, [&](int64_t b, int64_t e) { run_range(b, e, row); });
  }

  // A 2-d space in which some operand walks memory faster along dim 1 than
  // along dim 0 (e.g. a transposed input next to a contiguous one): rows
  // along dim 0 would touch a new cache line of that operand per element.
  bool wants_tiles() const {
    if (ndim_ != 2 || shape_[0] < kTileRows || shape_[1] < kTileCols)
      return false;
    for (int op = 0; op < nops_; ++op) {
      int64_t s0 = std::abs(strides_[op][0]), s1 = std::abs(strides_[op][1]);
      if (s0 != 0 && s1 != 0 && s0 > s1)
        return true;
    }
    return false;
  }

  // Tiles of kTileRows x kTileCols: within a tile the strided operand's
  // cache lines are used kTileCols times before being evicted. Threads
  // split the dim-1 blocks.
  template <typename Row> void run_tiled(Row &row, int64_t grain) const {
    const int64_t n0 = shape_[0], n1 = shape_[1];
    const int64_t blocks = (n1 + kTileCols - 1) / kTileCols;
    int64_t inner_strides[kMaxOperands] = {0, 0, 0};
    for (int i = 0; i < nops_; ++i)
      inner_strides[i] = strides_[i][0];
    parallel_for(blocks, std::max<int64_t>(1, grain / (kTileCols * n0)), [&](int64_t b0, int64_t b1) {
      for (int64_t b = b0; b < b1; ++b) {
        const int64_t j_end = std::min(n1, (b + 1) * kTileCols);
        for (int64_t i0 = 0; i0 < n0; i0 += kTileRows) {
          const int64_t len = std::min(kTileRows, n0 - i0);
          for (int64_t j = b * kTileCols; j < j_end; ++j) {
            char *ptrs[kMaxOperands] = {nullptr, nullptr, nullptr};
            for (int i = 0; i < nops_; ++i)
              ptrs[i] = base_[i] + i0 * strides_[i][0] + j * strides_[i][1];
            row(ptrs, inner_strides, len);
          }
        }
      }
    });
  }

private:
  int nops_;
  int ndim_;
  DimVector shape_;                   // innermost first after reorder()
  DimVector strides_[kMaxOperands];   // bytes, same order as shape_
  DimVector perm_;                    // perm_[k] = tensor dim at position k
  char *base_[kMaxOperands] = {nullptr, nullptr, nullptr};
  bool has_layout_[kMaxOperands] = {false, false, false};
};

// True when t's elements tile a block of memory with no gaps or repeats, in
// some dim order (PyTorch's is_non_overlapping_and_dense).
bool is_non_overlapping_and_dense(const TensorImpl &t);

// Copies src into dst element by element (dst's shape; src broadcast to it;
// dtype converted). No checks, no version bump: the raw loop.
void copy_loop(const Tensor &dst, const Tensor &src);

} // namespace ag::detail
