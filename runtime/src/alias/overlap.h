// Whether an elementwise in-place op's operand overlaps the tensor it writes
// at other positions, shared by both checked runtimes (ag's tensor_iterator
// and the LibTorch observer): the geometry only, in elements of one storage.
//
// An elementwise op computes position p of the written tensor from position p
// of each operand (broadcast to the written tensor's shape). When the operand
// element read for position q lies where position p != q is written, the
// value read depends on whether p was written first: on the iteration order,
// vectorisation and threads. Reading and writing the same element at the same
// position (a.add_(a), a.add_(a.view(-1).view(a.sizes()))) is fine.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <span>
#include <unordered_map>
#include <vector>

namespace ag::detail::alias {

struct Geometry {
  std::span<const int64_t> sizes, strides;
  int64_t offset = 0; // elements from the storage's start
};

struct OtherPositions {
  int64_t count = 0;        // positions whose operand element is written at another one
  int64_t read_at = -1;     // the first such position (linear, row-major) ...
  int64_t written_at = -1;  // ... and the position that writes its element
  explicit operator bool() const { return count > 0; }
};

// Larger tensors are not examined (the map below would take too much memory):
// the check stays silent rather than guess.
constexpr int64_t kMaxOverlapElements = int64_t(1) << 22;

// Positions of `out` (no internal overlap: every position its own element)
// whose element of `in`, broadcast to out's shape, is one `out` writes at a
// different position. Both in the same storage and dtype. Nothing when `in`
// does not broadcast to out's shape or out is too large.
inline OtherPositions overlap_at_other_positions(const Geometry &out, const Geometry &in) {
  OtherPositions result;
  size_t rank = out.sizes.size();
  if (in.sizes.size() > rank)
    return result;
  int64_t numel = 1;
  for (int64_t s : out.sizes)
    numel *= s;
  if (numel == 0 || numel > kMaxOverlapElements)
    return result;
  // in's strides in out's shape: missing leading and size-1 dims read one element.
  std::vector<int64_t> in_strides(rank, 0);
  size_t lead = rank - in.sizes.size();
  for (size_t d = 0; d < in.sizes.size(); ++d) {
    if (in.sizes[d] == out.sizes[lead + d])
      in_strides[lead + d] = in.sizes[d] == 1 ? 0 : in.strides[d];
    else if (in.sizes[d] != 1)
      return result;
  }
  std::unordered_map<int64_t, int64_t> position_of; // out's element -> position
  position_of.reserve(size_t(numel));
  std::vector<int64_t> index(rank, 0);
  auto walk = [&](auto &&visit) {
    std::fill(index.begin(), index.end(), 0);
    int64_t o = out.offset, i = in.offset;
    for (int64_t p = 0; p < numel; ++p) {
      visit(p, o, i);
      for (size_t d = rank; d-- > 0;) {
        if (++index[d] < out.sizes[d]) {
          o += out.strides[d];
          i += in_strides[d];
          break;
        }
        o -= (out.sizes[d] - 1) * out.strides[d];
        i -= (out.sizes[d] - 1) * in_strides[d];
        index[d] = 0;
      }
    }
  };
  walk([&](int64_t p, int64_t o, int64_t) { position_of.emplace(o, p); });
  walk([&](int64_t p, int64_t, int64_t i) {
    auto it = position_of.find(i);
    if (it == position_of.end() || it->second == p)
      return;
    if (result.count++ == 0) {
      result.read_at = p;
      result.written_at = it->second;
    }
  });
  return result;
}

// "[1, 0]": a linear row-major position of `sizes` as an index.
inline std::vector<int64_t> unravel(int64_t position, std::span<const int64_t> sizes) {
  std::vector<int64_t> index(sizes.size(), 0);
  for (size_t d = sizes.size(); d-- > 0;) {
    if (sizes[d] > 0) {
      index[d] = position % sizes[d];
      position /= sizes[d];
    }
  }
  return index;
}

} // namespace ag::detail::alias
