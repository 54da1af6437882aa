// ag::IntArrayRef: a non-owning view of sizes, strides or dims, made from a
// braced list, a vector or a single integer (so t.view(-1) works), as
// c10::IntArrayRef.
#pragma once

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <ostream>
#include <vector>

namespace ag {

class IntArrayRef {
public:
  using value_type = int64_t;
  using iterator = const int64_t *;
  using const_iterator = const int64_t *;

  constexpr IntArrayRef() = default;
  constexpr IntArrayRef(const int64_t &one) : data_(&one), size_(1) {}
  constexpr IntArrayRef(const int64_t *data, size_t size) : data_(data), size_(size) {}
  IntArrayRef(const std::vector<int64_t> &v) : data_(v.data()), size_(v.size()) {}
  // The list must outlive the ref: fine for arguments, not for variables.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Winit-list-lifetime"
#endif
  constexpr IntArrayRef(std::initializer_list<int64_t> l)
      : data_(l.begin()), size_(l.size()) {}
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif

  constexpr const int64_t *data() const { return data_; }
  constexpr size_t size() const { return size_; }
  constexpr bool empty() const { return size_ == 0; }
  constexpr const int64_t *begin() const { return data_; }
  constexpr const int64_t *end() const { return data_ + size_; }
  constexpr const int64_t &operator[](size_t i) const { return data_[i]; }
  constexpr const int64_t &front() const { return data_[0]; }
  constexpr const int64_t &back() const { return data_[size_ - 1]; }
  std::vector<int64_t> vec() const { return std::vector<int64_t>(begin(), end()); }

  friend bool operator==(IntArrayRef a, IntArrayRef b) {
    if (a.size_ != b.size_)
      return false;
    for (size_t i = 0; i < a.size_; ++i)
      if (a.data_[i] != b.data_[i])
        return false;
    return true;
  }
  friend bool operator==(IntArrayRef a, const std::vector<int64_t> &b) {
    return a == IntArrayRef(b);
  }

  // "[2, 3]", as PyTorch formats shapes in messages.
  friend std::ostream &operator<<(std::ostream &os, IntArrayRef a) {
    os << '[';
    for (size_t i = 0; i < a.size_; ++i)
      os << (i ? ", " : "") << a.data_[i];
    return os << ']';
  }

private:
  const int64_t *data_ = nullptr;
  size_t size_ = 0;
};

} // namespace ag
