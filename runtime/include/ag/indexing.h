// ag::indexing: the index types of Tensor::index / index_put_, as
// torch::indexing: Slice, None, Ellipsis and integers.
//   t.index({Slice(), 0})            ==  t[:, 0]
//   t.index({None, Ellipsis, 1})     ==  t[None, ..., 1]
#pragma once

#include <cstdint>
#include <optional>

namespace ag::indexing {

inline constexpr std::nullopt_t None = std::nullopt;

struct EllipsisIndexType {};
inline constexpr EllipsisIndexType Ellipsis{};

class Slice {
public:
  Slice(std::optional<int64_t> start = std::nullopt,
        std::optional<int64_t> stop = std::nullopt,
        std::optional<int64_t> step = std::nullopt)
      : start_(start), stop_(stop), step_(step) {}
  std::optional<int64_t> start() const { return start_; }
  std::optional<int64_t> stop() const { return stop_; }
  std::optional<int64_t> step() const { return step_; }

private:
  std::optional<int64_t> start_, stop_, step_;
};

class TensorIndex {
public:
  enum class Kind { Integer, Slice, None, Ellipsis };

  TensorIndex(int64_t i) : kind_(Kind::Integer), integer_(i) {}
  TensorIndex(int i) : TensorIndex(int64_t(i)) {}
  TensorIndex(Slice s) : kind_(Kind::Slice), slice_(s) {}
  TensorIndex(std::nullopt_t) : kind_(Kind::None) {}
  TensorIndex(EllipsisIndexType) : kind_(Kind::Ellipsis) {}

  Kind kind() const { return kind_; }
  bool is_integer() const { return kind_ == Kind::Integer; }
  bool is_slice() const { return kind_ == Kind::Slice; }
  bool is_none() const { return kind_ == Kind::None; }
  bool is_ellipsis() const { return kind_ == Kind::Ellipsis; }
  int64_t integer() const { return integer_; }
  const Slice &slice() const { return slice_; }

private:
  Kind kind_;
  int64_t integer_ = 0;
  Slice slice_;
};

} // namespace ag::indexing
