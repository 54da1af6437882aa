// Indexing: operator[], select, narrow, slice, index({...}) and index_put_.
// Every read is a view; writes go through to the base.
#include <ag/ag.h>

#include "test_util.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <vector>

using namespace ag;
using namespace ag::test;
using namespace ag::indexing;

namespace {

TEST(IndexSelect, PicksOneSubTensor) {
  Tensor t = arange(12).view({3, 4});
  Tensor row = t.select(0, 1);
  EXPECT_EQ(ivals(row), (std::vector<int64_t>{4, 5, 6, 7}));
  EXPECT_EQ(row.storage_offset(), 4);
  Tensor col = t.select(1, -1);
  EXPECT_EQ(ivals(col), (std::vector<int64_t>{3, 7, 11}));
  EXPECT_EQ(vec(col.strides()), std::vector<int64_t>{4});
  EXPECT_EQ(t.select(-2, -3).storage_offset(), 0);
  EXPECT_EQ(t[2][3].item<int64_t>(), 11);
  EXPECT_EQ(t[-1][-4].item<int64_t>(), 8);
  EXPECT_EQ(t[0][0].dim(), 0);
}

TEST(IndexSelect, WritesThroughTheView) {
  Tensor t = zeros({3});
  int64_t v = t._version();
  t[0] = 99;
  EXPECT_EQ(t[0].item<float>(), 99.0f);
  EXPECT_EQ(t._version(), v + 1);
  Tensor m = zeros({2, 2});
  m[1] = tensor({5., 6.});
  EXPECT_EQ(ivals(m), (std::vector<int64_t>{0, 0, 5, 6}));
  Tensor row = m[0];
  m[0][1] = 7;
  EXPECT_EQ(row[1].item<float>(), 7.0f);
  EXPECT_TRUE(row.is_alias_of(m));
}

TEST(IndexSelect, Errors) {
  Tensor t = zeros({3});
  EXPECT_EQ(error_of([&] { t.select(0, 5); }),
            "select(): index 5 out of range for tensor of size [3] at dimension 0");
  EXPECT_EQ(error_of([&] { t[5]; }),
            "select(): index 5 out of range for tensor of size [3] at dimension 0");
  EXPECT_EQ(error_of([&] { t[-4]; }),
            "select(): index -4 out of range for tensor of size [3] at dimension 0");
  EXPECT_EQ(error_of([] { zeros({2, 3}).select(-1, 3); }),
            "select(): index 3 out of range for tensor of size [2, 3] at dimension 1");
  EXPECT_EQ(error_of([&] { t[kMin]; }),
            "select(): index -9223372036854775808 out of range for tensor of size [3] at dimension 0");
  EXPECT_EQ(error_of([&] { t[kMax]; }),
            "select(): index 9223372036854775807 out of range for tensor of size [3] at dimension 0");
  EXPECT_EQ(error_of([] { tensor(1.).select(0, 0); }),
            "select() cannot be applied to a 0-dim tensor.");
  EXPECT_EQ(error_of([&] { t.select(1, 0); }),
            "Dimension out of range (expected to be in range of [-1, 0], but got 1)");
  EXPECT_EQ(error_of([] { zeros({0}).select(0, 0); }),
            "select(): index 0 out of range for tensor of size [0] at dimension 0");
}

TEST(IndexNarrow, TakesARange) {
  Tensor t = arange(10);
  Tensor n = t.narrow(0, 2, 3);
  EXPECT_EQ(ivals(n), (std::vector<int64_t>{2, 3, 4}));
  EXPECT_EQ(ivals(t.narrow(0, -3, 2)), (std::vector<int64_t>{7, 8}));
  EXPECT_EQ(t.narrow(0, 10, 0).numel(), 0); // start == size is allowed
  EXPECT_EQ(ivals(arange(6).view({2, 3}).narrow(1, 1, 2)), (std::vector<int64_t>{1, 2, 4, 5}));
  n.fill_(0);
  EXPECT_EQ(t[3].item<int64_t>(), 0);
  EXPECT_TRUE(n.is_alias_of(t));
}

TEST(IndexNarrow, Errors) {
  Tensor t = arange(10);
  EXPECT_EQ(error_of([&] { t.narrow(0, 8, 3); }), "start (8) + length (3) exceeds dimension size (10).");
  EXPECT_EQ(error_of([&] { t.narrow(0, 0, -1); }), "narrow(): length must be non-negative.");
  EXPECT_EQ(error_of([&] { t.narrow(0, 11, 0); }),
            "Dimension out of range (expected to be in range of [-10, 9], but got 11)");
  EXPECT_EQ(error_of([&] { t.narrow(0, 0, kMax); }),
            "start (0) + length (9223372036854775807) exceeds dimension size (10).");
  EXPECT_EQ(error_of([&] { t.narrow(0, kMin, 1); }),
            "Dimension out of range (expected to be in range of [-10, 9], but got -9223372036854775808)");
  EXPECT_EQ(error_of([] { tensor(1).narrow(0, 0, 1); }), "narrow() cannot be applied to a 0-dim tensor.");
  EXPECT_EQ(error_of([&] { t.narrow(1, 0, 1); }),
            "Dimension out of range (expected to be in range of [-1, 0], but got 1)");
}

TEST(IndexSlice, PythonStyleBounds) {
  Tensor t = arange(10);
  EXPECT_EQ(ivals(t.slice(0, 2, 5)), (std::vector<int64_t>{2, 3, 4}));
  EXPECT_EQ(ivals(t.slice(0, std::nullopt, 3)), (std::vector<int64_t>{0, 1, 2}));
  EXPECT_EQ(ivals(t.slice(0, 7)), (std::vector<int64_t>{7, 8, 9}));
  EXPECT_EQ(ivals(t.slice(0, -3, -1)), (std::vector<int64_t>{7, 8}));
  EXPECT_EQ(ivals(t.slice(0, -100, 2)), (std::vector<int64_t>{0, 1}));
  EXPECT_EQ(t.slice(0, 5, 2).numel(), 0);
  EXPECT_EQ(t.slice(0, 20, 30).numel(), 0);
  EXPECT_EQ(ivals(t.slice(0, 1, std::nullopt, 3)), (std::vector<int64_t>{1, 4, 7}));
  EXPECT_EQ(vec(t.slice(0, 1, std::nullopt, 3).strides()), std::vector<int64_t>{3});
  EXPECT_EQ(ivals(t.slice(0, kMin, kMax)), ivals(t));
  EXPECT_EQ(ivals(t.slice(0, 0, kMax, kMax)), std::vector<int64_t>{0});
  EXPECT_EQ(ivals(t.slice(0, 3, 4, kMax)), std::vector<int64_t>{3});
  // A single remaining element keeps its stride, so no huge stride survives.
  EXPECT_EQ(t.slice(0, 0, kMax, kMax).stride(0), 1);
  // An empty result keeps its base's offset (its sizes may exceed any
  // storage, so offset arithmetic could overflow).
  EXPECT_EQ(t.slice(0, 3).slice(0, 20).storage_offset(), 3);
  Tensor huge_empty = zeros({0}).view({0, kMax});
  EXPECT_EQ(vec(huge_empty.strides()), (std::vector<int64_t>{kMax, 1}));
  Tensor e = huge_empty.slice(1, kMax - 2).slice(1, 1).select(1, 0);
  EXPECT_EQ(e.storage_offset(), 0);
  EXPECT_EQ(e.numel(), 0);
  EXPECT_EQ(vec(huge_empty.unsqueeze(1).strides()), (std::vector<int64_t>{kMax, kMax, 1}));
  Tensor m = arange(12).view({3, 4});
  EXPECT_EQ(ivals(m.slice(1, 1, 3)), (std::vector<int64_t>{1, 2, 5, 6, 9, 10}));
  EXPECT_EQ(ivals(m.slice(-1, 0, 4, 2)), (std::vector<int64_t>{0, 2, 4, 6, 8, 10}));
  Tensor s = t.slice(0, 2, 8, 2);
  s.fill_(-1);
  EXPECT_EQ(ivals(t), (std::vector<int64_t>{0, 1, -1, 3, -1, 5, -1, 7, 8, 9}));
  EXPECT_EQ(s._version(), t._version());
}

TEST(IndexSlice, Errors) {
  Tensor t = arange(10);
  EXPECT_EQ(error_of([&] { t.slice(0, 0, 5, 0); }), "slice step must be positive");
  EXPECT_EQ(error_of([&] { t.slice(0, 0, 5, -1); }), "slice step must be positive");
  EXPECT_EQ(error_of([] { tensor(1).slice(0); }), "slice() cannot be applied to a 0-dim tensor.");
  EXPECT_EQ(error_of([&] { t.slice(2); }),
            "Dimension out of range (expected to be in range of [-1, 0], but got 2)");
}

TEST(IndexMulti, IntegersAndSlices) {
  Tensor t = arange(24).view({2, 3, 4});
  EXPECT_EQ(ivals(t.index({1})), ivals(t[1]));
  EXPECT_EQ(t.index({1, 2, 3}).item<int64_t>(), 23);
  EXPECT_EQ(t.index({-1, -1, -1}).item<int64_t>(), 23);
  Tensor c = t.index({Slice(), 0});
  EXPECT_EQ(vec(c.sizes()), (std::vector<int64_t>{2, 4}));
  EXPECT_EQ(ivals(c), (std::vector<int64_t>{0, 1, 2, 3, 12, 13, 14, 15}));
  EXPECT_EQ(ivals(t.index({Slice(), Slice(1, None), Slice(None, None, 2)})),
            (std::vector<int64_t>{4, 6, 8, 10, 16, 18, 20, 22}));
  EXPECT_EQ(ivals(t.index({0, Slice(-2), 1})), (std::vector<int64_t>{5, 9}));
  EXPECT_TRUE(c.is_alias_of(t));
  std::vector<TensorIndex> idx{Slice(), 1, Slice(2, 4)};
  EXPECT_EQ(ivals(t.index(idx)), (std::vector<int64_t>{6, 7, 18, 19}));
}

TEST(IndexMulti, NoneAndEllipsis) {
  Tensor t = arange(24).view({2, 3, 4});
  EXPECT_EQ(vec(t.index({None}).sizes()), (std::vector<int64_t>{1, 2, 3, 4}));
  EXPECT_EQ(vec(t.index({Slice(), None}).sizes()), (std::vector<int64_t>{2, 1, 3, 4}));
  EXPECT_EQ(vec(t.index({Ellipsis, None}).sizes()), (std::vector<int64_t>{2, 3, 4, 1}));
  EXPECT_EQ(vec(t.index({None, Ellipsis, 1}).sizes()), (std::vector<int64_t>{1, 2, 3}));
  EXPECT_EQ(ivals(t.index({Ellipsis, 1})), ivals(t.select(2, 1)));
  EXPECT_EQ(ivals(t.index({1, Ellipsis})), ivals(t[1]));
  EXPECT_EQ(ivals(t.index({0, Ellipsis, 2})), (std::vector<int64_t>{2, 6, 10}));
  EXPECT_EQ(vec(t.index({Ellipsis}).sizes()), (std::vector<int64_t>{2, 3, 4}));
  EXPECT_EQ(vec(t.index({0, 1, 2, Ellipsis}).sizes()), std::vector<int64_t>{});
  EXPECT_EQ(vec(tensor(5).index({None}).sizes()), std::vector<int64_t>{1});
  Tensor same = t.index({});
  EXPECT_TRUE(same.is_alias_of(t));
  EXPECT_NE(same.impl_ptr(), t.impl_ptr());
}

TEST(IndexMulti, Errors) {
  Tensor t = zeros({2, 3});
  EXPECT_EQ(error_of([&] { t.index({0, 0, 0}); }), "too many indices for tensor of dimension 2");
  EXPECT_EQ(error_of([&] { t.index({Slice(), Slice(), Slice()}); }),
            "too many indices for tensor of dimension 2");
  EXPECT_EQ(error_of([] { tensor(1.).index({0}); }), "too many indices for tensor of dimension 0");
  EXPECT_EQ(error_of([&] { t.index({Ellipsis, Ellipsis}); }),
            "an index can only have a single ellipsis ('...')");
  EXPECT_EQ(error_of([&] { t.index({5}); }), "index 5 is out of bounds for dimension 0 with size 2");
  EXPECT_EQ(error_of([&] { t.index({Slice(), -4}); }),
            "index -4 is out of bounds for dimension 1 with size 3");
  // As PyTorch, the position in the index list is reported.
  EXPECT_EQ(error_of([&] { t.index({None, 0, 7}); }),
            "index 7 is out of bounds for dimension 2 with size 3");
  EXPECT_EQ(error_of([] { zeros({2, 3, 4}).index({Ellipsis, 9}); }),
            "index 9 is out of bounds for dimension 1 with size 4");
  EXPECT_EQ(error_of([&] { t.index({Slice(None, None, -1)}); }), "step must be greater than zero");
  EXPECT_EQ(error_of([&] { t.index({Slice(None, None, 0)}); }), "step must be greater than zero");
  EXPECT_EQ(error_of([&] { t.index({kMin}); }),
            "index -9223372036854775808 is out of bounds for dimension 0 with size 2");
}

TEST(IndexPut, ScalarFillsTheIndexedView) {
  Tensor t = zeros({2, 3});
  int64_t v = t._version();
  Tensor &r = t.index_put_({Slice(), 1}, 5);
  EXPECT_EQ(&r, &t);
  EXPECT_EQ(ivals(t), (std::vector<int64_t>{0, 5, 0, 0, 5, 0}));
  EXPECT_EQ(t._version(), v + 1);
  t.index_put_({1}, 2.5);
  EXPECT_EQ(t[1][0].item<float>(), 2.5f);
  std::vector<TensorIndex> all{Ellipsis};
  t.index_put_(all, 0);
  EXPECT_EQ(ivals(t), (std::vector<int64_t>{0, 0, 0, 0, 0, 0}));
}

TEST(IndexPut, TensorValuesBroadcast) {
  Tensor t = zeros({2, 3}, kLong);
  t.index_put_({0}, tensor({1, 2, 3}));
  EXPECT_EQ(ivals(t), (std::vector<int64_t>{1, 2, 3, 0, 0, 0}));
  t.index_put_({Slice(), Slice(1, None)}, tensor({7, 8}));
  EXPECT_EQ(ivals(t), (std::vector<int64_t>{1, 7, 8, 0, 7, 8}));
  t.index_put_({1}, tensor({{{9, 9, 9}}})); // leading 1s are dropped
  EXPECT_EQ(ivals(t), (std::vector<int64_t>{1, 7, 8, 9, 9, 9}));
  t.index_put_({0, 0}, tensor(4)); // zero-dim value fills
  EXPECT_EQ(t[0][0].item<int64_t>(), 4);
  std::vector<TensorIndex> col{Slice(), 2};
  t.index_put_(col, tensor({{5}, {6}}).squeeze(1));
  EXPECT_EQ(ivals(t), (std::vector<int64_t>{4, 7, 5, 9, 9, 6}));
  std::vector<TensorIndex> last{-1};
  t.index_put_(last, tensor({1., 2., 3.}));
  EXPECT_EQ(ivals(t[1]), (std::vector<int64_t>{1, 2, 3}));
}

TEST(IndexPut, Errors) {
  Tensor t = zeros({2, 3});
  EXPECT_NE(error_of([&] { t.index_put_({0}, tensor({1., 2.})); }), "<no error>");
  EXPECT_EQ(error_of([&] { t.index_put_({0, 0, 0}, 1); }), "too many indices for tensor of dimension 2");
  EXPECT_EQ(error_of([&] { t.index_put_({0}, Tensor()); }),
            "index_put_: expected a defined tensor but got an undefined one");
  Tensor e = zeros({3}).expand({2, 3});
  EXPECT_EQ(error_of([&] { e.index_put_({Slice()}, 1); }),
            "unsupported operation: more than one element of the written-to tensor refers to a "
            "single memory location. Please clone() the tensor before performing the operation.");
}

TEST(IndexPut, ThroughAViewReachesTheBase) {
  Tensor base = zeros({4});
  Tensor v = base.slice(0, 1, 3);
  v.index_put_({0}, 3);
  EXPECT_EQ(base[1].item<float>(), 3.0f);
  EXPECT_EQ(base._version(), v._version());
}

} // namespace
