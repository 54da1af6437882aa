// DimVector: sizes or strides, stored inline up to kInlineDims dimensions so
// that making a small tensor costs no allocation for its metadata.
#pragma once

#include "ag/array_ref.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <memory>

namespace ag::detail {

class DimVector {
public:
  static constexpr size_t kInlineDims = 6;

  DimVector() = default;
  explicit DimVector(size_t n, int64_t value = 0) { resize(n, value); }
  DimVector(IntArrayRef a) { assign(a.data(), a.size()); }
  DimVector(const DimVector &o) { assign(o.data(), o.size_); }
  DimVector &operator=(const DimVector &o) {
    if (this != &o)
      assign(o.data(), o.size_);
    return *this;
  }
  DimVector(DimVector &&o) noexcept { *this = std::move(o); }
  DimVector &operator=(DimVector &&o) noexcept {
    if (this == &o)
      return *this;
    if (o.heap_) {
      heap_ = std::move(o.heap_);
      capacity_ = o.capacity_;
    } else {
      heap_.reset();
      capacity_ = kInlineDims;
      std::copy_n(o.inline_, o.size_, inline_);
    }
    size_ = o.size_;
    o.size_ = 0;
    o.capacity_ = kInlineDims;
    return *this;
  }

  int64_t *data() { return heap_ ? heap_.get() : inline_; }
  const int64_t *data() const { return heap_ ? heap_.get() : inline_; }
  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  int64_t &operator[](size_t i) { return data()[i]; }
  const int64_t &operator[](size_t i) const { return data()[i]; }
  int64_t *begin() { return data(); }
  int64_t *end() { return data() + size_; }
  const int64_t *begin() const { return data(); }
  const int64_t *end() const { return data() + size_; }
  int64_t &back() { return data()[size_ - 1]; }
  operator IntArrayRef() const { return IntArrayRef(data(), size_); }
  IntArrayRef ref() const { return IntArrayRef(data(), size_); }

  void resize(size_t n, int64_t value = 0) {
    reserve(n);
    for (size_t i = size_; i < n; ++i)
      data()[i] = value;
    size_ = n;
  }
  void push_back(int64_t v) {
    reserve(size_ + 1);
    data()[size_++] = v;
  }
  void insert(size_t pos, int64_t v) {
    reserve(size_ + 1);
    int64_t *d = data();
    std::memmove(d + pos + 1, d + pos, (size_ - pos) * sizeof(int64_t));
    d[pos] = v;
    ++size_;
  }
  void erase(size_t pos) {
    int64_t *d = data();
    std::memmove(d + pos, d + pos + 1, (size_ - pos - 1) * sizeof(int64_t));
    --size_;
  }
  void clear() { size_ = 0; }

private:
  void reserve(size_t n) {
    if (n <= capacity_)
      return;
    size_t cap = std::max(n, capacity_ * 2);
    std::unique_ptr<int64_t[]> p(new int64_t[cap]);
    std::copy_n(data(), size_, p.get());
    heap_ = std::move(p);
    capacity_ = cap;
  }
  void assign(const int64_t *src, size_t n) {
    size_ = 0;
    reserve(n);
    std::copy_n(src, n, data());
    size_ = n;
  }

  int64_t inline_[kInlineDims];
  std::unique_ptr<int64_t[]> heap_;
  size_t size_ = 0;
  size_t capacity_ = kInlineDims;
};

} // namespace ag::detail
