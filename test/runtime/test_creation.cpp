// Creation: tensor() from nested lists, empty/zeros/ones/full, rand/randn
// and manual_seed, arange, *_like.
#include <ag/ag.h>

#include "test_util.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <thread>
#include <vector>

using namespace ag;
using namespace ag::test;

namespace {

TEST(CreationTensor, InfersDtypeFromTheValues) {
  EXPECT_EQ(tensor({1, 2}).dtype(), kLong);
  EXPECT_EQ(tensor({1.5, 2.0}).dtype(), kFloat);
  EXPECT_EQ(tensor({1, 2.5}).dtype(), kFloat); // promoted across elements
  EXPECT_EQ(tensor({true, false}).dtype(), kBool);
  EXPECT_EQ(tensor({true, 2}).dtype(), kLong);
  EXPECT_EQ(tensor({{1, 2}, {3.5, 4}}).dtype(), kFloat);
  EXPECT_EQ(tensor(3).dtype(), kLong);
  EXPECT_EQ(tensor(3.f).dtype(), kFloat);
  EXPECT_EQ(tensor(std::vector<int>{1, 2, 3}).dtype(), kLong);
  EXPECT_EQ(tensor(std::vector<double>{}).dtype(), kFloat);
}

TEST(CreationTensor, ShapesAndValues) {
  Tensor t = tensor({{1, 2, 3}, {4, 5, 6}});
  EXPECT_EQ(vec(t.sizes()), (std::vector<int64_t>{2, 3}));
  EXPECT_TRUE(t.is_contiguous());
  EXPECT_EQ(values<int64_t>(t), (std::vector<int64_t>{1, 2, 3, 4, 5, 6}));
  EXPECT_EQ(tensor(7).dim(), 0);
  EXPECT_EQ(tensor(7).item<int64_t>(), 7);
  EXPECT_EQ(vec(tensor(std::vector<int64_t>{}).sizes()), std::vector<int64_t>{0});
  EXPECT_EQ(vec(tensor({{}, {}}).sizes()), (std::vector<int64_t>{2, 0}));
  EXPECT_EQ(vec(tensor({{{1}}, {{2}}}).sizes()), (std::vector<int64_t>{2, 1, 1}));
  EXPECT_EQ(values<double>(tensor(std::vector<double>{0.25, 0.5}, kDouble)),
            (std::vector<double>{0.25, 0.5}));
  // Large int64 values are stored exactly.
  EXPECT_EQ(tensor({kMax, kMin})[0].item<int64_t>(), kMax);
}

TEST(CreationTensor, OptionsDtypeOverridesInference) {
  Tensor t = tensor({1.7, -2.2}, kLong);
  EXPECT_EQ(t.dtype(), kLong);
  EXPECT_EQ(values<int64_t>(t), (std::vector<int64_t>{1, -2}));
  EXPECT_EQ(tensor({1, 2}, TensorOptions().dtype(kDouble)).dtype(), kDouble);
  EXPECT_EQ(values<bool>(tensor({0, 3}, kBool)), (std::vector<bool>{false, true}));
  EXPECT_EQ(values<int32_t>(tensor({1, 2}, dtype(kInt))), (std::vector<int32_t>{1, 2}));
  // Out-of-range and NaN conversions are defined (no UB).
  EXPECT_EQ(tensor({1e300, std::nan("")}, kInt)[1].item<int32_t>(), 0);
}

TEST(CreationTensor, RaggedListsAreRejected) {
  EXPECT_EQ(error_of([] { tensor({{1, 2}, {3, 4, 5}}); }), "Expected sequence of length 2 at dim 1 (got 3)");
  EXPECT_EQ(error_of([] { tensor({{1, 2}, {3}}); }), "Expected sequence of length 2 at dim 1 (got 1)");
  EXPECT_EQ(error_of([] { tensor({{{1}, {2}}, {{3}, {4, 5}}}); }),
            "Expected sequence of length 1 at dim 2 (got 2)");
  EXPECT_EQ(error_of([] { tensor({{1, 2}, 3}); }), "Expected sequence of length 2 at dim 1 (got a number)");
  EXPECT_EQ(error_of([] { tensor({1, {2, 3}}); }),
            "Expected a number at dim 1 (got a sequence of length 2)");
  EXPECT_EQ(error_of([] { tensor({{}, {1}}); }), "Expected sequence of length 0 at dim 1 (got 1)");
}

TEST(CreationFill, EmptyZerosOnesFull) {
  Tensor e = empty({2, 3});
  EXPECT_EQ(e.dtype(), kFloat);
  EXPECT_EQ(vec(e.sizes()), (std::vector<int64_t>{2, 3}));
  EXPECT_EQ(values<float>(zeros({2})), (std::vector<float>{0, 0}));
  EXPECT_EQ(values<int32_t>(ones({3}, kInt)), (std::vector<int32_t>{1, 1, 1}));
  EXPECT_EQ(values<bool>(ones({1}, kBool)), std::vector<bool>{true});
  EXPECT_EQ(zeros({}).dim(), 0);
  EXPECT_EQ(zeros({2, 0}).numel(), 0);
  EXPECT_EQ(empty({4}, kDouble).dtype(), kDouble);

  EXPECT_EQ(full({2}, 7).dtype(), kLong);
  EXPECT_EQ(full({2}, 2.5).dtype(), kFloat);
  EXPECT_EQ(full({2}, true).dtype(), kBool);
  EXPECT_EQ(values<int64_t>(full({2}, 7)), (std::vector<int64_t>{7, 7}));
  EXPECT_EQ(values<double>(full({2}, 1, kDouble)), (std::vector<double>{1, 1}));
  EXPECT_EQ(values<int32_t>(full({1}, 2.9, kInt)), std::vector<int32_t>{2});
}

TEST(CreationFill, BadSizes) {
  EXPECT_EQ(error_of([] { zeros({-1, 3}); }), "Trying to create tensor with negative dimension -1: [-1, 3]");
  EXPECT_EQ(error_of([] { full({2, -2}, 1); }), "Trying to create tensor with negative dimension -2: [2, -2]");
  EXPECT_EQ(error_of([] { ones({kMax, 2}); }), "numel: integer multiplication overflow for sizes [9223372036854775807, 2]");
  EXPECT_EQ(error_of([] { rand({kMax}); }), "storage size calculation overflowed with sizes=[9223372036854775807]");
}

TEST(CreationRandom, UniformInUnitInterval) {
  manual_seed(0);
  Tensor r = rand({10000});
  EXPECT_EQ(r.dtype(), kFloat);
  double sum = 0;
  for (float v : values<float>(r)) {
    EXPECT_GE(v, 0.0f);
    EXPECT_LT(v, 1.0f);
    sum += v;
  }
  EXPECT_NEAR(sum / 10000, 0.5, 0.02);
  Tensor d = rand({100}, kDouble);
  EXPECT_EQ(d.dtype(), kDouble);
  for (double v : values<double>(d)) {
    EXPECT_GE(v, 0.0);
    EXPECT_LT(v, 1.0);
  }
}

TEST(CreationRandom, SeedMakesItReproducibleEverywhere) {
  manual_seed(42);
  Tensor a = rand({5});
  Tensor an = randn({5}, kDouble);
  manual_seed(42);
  Tensor b = rand({5});
  Tensor bn = randn({5}, kDouble);
  EXPECT_TRUE(equal(a, b));
  EXPECT_TRUE(equal(an, bn));
  Tensor c = rand({5});
  EXPECT_FALSE(equal(a, c));
  // The numbers are a fixed function of std::mt19937_64 (fully specified
  // by the standard): the top 24 bits of each output for float32.
  std::mt19937_64 engine(42);
  for (float v : values<float>(a))
    EXPECT_EQ(v, float(engine() >> 40) * 0x1.0p-24f);
  manual_seed(42);
  Tensor d = rand({3}, kDouble);
  std::mt19937_64 engine2(42);
  for (double v : values<double>(d))
    EXPECT_EQ(v, double(engine2() >> 11) * 0x1.0p-53);
}

TEST(CreationRandom, NormalMoments) {
  manual_seed(7);
  Tensor n = randn({20001});
  EXPECT_EQ(n.dtype(), kFloat);
  std::vector<float> v = values<float>(n);
  double sum = 0, sq = 0;
  for (float x : v) {
    ASSERT_TRUE(std::isfinite(x));
    sum += x;
    sq += double(x) * x;
  }
  double mean = sum / double(v.size());
  EXPECT_NEAR(mean, 0.0, 0.03);
  EXPECT_NEAR(sq / double(v.size()) - mean * mean, 1.0, 0.05);
}

TEST(CreationRandom, OnlyFloatingDtypes) {
  EXPECT_EQ(error_of([] { rand({2}, kLong); }), "\"check_uniform_bounds\" not implemented for 'Long'");
  EXPECT_EQ(error_of([] { rand({2}, kBool); }), "\"check_uniform_bounds\" not implemented for 'Bool'");
  EXPECT_EQ(error_of([] { randn({2}, kInt); }), "\"normal_kernel_cpu\" not implemented for 'Int'");
  EXPECT_EQ(error_of([] { rand_like(zeros({2}, kLong)); }),
            "\"check_uniform_bounds\" not implemented for 'Long'");
}

TEST(CreationRandom, ThreadSafe) {
  manual_seed(1);
  std::vector<std::thread> threads;
  std::vector<Tensor> out(4);
  for (int i = 0; i < 4; ++i)
    threads.emplace_back([&out, i] {
      for (int k = 0; k < 50; ++k)
        out[size_t(i)] = randn({64});
    });
  for (std::thread &t : threads)
    t.join();
  for (const Tensor &t : out)
    EXPECT_EQ(t.numel(), 64);
}

TEST(CreationArange, SizesAndDtypes) {
  Tensor a = arange(5);
  EXPECT_EQ(a.dtype(), kLong);
  EXPECT_EQ(values<int64_t>(a), (std::vector<int64_t>{0, 1, 2, 3, 4}));
  EXPECT_EQ(values<int64_t>(arange(2, 5)), (std::vector<int64_t>{2, 3, 4}));
  EXPECT_EQ(values<int64_t>(arange(10, 0, -3)), (std::vector<int64_t>{10, 7, 4, 1}));
  EXPECT_EQ(values<int64_t>(arange(0, 10, 3)), (std::vector<int64_t>{0, 3, 6, 9}));
  EXPECT_EQ(arange(3, 3).numel(), 0);
  Tensor f = arange(1, 2.5, 0.5);
  EXPECT_EQ(f.dtype(), kFloat);
  EXPECT_EQ(values<float>(f), (std::vector<float>{1, 1.5, 2}));
  EXPECT_EQ(arange(5.).dtype(), kFloat);
  EXPECT_EQ(arange(0, 1, 0.1).numel(), 10);
  EXPECT_EQ(arange(0., 1., 0.3).numel(), 4); // ceil(3.33)
  EXPECT_EQ(values<double>(arange(0, 3, 1, kDouble)), (std::vector<double>{0, 1, 2}));
  EXPECT_EQ(values<int32_t>(arange(3, kInt)), (std::vector<int32_t>{0, 1, 2}));
  // Extreme integer ranges are counted exactly.
  EXPECT_EQ(values<int64_t>(arange(kMax - 2, kMax)), (std::vector<int64_t>{kMax - 2, kMax - 1}));
  EXPECT_EQ(values<int64_t>(arange(kMin, kMax, kMax)),
            (std::vector<int64_t>{kMin, -1, kMax - 1}));
}

TEST(CreationArange, Errors) {
  EXPECT_EQ(error_of([] { arange(0, 10, 0); }), "step must be nonzero");
  EXPECT_EQ(error_of([] { arange(0., 1., 0.); }), "step must be nonzero");
  EXPECT_EQ(error_of([] { arange(0, 10, -1); }), "upper bound and larger bound inconsistent with step sign");
  EXPECT_EQ(error_of([] { arange(10, 0); }), "upper bound and larger bound inconsistent with step sign");
  EXPECT_EQ(error_of([] { arange(0., std::numeric_limits<double>::infinity()); }),
            "unsupported range: 0 -> inf");
  EXPECT_EQ(error_of([] { arange(std::nan(""), 1.); }), "unsupported range: nan -> 1");
  EXPECT_EQ(error_of([] { arange(kMin, kMax); }), "invalid size, possible overflow?");
  EXPECT_EQ(error_of([] { arange(0., 1e300, 1e-300); }), "invalid size, possible overflow?");
  EXPECT_EQ(error_of([] { arange(0, kMax); }), "storage size calculation overflowed with sizes=[9223372036854775807]");
  EXPECT_EQ(error_of([] { arange(3, kBool); }), "\"arange_cpu\" not implemented for 'Bool'");
}

TEST(CreationLike, ShapeAndDtypeOfTheModel) {
  Tensor t = arange(6).view({2, 3}).to(kInt);
  EXPECT_EQ(vec(empty_like(t).sizes()), (std::vector<int64_t>{2, 3}));
  EXPECT_EQ(empty_like(t).dtype(), kInt);
  EXPECT_EQ(values<int32_t>(zeros_like(t)), std::vector<int32_t>(6, 0));
  EXPECT_EQ(values<double>(ones_like(t, kDouble)), std::vector<double>(6, 1));
  EXPECT_EQ(full_like(t, 2.5).dtype(), kInt); // t's dtype, not the value's
  EXPECT_EQ(values<int32_t>(full_like(t, 2.5)), std::vector<int32_t>(6, 2));
  EXPECT_EQ(rand_like(t, kFloat).dtype(), kFloat);
  EXPECT_EQ(vec(randn_like(zeros({4, 1}, kDouble)).sizes()), (std::vector<int64_t>{4, 1}));
  EXPECT_EQ(randn_like(zeros({4, 1}, kDouble)).dtype(), kDouble);
  EXPECT_FALSE(zeros_like(t).is_alias_of(t));
  EXPECT_EQ(values<int32_t>(t), (std::vector<int32_t>{0, 1, 2, 3, 4, 5}));
}

TEST(CreationLike, PreservesTheLayoutLikePyTorch) {
  // A dense input's strides are kept: the result of a transposed tensor is
  // transposed too.
  Tensor tt = arange(6).view({2, 3}).t();
  Tensor z = zeros_like(tt);
  EXPECT_EQ(vec(z.sizes()), (std::vector<int64_t>{3, 2}));
  EXPECT_EQ(vec(z.strides()), (std::vector<int64_t>{1, 3}));
  EXPECT_FALSE(z.is_contiguous());
  EXPECT_EQ(vec(rand_like(zeros({2, 3}).t()).strides()), (std::vector<int64_t>{1, 3}));
  EXPECT_EQ(vec(full_like(tt, 4).strides()), (std::vector<int64_t>{1, 3}));
  EXPECT_EQ(full_like(tt, 4)[2][1].item<int64_t>(), 4);
  // Other inputs get dense strides in the input's dim order.
  Tensor stepped = arange(12).view({3, 4}).slice(1, 0, 4, 2);
  EXPECT_EQ(vec(ones_like(stepped).strides()), (std::vector<int64_t>{2, 1}));
  Tensor stepped_t = arange(24).view({4, 6}).t().slice(0, 0, 6, 2); // [3, 4], strides [2, 6]
  EXPECT_EQ(vec(empty_like(stepped_t).strides()), (std::vector<int64_t>{1, 3}));
  EXPECT_EQ(vec(zeros_like(zeros({3}).expand({2, 3})).strides()), (std::vector<int64_t>{3, 1}));
  EXPECT_EQ(values<int64_t>(ones_like(stepped_t).contiguous()), std::vector<int64_t>(12, 1));
}

} // namespace
