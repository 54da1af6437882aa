// Handles, storage sharing, version counter, metadata, item, clone and to().
#include <ag/ag.h>

#include "test_util.h"

#include <gtest/gtest.h>

#include <limits>

using namespace ag;
using namespace ag::test;

namespace {

TEST(Core, CopyOfHandleSharesStorage) {
  Tensor a = zeros({3});
  Tensor b = a;
  b[0] = 99;
  EXPECT_EQ(a[0].item<float>(), 99.0f);
  EXPECT_TRUE(b.is_alias_of(a));
  EXPECT_EQ(a.use_count(), 2);
}

TEST(Core, CloneDoesNotShare) {
  Tensor a = zeros({3});
  Tensor c = a.clone();
  c[0] = 5;
  EXPECT_EQ(a[0].item<float>(), 0.0f);
  EXPECT_FALSE(c.is_alias_of(a));
  EXPECT_EQ(c.sizes(), a.sizes());
  EXPECT_EQ(c.dtype(), a.dtype());
}

TEST(Core, MoveTransfersTheHandle) {
  Tensor a = ones({2});
  Tensor b = std::move(a);
  EXPECT_FALSE(a.defined()); // NOLINT(bugprone-use-after-move): moved-from is undefined
  EXPECT_TRUE(b.defined());
  EXPECT_EQ(error_of([&] { (void)a.numel(); }),
            "cannot use an undefined Tensor (default-constructed or moved-from)");
}

TEST(Core, LvalueAssignmentRebindsRvalueAssignmentWrites) {
  Tensor a = zeros({2});
  Tensor b = ones({2});
  Tensor c = a;
  c = b; // rebinds c; a is untouched
  EXPECT_EQ(a[0].item<float>(), 0.0f);
  EXPECT_TRUE(c.is_alias_of(b));
  a[1] = b[0]; // writes through the view
  EXPECT_EQ(a[1].item<float>(), 1.0f);
}

TEST(Core, VersionCounterCountsWritesThroughAnyAlias) {
  Tensor a = zeros({4});
  int64_t v0 = a._version();
  Tensor v = a.view({2, 2});
  v.add_(1);
  EXPECT_EQ(a._version(), v0 + 1);
  a[0] = 3;
  EXPECT_EQ(v._version(), v0 + 2);
  Tensor out = a + 1; // not a write
  EXPECT_EQ(a._version(), v0 + 2);
  EXPECT_EQ(out._version(), 0);
}

TEST(Core, Metadata) {
  Tensor a = zeros({2, 3, 4}, kDouble);
  EXPECT_EQ(a.dim(), 3);
  EXPECT_EQ(a.numel(), 24);
  EXPECT_EQ(a.size(-1), 4);
  EXPECT_EQ(a.strides(), (std::vector<int64_t>{12, 4, 1}));
  EXPECT_EQ(a.stride(0), 12);
  EXPECT_TRUE(a.is_contiguous());
  EXPECT_EQ(a.storage_offset(), 0);
  EXPECT_EQ(a.element_size(), 8u);
  EXPECT_EQ(a.nbytes(), 192u);
  EXPECT_EQ(a.scalar_type(), kFloat64);
  EXPECT_EQ(error_of([&] { (void)a.size(3); }),
            "Dimension out of range (expected to be in range of [-3, 2], but got 3)");
}

TEST(Core, DataPtrChecksDtype) {
  Tensor a = arange(4, kInt);
  int32_t *p = a.data_ptr<int32_t>();
  EXPECT_EQ(p[3], 3);
  EXPECT_EQ(error_of([&] { (void)a.data_ptr<float>(); }),
            "expected scalar type Float but found Int");
  EXPECT_EQ(a[2].data_ptr<int32_t>(), p + 2);
}

TEST(Core, Item) {
  EXPECT_EQ(tensor(2.5).item<double>(), 2.5);
  EXPECT_EQ(tensor({7}).item<int64_t>(), 7);
  EXPECT_TRUE(tensor(true).item<bool>());
  Scalar s = tensor({1.5f}).item();
  EXPECT_TRUE(s.isFloatingPoint());
  EXPECT_EQ(error_of([] { (void)ones({2, 2}).item(); }),
            "a Tensor with 4 elements cannot be converted to Scalar");
  EXPECT_EQ(error_of([] { (void)zeros({0}).item(); }),
            "a Tensor with 0 elements cannot be converted to Scalar");
}

TEST(Core, ScalarConversionsAreDefinedForEveryValue) {
  // Floating to integer truncates; NaN gives 0 and out-of-range values
  // saturate (a plain static_cast would be undefined behaviour here).
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  EXPECT_EQ(tensor(nan).item<int64_t>(), 0);
  EXPECT_EQ(tensor(-2.7).item<int64_t>(), -2);
  EXPECT_EQ(Scalar(1e300).toLong(), std::numeric_limits<int64_t>::max());
  EXPECT_EQ(Scalar(-inf).to<int32_t>(), std::numeric_limits<int32_t>::min());
  EXPECT_EQ(Scalar(nan).to<int32_t>(), 0);
  EXPECT_TRUE(Scalar(0.5).toBool());
  EXPECT_EQ(Scalar(true).toDouble(), 1.0);
  EXPECT_EQ(Scalar(int64_t(1) << 40).to<int32_t>(), 0); // integral narrowing is modular
}

TEST(Core, ToReturnsSelfWhenDtypeUnchanged) {
  Tensor a = ones({3});
  Tensor same = a.to(kFloat);
  EXPECT_TRUE(same.is_alias_of(a));
  Tensor copy = a.to(kFloat, false, true);
  EXPECT_FALSE(copy.is_alias_of(a));
  Tensor d = tensor({1.7, -2.2}).to(kInt);
  EXPECT_EQ(d.dtype(), kInt);
  EXPECT_EQ(d[0].item<int>(), 1);
  EXPECT_EQ(d[1].item<int>(), -2);
  EXPECT_EQ(tensor({0.0, 2.0}).to(kBool)[1].item<bool>(), true);
}

TEST(Core, ContiguousIsSelfWhenContiguous) {
  Tensor a = arange(6).view({2, 3});
  EXPECT_TRUE(a.contiguous().is_alias_of(a));
  Tensor t = a.t();
  EXPECT_FALSE(t.is_contiguous());
  Tensor c = t.contiguous();
  EXPECT_FALSE(c.is_alias_of(a));
  EXPECT_TRUE(c.is_contiguous());
  EXPECT_TRUE(equal(c, t));
}

TEST(Core, BadSizesAreErrorsNotUndefinedBehaviour) {
  EXPECT_EQ(error_of([] { (void)zeros({-1, 3}); }),
            "Trying to create tensor with negative dimension -1: [-1, 3]");
  const int64_t big = std::numeric_limits<int64_t>::max() / 2;
  EXPECT_EQ(error_of([&] { (void)empty({big, 4}); }),
            "numel: integer multiplication overflow for sizes [4611686018427387903, 4]");
  EXPECT_EQ(error_of([&] { (void)empty({big}); }),
            "storage size calculation overflowed with sizes=[4611686018427387903]");
  EXPECT_EQ(error_of([&] { (void)empty({int64_t(1) << 50}); }),
            "DefaultCPUAllocator: not enough memory: you tried to allocate 4503599627370496 bytes.");
}

TEST(Core, ErrorsAreRuntimeErrors) {
  try {
    (void)ones({2}).item();
    FAIL();
  } catch (const std::runtime_error &e) {
    SUCCEED();
  }
}

} // namespace
