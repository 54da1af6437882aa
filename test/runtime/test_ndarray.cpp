// NdArray: NumPy semantics (float64 default, byte strides, promotion,
// same_kind in-place casting, messages) and the tutorials' sharing table:
// numpy()/from_numpy share, tensor(arr) and clone().numpy() copy.
#include <ag/ag.h>

#include "test_util.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <vector>

using namespace ag;
using namespace ag::test;

namespace {

TEST(NdArrayBasics, DefaultAndMetadata) {
  NdArray a;
  EXPECT_EQ(a.dtype(), kDouble);
  EXPECT_EQ(vec(a.shape()), std::vector<int64_t>{0});
  EXPECT_EQ(a.size(), 0);
  NdArray m = np::zeros({2, 3});
  EXPECT_EQ(m.dtype(), kDouble);
  EXPECT_EQ(m.ndim(), 2);
  EXPECT_EQ(m.itemsize(), 8);
  EXPECT_EQ(m.strides(), (std::vector<int64_t>{24, 8}));
  EXPECT_EQ(np::zeros({2, 3}, kInt).strides(), (std::vector<int64_t>{12, 4}));
  EXPECT_TRUE(m.is_contiguous());
  EXPECT_EQ(np::empty({4}).size(), 4);
  EXPECT_EQ(values<double>(np::ones({2})), (std::vector<double>{1, 1}));
}

TEST(NdArrayBasics, CreationInfersNumpyDtypes) {
  EXPECT_EQ(np::array({1, 2}).dtype(), kLong);
  EXPECT_EQ(np::array({1.5, 2.0}).dtype(), kDouble);
  EXPECT_EQ(np::array({true}).dtype(), kBool);
  EXPECT_EQ(np::array({1, 2}, kFloat).dtype(), kFloat);
  // Floats are read at full precision, not through float32.
  EXPECT_EQ(np::array({0.1}).item<double>(), 0.1);
  EXPECT_EQ(np::full({2}, 3).dtype(), kLong);
  EXPECT_EQ(np::full({2}, 3.5).dtype(), kDouble);
  EXPECT_EQ(np::full({2}, false).dtype(), kBool);
  EXPECT_EQ(np::full({2}, 3, kInt).dtype(), kInt);
  EXPECT_EQ(np::arange(4).dtype(), kLong);
  EXPECT_EQ(values<int64_t>(np::arange(4)), (std::vector<int64_t>{0, 1, 2, 3}));
  EXPECT_EQ(np::arange(4.).dtype(), kDouble);
  EXPECT_EQ(values<double>(np::arange(0, 1, 0.25)), (std::vector<double>{0, 0.25, 0.5, 0.75}));
  EXPECT_EQ(np::arange(1, 3, 1, kFloat).dtype(), kFloat);
  // NumPy returns an empty range where PyTorch refuses the step's sign.
  EXPECT_EQ(np::arange(5, 0).size(), 0);
  EXPECT_EQ(np::arange(0, 5, -1).size(), 0);
  EXPECT_EQ(error_of([] { np::arange(0, 10, 0); }), "division by zero");
}

TEST(NdArrayViews, IndexingIsAView) {
  NdArray a = np::arange(6).reshape({2, 3});
  NdArray row = a[1];
  EXPECT_EQ(values<int64_t>(row), (std::vector<int64_t>{3, 4, 5}));
  a[1][0] = 30;
  EXPECT_EQ(row[0].item<int64_t>(), 30);
  EXPECT_EQ(a[-1][-1].item<int64_t>(), 5);
  EXPECT_TRUE(np::shares_memory(a, row));
  EXPECT_EQ(error_of([&] { a[2]; }), "index 2 is out of bounds for axis 0 with size 2");
  EXPECT_EQ(error_of([&] { a[0][-4]; }), "index -4 is out of bounds for axis 0 with size 3");
  EXPECT_EQ(error_of([&] { a[0][0][0]; }),
            "too many indices for array: array is 0-dimensional, but 1 were indexed");
}

TEST(NdArrayViews, Reshape) {
  NdArray a = np::arange(6);
  NdArray r = a.reshape({2, -1});
  EXPECT_EQ(vec(r.shape()), (std::vector<int64_t>{2, 3}));
  EXPECT_TRUE(np::shares_memory(a, r));
  EXPECT_EQ(vec(a.reshape({-5}).shape()), std::vector<int64_t>{6}); // any negative is "unknown"
  EXPECT_EQ(error_of([&] { a.reshape({4, -1}); }), "cannot reshape array of size 6 into shape (4,newaxis)");
  EXPECT_EQ(error_of([&] { a.reshape({4, 5}); }), "cannot reshape array of size 6 into shape (4,5)");
  EXPECT_EQ(error_of([&] { a.reshape({4}); }), "cannot reshape array of size 6 into shape (4,)");
  EXPECT_EQ(error_of([&] { a.reshape({-1, -1}); }), "can only specify one unknown dimension");
  const int64_t big = int64_t(1) << 40;
  EXPECT_EQ(error_of([&] { a.reshape({big, big, big}); }),
            "cannot reshape array of size 6 into shape (1099511627776,1099511627776,1099511627776)");
  EXPECT_EQ(error_of([] { np::zeros({0}).reshape({0, -1}); }),
            "cannot reshape array of size 0 into shape (0,newaxis)");
}

TEST(NdArrayViews, CopyAndAstypeAreDeep) {
  NdArray a = np::array({1.5, 2.5});
  NdArray c = a.copy();
  c.fill(0);
  EXPECT_EQ(values<double>(a), (std::vector<double>{1.5, 2.5}));
  EXPECT_FALSE(np::shares_memory(a, c));
  NdArray i = a.astype(kLong);
  EXPECT_EQ(values<int64_t>(i), (std::vector<int64_t>{1, 2}));
  NdArray same = a.astype(kDouble); // a copy even for the same dtype
  EXPECT_FALSE(np::shares_memory(a, same));
}

TEST(NdArrayWrites, AssignmentAndFill) {
  NdArray a = np::zeros({2, 3});
  int64_t v = a.tensor_view()._version();
  a[0] = 5;
  EXPECT_EQ(values<double>(a), (std::vector<double>{5, 5, 5, 0, 0, 0}));
  a[1] = np::array({1., 2., 3.});
  EXPECT_EQ(values<double>(a), (std::vector<double>{5, 5, 5, 1, 2, 3}));
  a[1] = np::array({7.}); // broadcasts
  EXPECT_EQ(values<double>(a[1]), (std::vector<double>{7, 7, 7}));
  a.fill(2);
  EXPECT_EQ(values<double>(a), std::vector<double>(6, 2));
  EXPECT_EQ(a.tensor_view()._version(), v + 4);
  EXPECT_EQ(error_of([&] { a[0] = np::array({1., 2.}); }),
            "could not broadcast input array from shape (2,) into shape (3,)");
  // Lvalue assignment rebinds.
  NdArray b = a;
  b = np::ones({1});
  EXPECT_EQ(a.size(), 6);
}

TEST(NdArrayWrites, OverlappingAssignmentReadsBeforeWriting) {
  NdArray a = np::arange(5);
  NdArray head = NdArray(a.tensor_view().slice(0, 0, 4));
  NdArray tail = NdArray(a.tensor_view().slice(0, 1, 5));
  std::move(tail) = head; // a[1:] = a[:4]
  EXPECT_EQ(values<int64_t>(a), (std::vector<int64_t>{0, 0, 1, 2, 3}));
}

TEST(NdArrayMath, PromotionFollowsNumpy) {
  NdArray i32 = np::array({1, 2}, kInt), i64 = np::array({1, 2});
  NdArray f32 = np::array({1, 2}, kFloat), f64 = np::array({1., 2.});
  NdArray b = np::array({true, false});
  EXPECT_EQ((i32 + f32).dtype(), kDouble); // PyTorch would give float32
  EXPECT_EQ((i64 + f32).dtype(), kDouble);
  EXPECT_EQ((i32 + i64).dtype(), kLong);
  EXPECT_EQ((i32 + i32).dtype(), kInt);
  EXPECT_EQ((f32 + f32).dtype(), kFloat);
  EXPECT_EQ((f32 * f64).dtype(), kDouble);
  EXPECT_EQ((b + b).dtype(), kBool);
  EXPECT_EQ((b * i32).dtype(), kInt);
  EXPECT_EQ((i64 / i64).dtype(), kDouble); // true division
  EXPECT_EQ((i32 / i32).dtype(), kDouble);
  EXPECT_EQ((f32 / f32).dtype(), kFloat);
  EXPECT_EQ((b / b).dtype(), kDouble);
  EXPECT_EQ(values<double>(i64 / np::array({2, 4})), (std::vector<double>{0.5, 0.5}));
  EXPECT_EQ(values<bool>(b + b), (std::vector<bool>{true, false}));
}

TEST(NdArrayMath, PythonScalarsAreWeak) {
  NdArray i32 = np::array({1, 2}, kInt), f32 = np::array({1, 2}, kFloat);
  NdArray b = np::array({true, false});
  EXPECT_EQ((i32 + 1).dtype(), kInt);
  EXPECT_EQ((i32 + 1.5).dtype(), kDouble);
  EXPECT_EQ((f32 + 1.5).dtype(), kFloat);
  EXPECT_EQ((f32 * 2).dtype(), kFloat);
  EXPECT_EQ((b + 1).dtype(), kLong);
  EXPECT_EQ((b + true).dtype(), kBool);
  EXPECT_EQ((i32 / 2).dtype(), kDouble);
  EXPECT_EQ((f32 / 2).dtype(), kFloat);
  EXPECT_EQ(values<int64_t>(b + 1), (std::vector<int64_t>{2, 1}));
  EXPECT_EQ(values<double>(np::array({1, 3}) / 2), (std::vector<double>{0.5, 1.5}));
  EXPECT_EQ(values<int32_t>(i32 - 1), (std::vector<int32_t>{0, 1}));
  EXPECT_EQ(error_of([&] { i32 + (int64_t(1) << 40); }), "Python integer 1099511627776 out of bounds for int32");
}

TEST(NdArrayMath, BroadcastingAndErrors) {
  NdArray col = np::array({{1.}, {2.}});
  NdArray row = np::array({10., 20., 30.});
  NdArray s = col + row;
  EXPECT_EQ(vec(s.shape()), (std::vector<int64_t>{2, 3}));
  EXPECT_EQ(values<double>(s), (std::vector<double>{11, 21, 31, 12, 22, 32}));
  EXPECT_EQ(error_of([] { np::zeros({3}) + np::zeros({2, 4}); }),
            "operands could not be broadcast together with shapes (3,) (2,4) ");
  NdArray b = np::array({true});
  EXPECT_EQ(error_of([&] { b - b; }),
            "numpy boolean subtract, the `-` operator, is not supported, use the bitwise_xor, the "
            "`^` operator, or the logical_xor function instead.");
  EXPECT_EQ(error_of([&] { b - true; }),
            "numpy boolean subtract, the `-` operator, is not supported, use the bitwise_xor, the "
            "`^` operator, or the logical_xor function instead.");
  EXPECT_EQ(values<int64_t>(b - 1), std::vector<int64_t>{0});
}

TEST(NdArrayMath, InPlaceWritesThroughAndChecksSameKind) {
  NdArray a = np::array({1., 2., 3.});
  NdArray view = a[1];
  NdArray &r = (a += 1);
  EXPECT_EQ(&r, &a);
  EXPECT_EQ(view.item<double>(), 3.0);
  a -= np::array({1., 1., 1.});
  a *= 2;
  a /= np::array({2.});
  EXPECT_EQ(values<double>(a), (std::vector<double>{1, 2, 3}));

  NdArray i = np::array({1, 2, 3});
  i += 1;
  i *= np::array({2, 2, 2}, kInt);
  EXPECT_EQ(values<int64_t>(i), (std::vector<int64_t>{4, 6, 8}));
  EXPECT_EQ(error_of([&] { i /= 2; }),
            "Cannot cast ufunc 'divide' output from dtype('float64') to dtype('int64') with "
            "casting rule 'same_kind'");
  EXPECT_EQ(error_of([&] { i += 1.5; }),
            "Cannot cast ufunc 'add' output from dtype('float64') to dtype('int64') with casting "
            "rule 'same_kind'");
  EXPECT_EQ(error_of([&] { i -= np::array({0.5}); }),
            "Cannot cast ufunc 'subtract' output from dtype('float64') to dtype('int64') with "
            "casting rule 'same_kind'");
  NdArray b = np::array({true});
  EXPECT_EQ(error_of([&] { b += 1; }),
            "Cannot cast ufunc 'add' output from dtype('int64') to dtype('bool') with casting "
            "rule 'same_kind'");
  EXPECT_EQ(error_of([&] { b *= np::array({2}, kInt); }),
            "Cannot cast ufunc 'multiply' output from dtype('int32') to dtype('bool') with "
            "casting rule 'same_kind'");
  // same_kind allows narrowing within a kind.
  NdArray i32 = np::array({1, 2}, kInt);
  i32 += np::array({5, 5});
  EXPECT_EQ(values<int32_t>(i32), (std::vector<int32_t>{6, 7}));
  NdArray f32 = np::array({1, 2}, kFloat);
  f32 *= np::array({0.5, 0.5});
  EXPECT_EQ(values<float>(f32), (std::vector<float>{0.5f, 1.0f}));
  EXPECT_EQ(error_of([&] { a += np::zeros({2, 3}); }),
            "non-broadcastable output operand with shape (3,) doesn't match the broadcast shape (2,3)");
  EXPECT_EQ(error_of([&] { a += np::zeros({2}); }),
            "operands could not be broadcast together with shapes (3,) (2,) ");
}

TEST(NdArrayMath, InPlaceWithOverlappingOperand) {
  NdArray a = np::arange(5);
  NdArray tail(a.tensor_view().slice(0, 1, 5));
  NdArray head(a.tensor_view().slice(0, 0, 4));
  tail += head; // a[1:] += a[:4], reading the old values
  EXPECT_EQ(values<int64_t>(a), (std::vector<int64_t>{0, 1, 3, 5, 7}));
  a += a; // same memory, same layout
  EXPECT_EQ(values<int64_t>(a), (std::vector<int64_t>{0, 2, 6, 10, 14}));
}

TEST(NdArraySharing, TheTutorialTable) {
  // t.numpy() shares.
  Tensor t = ones({3});
  NdArray n = t.numpy();
  t.add_(1);
  EXPECT_EQ(values<float>(n), (std::vector<float>{2, 2, 2}));
  n += 1;
  EXPECT_EQ(t[0].item<float>(), 3.0f);
  EXPECT_EQ(n.tensor_view()._version(), t._version());
  EXPECT_TRUE(n.tensor_view().is_alias_of(t));

  // from_numpy(arr) shares.
  NdArray arr = np::ones({3});
  Tensor f = from_numpy(arr);
  EXPECT_EQ(f.dtype(), kDouble);
  arr += 1;
  EXPECT_EQ(f[0].item<double>(), 2.0);
  f.mul_(5);
  EXPECT_EQ(arr[0].item<double>(), 10.0);
  EXPECT_TRUE(f.is_alias_of(arr.tensor_view()));

  // tensor(arr) copies (and keeps the dtype).
  Tensor c = tensor(arr);
  EXPECT_EQ(c.dtype(), kDouble);
  arr += 1;
  EXPECT_EQ(c[0].item<double>(), 10.0);
  EXPECT_FALSE(c.is_alias_of(arr.tensor_view()));

  // t.clone().numpy() copies.
  NdArray cn = t.clone().numpy();
  t.zero_();
  EXPECT_EQ(values<float>(cn), (std::vector<float>{3, 3, 3}));
  EXPECT_FALSE(cn.tensor_view().is_alias_of(t));
}

TEST(NdArraySharing, NumpyOfAViewKeepsItsLayout) {
  Tensor t = arange(6).view({2, 3}).t();
  NdArray n = t.numpy();
  EXPECT_EQ(vec(n.shape()), (std::vector<int64_t>{3, 2}));
  EXPECT_EQ(n.strides(), (std::vector<int64_t>{8, 24}));
  EXPECT_FALSE(n.is_contiguous());
  EXPECT_EQ(n[2][1].item<int64_t>(), 5);
}

TEST(NdArraySharing, SharesMemory) {
  NdArray a = np::arange(10);
  const Tensor &t = a.tensor_view();
  NdArray even(t.slice(0, 0, 10, 2)), odd(t.slice(0, 1, 10, 2));
  EXPECT_FALSE(np::shares_memory(even, odd)); // interleaved, disjoint
  EXPECT_TRUE(np::shares_memory(even, a));
  EXPECT_TRUE(np::shares_memory(a, a));
  EXPECT_FALSE(np::shares_memory(NdArray(t.slice(0, 0, 5)), NdArray(t.slice(0, 5, 10))));
  EXPECT_TRUE(np::shares_memory(NdArray(t.slice(0, 0, 6)), NdArray(t.slice(0, 5, 10))));
  EXPECT_FALSE(np::shares_memory(a, a.copy()));
  EXPECT_FALSE(np::shares_memory(a, NdArray(t.slice(0, 3, 3)))); // empty
  NdArray m = np::zeros({4, 4});
  const Tensor &mt = m.tensor_view();
  EXPECT_FALSE(np::shares_memory(NdArray(mt.select(1, 0)), NdArray(mt.select(1, 1))));
  EXPECT_TRUE(np::shares_memory(NdArray(mt.select(1, 1)), NdArray(mt.select(0, 1))));
  // A strided subset of a contiguous array.
  NdArray x = np::zeros({4}, kInt);
  EXPECT_TRUE(np::shares_memory(NdArray(x.tensor_view().slice(0, 1, 4, 2)), x));
}

} // namespace
