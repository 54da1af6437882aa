// Regressions found by the NumPy/PyTorch differential fuzzer (test/fuzz).
#include <ag/ag.h>

#include <gtest/gtest.h>

namespace {

// A new tensor made by copying starts at version 0, as in PyTorch: the copy
// that fills it is not an in-place write anyone could have seen.
TEST(FuzzRegressions, CopiesStartAtVersionZero) {
  ag::Tensor t = ag::arange(6, ag::kInt).reshape({2, 3});
  EXPECT_EQ(t.clone()._version(), 0);
  EXPECT_EQ(t.to(ag::kDouble)._version(), 0);
  EXPECT_EQ(t.t().contiguous()._version(), 0);
  EXPECT_EQ(t.t().reshape({6})._version(), 0);
  EXPECT_FALSE(t.t().reshape({6}).is_alias_of(t));
  // A view shares the counter; a write bumps it.
  ag::Tensor v = t.view({6});
  v.add_(1);
  EXPECT_EQ(t._version(), 1);
}

} // namespace
