// ag::Error: every invalid input to the runtime throws this, with PyTorch's
// wording where PyTorch has one.
#pragma once

#include <sstream>
#include <stdexcept>
#include <string>
#include <utility>

namespace ag {

class Error : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

namespace detail {

template <typename... Args> std::string str_cat(Args &&...args) {
  std::ostringstream os;
  (os << ... << std::forward<Args>(args));
  return os.str();
}

template <typename... Args> [[noreturn]] void fail(Args &&...args) {
  throw Error(str_cat(std::forward<Args>(args)...));
}

} // namespace detail
} // namespace ag

// AG_CHECK(cond, message parts...): throw ag::Error(message) unless cond holds.
#define AG_CHECK(cond, ...)                                                    \
  do {                                                                         \
    if (__builtin_expect(!(cond), 0))                                          \
      ::ag::detail::fail(__VA_ARGS__);                                         \
  } while (0)
