// Reductions: sum, mean, max, min over everything and per dim (keepdim),
// their dtypes, NaN handling, strided inputs, and PyTorch's errors.
#include <ag/ag.h>

#include "test_util.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <vector>

using namespace ag;
using namespace ag::test;

namespace {

using Shape = std::vector<int64_t>;

TEST(Reduce, SumWhole) {
  Tensor f = tensor({{1.0, 2.0, 3.0}, {4.0, 5.0, 6.0}});
  Tensor s = f.sum();
  EXPECT_EQ(s.dim(), 0);
  EXPECT_EQ(s.dtype(), kFloat);
  EXPECT_EQ(s.item<double>(), 21.0);
  EXPECT_EQ(ag::sum(f).item<double>(), 21.0);
  EXPECT_EQ(tensor({1.5, 2.5}, kDouble).sum().dtype(), kDouble);
}

TEST(Reduce, SumDtypes) {
  // Integers and bool sum to Long, without overflowing the input type.
  Tensor i = tensor({std::numeric_limits<int32_t>::max(), std::numeric_limits<int32_t>::max()}, kInt);
  Tensor s = i.sum();
  EXPECT_EQ(s.dtype(), kLong);
  EXPECT_EQ(s.item<int64_t>(), 2 * int64_t(std::numeric_limits<int32_t>::max()));
  Tensor b = tensor({true, false, true, true});
  EXPECT_EQ(b.sum().dtype(), kLong);
  EXPECT_EQ(b.sum().item<int64_t>(), 3);
  EXPECT_EQ(tensor({1, 2, 3}).sum().dtype(), kLong);
  EXPECT_EQ(ones({2, 2}, kInt).sum({1}).dtype(), kLong);
}

TEST(Reduce, SumPerDimAndKeepdim) {
  Tensor m = arange(6.0).view({2, 3}); // [[0 1 2] [3 4 5]]
  Tensor s0 = m.sum({0});
  EXPECT_EQ(s0.sizes(), Shape({3}));
  EXPECT_EQ(vals(s0), dv({3, 5, 7}));
  Tensor s1 = m.sum({1}, true);
  EXPECT_EQ(s1.sizes(), Shape({2, 1}));
  EXPECT_EQ(vals(s1), dv({3, 12}));
  EXPECT_EQ(vals(m.sum({-1})), dv({3, 12}));
  Tensor both = m.sum({0, 1}, true);
  EXPECT_EQ(both.sizes(), Shape({1, 1}));
  EXPECT_EQ(vals(both), dv({15}));
  // An empty dim list reduces everything (PyTorch 1.x).
  EXPECT_EQ(m.sum(std::vector<int64_t>{}).dim(), 0);
  EXPECT_EQ(m.sum(std::vector<int64_t>{}).item<double>(), 15.0);
  Tensor c = arange(24.0).view({2, 3, 4});
  Tensor s02 = ag::sum(c, {0, 2});
  EXPECT_EQ(s02.sizes(), Shape({3}));
  // sum over i, k of 12 i + 4 j + k = 8 * 4 j + (12 * 4 + 2 * 6) for j.
  EXPECT_EQ(vals(s02), dv({60, 92, 124}));
  Tensor s02k = c.sum({2, 0}, true);
  EXPECT_EQ(s02k.sizes(), Shape({1, 3, 1}));
}

TEST(Reduce, SumStridedInputs) {
  Tensor m = arange(12.0).view({3, 4});
  Tensor t = m.t(); // [4, 3]
  EXPECT_EQ(vals(t.sum({0})), vals(m.sum({1})));
  EXPECT_EQ(vals(t.sum({1})), vals(m.sum({0})));
  EXPECT_EQ(m.slice(1, 0, 4, 2).sum().item<double>(), 0 + 2 + 4 + 6 + 8 + 10);
  Tensor ex = tensor({1.0, 2.0}).expand({3, 2});
  EXPECT_EQ(vals(ex.sum({0})), dv({3, 6}));
  EXPECT_EQ(ex.sum().item<double>(), 9.0);
}

TEST(Reduce, SumEdgeCases) {
  EXPECT_EQ(zeros({0}).sum().item<double>(), 0.0);
  EXPECT_EQ(zeros({0, 3}).sum({0}).sizes(), Shape({3}));
  EXPECT_EQ(vals(zeros({0, 3}).sum({0})), dv({0, 0, 0}));
  EXPECT_EQ(zeros({0, 3}).sum({1}).sizes(), Shape({0}));
  Tensor z = tensor(5.0);
  EXPECT_EQ(z.sum({0}).item<double>(), 5.0);
  EXPECT_EQ(z.sum({0}, true).dim(), 0);
  EXPECT_EQ(error_of([] { return ones({3}).sum({3}); }),
            "Dimension out of range (expected to be in range of [-1, 0], but got 3)");
  EXPECT_EQ(error_of([] { return ones({2, 3}).sum({0, 0}); }), "dim 0 appears multiple times in the list of dims");
  EXPECT_EQ(error_of([] { return ones({2, 3}).sum({1, -1}); }), "dim 1 appears multiple times in the list of dims");
  // Many small values: accumulation is in double.
  Tensor many = full({1000000}, 0.1);
  EXPECT_NEAR(many.sum().item<double>(), 100000.0, 0.01);
}

TEST(Reduce, Mean) {
  Tensor m = arange(6.0).view({2, 3});
  EXPECT_EQ(m.mean().item<double>(), 2.5);
  EXPECT_EQ(m.mean().dtype(), kFloat);
  EXPECT_EQ(vals(m.mean({0})), dv({1.5, 2.5, 3.5}));
  Tensor k = ag::mean(m, {1}, true);
  EXPECT_EQ(k.sizes(), Shape({2, 1}));
  EXPECT_EQ(vals(k), dv({1, 4}));
  EXPECT_EQ(ag::mean(m).item<double>(), 2.5);
  EXPECT_EQ(m.mean({0, 1}, true).sizes(), Shape({1, 1}));
  EXPECT_EQ(tensor({1.0, 2.0}, kDouble).mean().dtype(), kDouble);
  EXPECT_TRUE(std::isnan(zeros({0}).mean().item<double>()));
  EXPECT_EQ(m.t().mean({0}).sizes(), Shape({2}));
  EXPECT_EQ(vals(m.t().mean({0})), dv({1, 4}));
}

TEST(Reduce, MeanOfIntegersIsAnError) {
  EXPECT_EQ(error_of([] { return tensor({1, 2}).mean(); }),
            "mean(): could not infer output dtype. Input dtype must be either a floating point or "
            "complex dtype. Got: Long");
  EXPECT_EQ(error_of([] { return ones({2}, kInt).mean({0}); }),
            "mean(): could not infer output dtype. Input dtype must be either a floating point or "
            "complex dtype. Got: Int");
  EXPECT_EQ(error_of([] { return ones({2}, kBool).mean(); }),
            "mean(): could not infer output dtype. Input dtype must be either a floating point or "
            "complex dtype. Got: Bool");
}

TEST(Reduce, MaxMinWhole) {
  Tensor t = tensor({{3.0, -1.0}, {7.0, 2.0}});
  EXPECT_EQ(t.max().item<double>(), 7.0);
  EXPECT_EQ(t.min().item<double>(), -1.0);
  EXPECT_EQ(t.max().dim(), 0);
  EXPECT_EQ(t.max().dtype(), kFloat);
  EXPECT_EQ(ag::max(t).item<double>(), 7.0);
  EXPECT_EQ(ag::min(t).item<double>(), -1.0);
  EXPECT_EQ(tensor({4, 9, -2}, kInt).max().dtype(), kInt);
  EXPECT_EQ(tensor({4, 9, -2}, kInt).max().item<int64_t>(), 9);
  EXPECT_EQ(tensor({true, false}).max().dtype(), kBool);
  EXPECT_EQ(tensor({true, false}).min().item<bool>(), false);
  EXPECT_EQ(t.t().max().item<double>(), 7.0);
  // NaN propagates.
  EXPECT_TRUE(std::isnan(tensor({1.0, std::nan(""), 5.0}).max().item<double>()));
  EXPECT_TRUE(std::isnan(tensor({1.0, std::nan(""), 5.0}).min().item<double>()));
}

TEST(Reduce, MaxMinOfEmptyIsAnError) {
  EXPECT_EQ(error_of([] { return zeros({0}).max(); }),
            "max(): Expected reduction dim to be specified for input.numel() == 0. Specify the "
            "reduction dim with the 'dim' argument.");
  EXPECT_EQ(error_of([] { return zeros({2, 0}).min(); }),
            "min(): Expected reduction dim to be specified for input.numel() == 0. Specify the "
            "reduction dim with the 'dim' argument.");
  EXPECT_EQ(error_of([] { return zeros({0, 3}).max(0); }), "max(): Expected reduction dim 0 to have non-zero size.");
  EXPECT_EQ(error_of([] { return zeros({3, 0}).min(-1); }), "min(): Expected reduction dim 1 to have non-zero size.");
  auto [v, i] = zeros({0, 3}).max(1);
  EXPECT_EQ(v.sizes(), Shape({0}));
  EXPECT_EQ(i.dtype(), kLong);
  EXPECT_EQ(error_of([] { return ones({3}).max(3); }),
            "Dimension out of range (expected to be in range of [-1, 0], but got 3)");
}

TEST(Reduce, MaxMinPerDim) {
  Tensor t = tensor({{3.0, -1.0, 8.0}, {7.0, 2.0, 0.0}});
  auto [v0, i0] = t.max(0);
  EXPECT_EQ(v0.sizes(), Shape({3}));
  EXPECT_EQ(vals(v0), dv({7, 2, 8}));
  EXPECT_EQ(i0.dtype(), kLong);
  EXPECT_EQ(vals(i0), dv({1, 1, 0}));
  auto [v1, i1] = t.min(1, true);
  EXPECT_EQ(v1.sizes(), Shape({2, 1}));
  EXPECT_EQ(vals(v1), dv({-1, 0}));
  EXPECT_EQ(vals(i1), dv({1, 2}));
  auto [v2, i2] = ag::max(t, -1);
  EXPECT_EQ(vals(v2), dv({8, 7}));
  EXPECT_EQ(vals(i2), dv({2, 0}));
  auto [v3, i3] = ag::min(t.t(), 1); // strided input
  EXPECT_EQ(vals(v3), dv({3, -1, 0}));
  EXPECT_EQ(vals(i3), dv({0, 0, 1}));
  auto [iv, ii] = tensor({{1, 5}, {6, 2}}, kInt).max(1, true);
  EXPECT_EQ(iv.dtype(), kInt);
  EXPECT_EQ(iv.sizes(), Shape({2, 1}));
  EXPECT_EQ(vals(iv), dv({5, 6}));
}

TEST(Reduce, MaxPerDimTiesAndNaN) {
  // The first of equal maxima; a NaN wins and reports its index.
  auto [v, i] = tensor({3.0, 3.0, 1.0}).max(0);
  EXPECT_EQ(v.item<double>(), 3.0);
  EXPECT_EQ(i.item<int64_t>(), 0);
  auto [nv, ni] = tensor({1.0, std::nan(""), 2.0, std::nan("")}).max(0);
  EXPECT_TRUE(std::isnan(nv.item<double>()));
  EXPECT_EQ(ni.item<int64_t>(), 1);
  auto [mv, mi] = tensor({std::nan(""), -5.0}).min(0);
  EXPECT_TRUE(std::isnan(mv.item<double>()));
  EXPECT_EQ(mi.item<int64_t>(), 0);
}

TEST(Reduce, MaxOfZeroDimAlongDim) {
  auto [v, i] = tensor(5.0).max(0);
  EXPECT_EQ(v.dim(), 0);
  EXPECT_EQ(v.item<double>(), 5.0);
  EXPECT_EQ(i.item<int64_t>(), 0);
}

TEST(Reduce, LargePerDim) {
  Tensor big = arange(300.0 * 500.0).view({300, 500});
  auto [v, i] = big.max(1);
  std::vector<double> vv = vals(v), iv = vals(i);
  for (int r = 0; r < 300; r += 37) {
    EXPECT_EQ(vv[size_t(r)], double(r * 500 + 499));
    EXPECT_EQ(iv[size_t(r)], 499.0);
  }
  auto [w, j] = big.min(0);
  EXPECT_EQ(vals(w)[7], 7.0);
  EXPECT_EQ(vals(j)[7], 0.0);
  EXPECT_EQ(big.sum({0}).sizes(), Shape({500}));
}

} // namespace
