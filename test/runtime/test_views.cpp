// Views: view, reshape, flatten, squeeze, unsqueeze, permute, transpose, t,
// expand, detach. Each must share storage and version counter with its base.
#include <ag/ag.h>

#include "test_util.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <vector>

using namespace ag;
using namespace ag::test;

namespace {

// Writes through the view are seen in the base, and the other way round,
// and both see one version counter.
void expect_shares(const Tensor &base, const Tensor &view) {
  EXPECT_TRUE(view.is_alias_of(base));
  int64_t v = base._version();
  view.fill_(7);
  EXPECT_EQ(view._version(), v + 1);
  EXPECT_EQ(base._version(), v + 1);
  base.fill_(3);
  EXPECT_EQ(view._version(), v + 2);
  for (int64_t x : ivals(view))
    EXPECT_EQ(x, 3);
}

TEST(View, InfersOneDimension) {
  Tensor t = arange(16);
  Tensor v = t.view({4, -1});
  EXPECT_EQ(vec(v.sizes()), (std::vector<int64_t>{4, 4}));
  EXPECT_EQ(vec(v.strides()), (std::vector<int64_t>{4, 1}));
  EXPECT_EQ(vec(t.view(-1).sizes()), std::vector<int64_t>{16});
  EXPECT_EQ(vec(t.view({2, -1, 2}).sizes()), (std::vector<int64_t>{2, 4, 2}));
  v[1][2] = 99;
  EXPECT_EQ(t[6].item<int64_t>(), 99);
  expect_shares(t, v);
}

TEST(View, Errors) {
  Tensor t = arange(16);
  EXPECT_EQ(error_of([&] { t.view({3, 5}); }), "shape '[3, 5]' is invalid for input of size 16");
  EXPECT_EQ(error_of([&] { t.view({-1, -1}); }), "only one dimension can be inferred");
  EXPECT_EQ(error_of([&] { t.view({3, -1}); }), "shape '[3, -1]' is invalid for input of size 16");
  EXPECT_EQ(error_of([&] { t.view({-2, 8}); }), "invalid shape dimension -2");
  EXPECT_EQ(error_of([&] { zeros({0}).view({0, -1}); }),
            "cannot reshape tensor of 0 elements into shape [0, -1] because the unspecified "
            "dimension size -1 can be any value and is ambiguous");
  const int64_t big = int64_t(1) << 40;
  EXPECT_EQ(error_of([&] { t.view({big, big, 0, 16}); }),
            "shape '[1099511627776, 1099511627776, 0, 16]' is invalid for input of size 16");
  EXPECT_EQ(error_of([&] { t.view({big, big, big}); }),
            "shape '[1099511627776, 1099511627776, 1099511627776]' is invalid for input of size 16");
  EXPECT_EQ(error_of([] { zeros({0}).view({0, int64_t(1) << 62, 4}); }),
            "numel: integer multiplication overflow for sizes [0, 4611686018427387904, 4]");
  EXPECT_EQ(error_of([&] { t.view({4, 4}).t().view({16}); }),
            "view size is not compatible with input tensor's size and stride (at least one "
            "dimension spans across two contiguous subspaces). Use .reshape(...) instead.");
}

TEST(View, WorksOnCompatibleNonContiguousTensors) {
  // Splitting and merging dims inside one contiguous chunk is allowed.
  Tensor base = arange(24).view({2, 3, 4});
  Tensor p = base.permute({1, 0, 2}); // [3, 2, 4], strides [4, 12, 1]
  Tensor v = p.view({3, 2, 2, 2});
  EXPECT_EQ(vec(v.strides()), (std::vector<int64_t>{4, 12, 2, 1}));
  EXPECT_FALSE(v.is_contiguous());
  EXPECT_EQ(ivals(v), ivals(p.contiguous()));
  // A slice along the outer dim keeps inner dims mergeable.
  Tensor s = arange(24).view({4, 6}).slice(0, 0, 4, 2); // [2, 6], strides [12, 1]
  Tensor sv = s.view({2, 2, 3});
  EXPECT_EQ(vec(sv.strides()), (std::vector<int64_t>{12, 3, 1}));
  EXPECT_EQ(ivals(sv), (std::vector<int64_t>{0, 1, 2, 3, 4, 5, 12, 13, 14, 15, 16, 17}));
  // Size-1 dims may be added anywhere.
  EXPECT_EQ(vec(base.transpose(0, 2).view({4, 1, 3, 2}).sizes()), (std::vector<int64_t>{4, 1, 3, 2}));
  // Zero-dim and empty tensors.
  EXPECT_EQ(vec(tensor(5).view({1, 1}).sizes()), (std::vector<int64_t>{1, 1}));
  EXPECT_EQ(tensor(5).view({}).dim(), 0);
  EXPECT_EQ(vec(zeros({0, 4}).view({4, 0, 2, 3}).sizes()), (std::vector<int64_t>{4, 0, 2, 3}));
}

TEST(View, ViewAsAndStorageOffset) {
  Tensor t = arange(10);
  Tensor s = t.slice(0, 2, 8).view({2, 3});
  EXPECT_EQ(s.storage_offset(), 2);
  EXPECT_EQ(vec(s.view_as(zeros({3, 2})).sizes()), (std::vector<int64_t>{3, 2}));
}

TEST(ViewReshape, ViewWhenPossibleCopyOtherwise) {
  Tensor t = arange(6).view({2, 3});
  Tensor r = t.reshape({3, 2});
  EXPECT_TRUE(r.is_alias_of(t));
  expect_shares(t, r);

  Tensor tt = arange(6).view({2, 3}).t();
  Tensor c = tt.reshape({6});
  EXPECT_FALSE(c.is_alias_of(tt));
  EXPECT_EQ(ivals(c), (std::vector<int64_t>{0, 3, 1, 4, 2, 5}));
  EXPECT_TRUE(c.is_contiguous());
  c.fill_(9);
  EXPECT_EQ(tt[0][0].item<int64_t>(), 0);

  EXPECT_EQ(vec(t.reshape({-1}).sizes()), std::vector<int64_t>{6});
  EXPECT_EQ(vec(t.reshape_as(zeros({6, 1})).sizes()), (std::vector<int64_t>{6, 1}));
  EXPECT_EQ(error_of([&] { t.reshape({4, -1}); }), "shape '[4, -1]' is invalid for input of size 6");
  EXPECT_EQ(error_of([&] { t.reshape({-1, -1}); }), "only one dimension can be inferred");
}

TEST(ViewFlatten, RangesOfDims) {
  Tensor t = zeros({2, 3, 4});
  EXPECT_EQ(vec(t.flatten().sizes()), std::vector<int64_t>{24});
  EXPECT_EQ(vec(t.flatten(1).sizes()), (std::vector<int64_t>{2, 12}));
  EXPECT_EQ(vec(t.flatten(0, 1).sizes()), (std::vector<int64_t>{6, 4}));
  EXPECT_EQ(vec(t.flatten(-2, -1).sizes()), (std::vector<int64_t>{2, 12}));
  EXPECT_EQ(vec(t.flatten(1, 1).sizes()), (std::vector<int64_t>{2, 3, 4}));
  EXPECT_EQ(vec(tensor(1.).flatten().sizes()), std::vector<int64_t>{1});
  expect_shares(t, t.flatten());
  EXPECT_FALSE(t.transpose(0, 2).flatten().is_alias_of(t)); // needs a copy
  EXPECT_EQ(error_of([&] { t.flatten(2, 0); }),
            "flatten() has invalid args: start_dim cannot come after end_dim");
  EXPECT_EQ(error_of([&] { t.flatten(3); }),
            "Dimension out of range (expected to be in range of [-3, 2], but got 3)");
}

TEST(ViewSqueeze, AllOrOneDim) {
  Tensor t = zeros({1, 3, 1, 2});
  EXPECT_EQ(vec(t.squeeze().sizes()), (std::vector<int64_t>{3, 2}));
  EXPECT_EQ(vec(t.squeeze(0).sizes()), (std::vector<int64_t>{3, 1, 2}));
  EXPECT_EQ(vec(t.squeeze(-2).sizes()), (std::vector<int64_t>{1, 3, 2}));
  EXPECT_EQ(vec(t.squeeze(1).sizes()), (std::vector<int64_t>{1, 3, 1, 2})); // not size 1: unchanged
  EXPECT_EQ(tensor(1.).squeeze().dim(), 0);
  EXPECT_EQ(tensor(1.).squeeze(0).dim(), 0);
  EXPECT_EQ(zeros({1, 1}).squeeze().dim(), 0);
  expect_shares(t, t.squeeze());
  EXPECT_EQ(error_of([&] { t.squeeze(4); }),
            "Dimension out of range (expected to be in range of [-4, 3], but got 4)");
}

TEST(ViewUnsqueeze, InsertsSizeOneDims) {
  Tensor t = arange(6).view({2, 3});
  EXPECT_EQ(vec(t.unsqueeze(0).sizes()), (std::vector<int64_t>{1, 2, 3}));
  EXPECT_EQ(vec(t.unsqueeze(0).strides()), (std::vector<int64_t>{6, 3, 1}));
  EXPECT_EQ(vec(t.unsqueeze(1).sizes()), (std::vector<int64_t>{2, 1, 3}));
  EXPECT_EQ(vec(t.unsqueeze(1).strides()), (std::vector<int64_t>{3, 3, 1}));
  EXPECT_EQ(vec(t.unsqueeze(-1).sizes()), (std::vector<int64_t>{2, 3, 1}));
  EXPECT_EQ(vec(t.unsqueeze(-1).strides()), (std::vector<int64_t>{3, 1, 1}));
  EXPECT_EQ(vec(tensor(1.).unsqueeze(0).sizes()), std::vector<int64_t>{1});
  expect_shares(t, t.unsqueeze(1));
  EXPECT_EQ(error_of([&] { t.unsqueeze(3); }),
            "Dimension out of range (expected to be in range of [-3, 2], but got 3)");
}

TEST(ViewPermute, ReordersDims) {
  Tensor t = arange(24).view({2, 3, 4});
  Tensor p = t.permute({2, 0, 1});
  EXPECT_EQ(vec(p.sizes()), (std::vector<int64_t>{4, 2, 3}));
  EXPECT_EQ(vec(p.strides()), (std::vector<int64_t>{1, 12, 4}));
  EXPECT_FALSE(p.is_contiguous());
  EXPECT_EQ(p[3][1][2].item<int64_t>(), t[1][2][3].item<int64_t>());
  EXPECT_EQ(vec(t.permute({-1, 0, 1}).sizes()), (std::vector<int64_t>{4, 2, 3}));
  expect_shares(t, p);
  EXPECT_EQ(error_of([&] { t.permute({0, 1}); }),
            "permute(sparse_coo): number of dimensions in the tensor input does not match the "
            "length of the desired ordering of dimensions i.e. input.dim() = 3 is not equal to "
            "len(dims) = 2");
  EXPECT_EQ(error_of([&] { t.permute({0, 1, 1}); }), "permute(): duplicate dims are not allowed.");
  EXPECT_EQ(error_of([&] { t.permute({0, 1, -3}); }), "permute(): duplicate dims are not allowed.");
  EXPECT_EQ(error_of([&] { t.permute({0, 1, 3}); }),
            "Dimension out of range (expected to be in range of [-3, 2], but got 3)");
}

TEST(ViewTranspose, SwapsTwoDims) {
  Tensor t = arange(6).view({2, 3});
  Tensor tr = t.transpose(0, 1);
  EXPECT_EQ(vec(tr.sizes()), (std::vector<int64_t>{3, 2}));
  EXPECT_EQ(vec(tr.strides()), (std::vector<int64_t>{1, 3}));
  EXPECT_EQ(ivals(tr), (std::vector<int64_t>{0, 3, 1, 4, 2, 5}));
  EXPECT_EQ(vec(t.transpose(-1, -2).sizes()), (std::vector<int64_t>{3, 2}));
  EXPECT_EQ(vec(t.transpose(1, 1).sizes()), (std::vector<int64_t>{2, 3}));
  tr[2][1] = 50;
  EXPECT_EQ(t[1][2].item<int64_t>(), 50);
  expect_shares(t, tr);
  EXPECT_EQ(error_of([&] { t.transpose(0, 2); }),
            "Dimension out of range (expected to be in range of [-2, 1], but got 2)");
}

TEST(ViewTransposeT, AtMostTwoDims) {
  Tensor m = arange(6).view({2, 3});
  EXPECT_EQ(vec(m.t().sizes()), (std::vector<int64_t>{3, 2}));
  EXPECT_EQ(vec(arange(3).t().sizes()), std::vector<int64_t>{3});
  EXPECT_EQ(tensor(1).t().dim(), 0);
  expect_shares(m, m.t());
  EXPECT_EQ(error_of([] { zeros({2, 3, 4}).t(); }),
            "t() expects a tensor with <= 2 dimensions, but self is 3D");
}

TEST(ViewExpand, BroadcastsWithStrideZero) {
  Tensor t = tensor({1, 2, 3});
  Tensor e = t.expand({2, 3});
  EXPECT_EQ(vec(e.sizes()), (std::vector<int64_t>{2, 3}));
  EXPECT_EQ(vec(e.strides()), (std::vector<int64_t>{0, 1}));
  EXPECT_EQ(ivals(e), (std::vector<int64_t>{1, 2, 3, 1, 2, 3}));
  Tensor col = tensor({{1}, {2}});
  Tensor ec = col.expand({-1, 4});
  EXPECT_EQ(vec(ec.sizes()), (std::vector<int64_t>{2, 4}));
  EXPECT_EQ(vec(ec.strides()), (std::vector<int64_t>{1, 0}));
  // A new leading dim of size 1 keeps a usable stride.
  EXPECT_EQ(vec(t.expand({1, 3}).strides()), (std::vector<int64_t>{3, 1}));
  EXPECT_EQ(vec(tensor(5).expand({2, 2}).strides()), (std::vector<int64_t>{0, 0}));
  EXPECT_EQ(vec(t.expand_as(zeros({4, 3})).sizes()), (std::vector<int64_t>{4, 3}));
  t[0] = 10;
  EXPECT_EQ(e[1][0].item<int64_t>(), 10);
  EXPECT_TRUE(e.is_alias_of(t));
  EXPECT_EQ(e._version(), t._version());
}

TEST(ViewExpand, Errors) {
  Tensor t = zeros({2, 3});
  EXPECT_EQ(error_of([&] { t.expand({3}); }),
            "expand(ag.FloatTensor{[2, 3]}, size=[3]): the number of sizes provided (1) must be "
            "greater or equal to the number of dimensions in the tensor (2)");
  EXPECT_EQ(error_of([&] { t.expand({4, 3}); }),
            "The expanded size of the tensor (4) must match the existing size (2) at "
            "non-singleton dimension 0.  Target sizes: [4, 3].  Tensor sizes: [2, 3]");
  EXPECT_EQ(error_of([&] { t.expand({-1, 2, 3}); }),
            "The expanded size of the tensor (-1) isn't allowed in a leading, non-existing "
            "dimension 0");
  EXPECT_EQ(error_of([] { zeros({1}, kLong).expand({-5}); }),
            "Trying to create tensor with negative dimension -5: [-5]");
  const int64_t big = int64_t(1) << 40;
  EXPECT_EQ(error_of([&] { zeros({1, 1}).expand({big, big}); }),
            "numel: integer multiplication overflow for sizes [1099511627776, 1099511627776]");
  // Empty, but a reordering of these sizes could not count its elements.
  EXPECT_EQ(error_of([] { zeros({0, 1, 1}).expand({0, 24, int64_t(1) << 62}); }),
            "numel: integer multiplication overflow for sizes [0, 24, 4611686018427387904]");
}

TEST(ViewExpand, WritingThroughAnExpandedViewIsRefused) {
  Tensor e = zeros({3}).expand({2, 3});
  EXPECT_EQ(error_of([&] { e.fill_(1); }),
            "unsupported operation: more than one element of the written-to tensor refers to a "
            "single memory location. Please clone() the tensor before performing the operation.");
}

TEST(ViewDetach, NewHandleSameStorage) {
  Tensor t = arange(4);
  Tensor d = t.detach();
  EXPECT_NE(d.impl_ptr(), t.impl_ptr());
  EXPECT_EQ(d.data_ptr(), t.data_ptr());
  EXPECT_EQ(vec(d.sizes()), vec(t.sizes()));
  expect_shares(t, d);
}

TEST(View, ChainsOfViewsShareOneStorage) {
  Tensor base = zeros({4, 6});
  Tensor v = base.t().unsqueeze(0).squeeze(0).transpose(0, 1).view({2, 12}).slice(1, 2, 10, 3);
  EXPECT_TRUE(v.is_alias_of(base));
  v.fill_(1);
  Tensor s = base.sum();
  EXPECT_EQ(s.item<float>(), 6.0f);
}

} // namespace
