// matmul: every rank combination PyTorch supports, broadcast batch dims,
// strided operands, integer dtypes, and PyTorch's error for each case.
#include <ag/ag.h>

#include "test_util.h"

#include <gtest/gtest.h>

#include <vector>

using namespace ag;
using namespace ag::test;

namespace {

using Shape = std::vector<int64_t>;

// Reference product of two 2-D tensors, in double.
std::vector<double> naive_mm(const Tensor &a, const Tensor &b) {
  int64_t n = a.size(0), k = a.size(1), p = b.size(1);
  std::vector<double> av = vals(a), bv = vals(b), out(size_t(n * p), 0.0);
  for (int64_t i = 0; i < n; ++i)
    for (int64_t kk = 0; kk < k; ++kk)
      for (int64_t j = 0; j < p; ++j)
        out[size_t(i * p + j)] += av[size_t(i * k + kk)] * bv[size_t(kk * p + j)];
  return out;
}

TEST(Matmul, Dot) {
  Tensor r = matmul(tensor({1.0, 2.0, 3.0}), tensor({4.0, 5.0, 6.0}));
  EXPECT_EQ(r.dim(), 0);
  EXPECT_EQ(r.item<double>(), 32.0);
  Tensor l = tensor({1, 2}).matmul(tensor({3, 4}));
  EXPECT_EQ(l.dtype(), kLong);
  EXPECT_EQ(l.item<int64_t>(), 11);
}

TEST(Matmul, MatrixMatrix) {
  Tensor a = tensor({{1.0, 2.0, 3.0}, {4.0, 5.0, 6.0}});
  Tensor b = tensor({{1.0, 0.0}, {0.0, 1.0}, {2.0, 2.0}});
  Tensor c = a.matmul(b);
  EXPECT_EQ(c.sizes(), Shape({2, 2}));
  EXPECT_EQ(vals(c), dv({7, 8, 16, 17}));
  EXPECT_TRUE(c.is_contiguous());
  Tensor ci = matmul(tensor({{1, 2}, {3, 4}}, kInt), tensor({{5, 6}, {7, 8}}, kInt));
  EXPECT_EQ(ci.dtype(), kInt);
  EXPECT_EQ(vals(ci), dv({19, 22, 43, 50}));
  EXPECT_EQ(matmul(ones({2, 3}, kDouble), ones({3, 4}, kDouble)).dtype(), kDouble);
}

TEST(Matmul, VectorMixes) {
  Tensor m = tensor({{1.0, 2.0, 3.0}, {4.0, 5.0, 6.0}});
  Tensor mv = matmul(m, tensor({1.0, 0.0, -1.0}));
  EXPECT_EQ(mv.sizes(), Shape({2}));
  EXPECT_EQ(vals(mv), dv({-2, -2}));
  Tensor vm = matmul(tensor({1.0, -1.0}), m);
  EXPECT_EQ(vm.sizes(), Shape({3}));
  EXPECT_EQ(vals(vm), dv({-3, -3, -3}));
}

TEST(Matmul, StridedOperands) {
  Tensor a = arange(6.0).view({3, 2});
  Tensor b = arange(6.0).view({3, 2});
  Tensor c = matmul(a.t(), b); // [2, 3] @ [3, 2]
  EXPECT_EQ(vals(c), naive_mm(a.t(), b));
  Tensor d = matmul(a, b.t()); // [3, 2] @ [2, 3]
  EXPECT_EQ(vals(d), naive_mm(a, b.t()));
  Tensor col = arange(12.0).view({4, 3}).select(1, 1); // stride 3
  EXPECT_EQ(matmul(col, col).item<double>(), 1.0 + 16.0 + 49.0 + 100.0);
}

TEST(Matmul, Batched) {
  Tensor a = arange(12.0).view({2, 2, 3});
  Tensor b = arange(12.0).view({2, 3, 2});
  Tensor c = matmul(a, b);
  EXPECT_EQ(c.sizes(), Shape({2, 2, 2}));
  for (int64_t i = 0; i < 2; ++i)
    EXPECT_EQ(vals(c[i]), naive_mm(a[i], b[i])) << i;
  // Batch dims broadcast: [2, 1, 2, 3] @ [3, 3, 2] -> [2, 3, 2, 2].
  Tensor x = arange(12.0).view({2, 1, 2, 3});
  Tensor y = arange(18.0).view({3, 3, 2});
  Tensor z = matmul(x, y);
  EXPECT_EQ(z.sizes(), Shape({2, 3, 2, 2}));
  for (int64_t i = 0; i < 2; ++i)
    for (int64_t j = 0; j < 3; ++j)
      EXPECT_EQ(vals(z[i][j]), naive_mm(x[i][0], y[j])) << i << " " << j;
}

TEST(Matmul, FoldedRanks) {
  Tensor t3 = arange(24.0).view({2, 3, 4});
  Tensor v4 = tensor({1.0, 0.0, 2.0, -1.0});
  Tensor r = matmul(t3, v4); // [2, 3]
  EXPECT_EQ(r.sizes(), Shape({2, 3}));
  EXPECT_EQ(vals(r[1]), vals(matmul(t3[1], v4)));
  Tensor v3 = tensor({1.0, 2.0, 3.0});
  Tensor l = matmul(v3, t3); // [3] @ [2, 3, 4] -> [2, 4]
  EXPECT_EQ(l.sizes(), Shape({2, 4}));
  EXPECT_EQ(vals(l[0]), vals(matmul(v3, t3[0])));
  Tensor m43 = arange(12.0).view({4, 3});
  Tensor r2 = matmul(t3, m43); // [2, 3, 3]
  EXPECT_EQ(r2.sizes(), Shape({2, 3, 3}));
  EXPECT_EQ(vals(r2[1]), naive_mm(t3[1], m43));
  Tensor m32 = arange(6.0).view({3, 2});
  Tensor l2 = matmul(m32.t(), arange(18.0).view({2, 3, 3})); // [2, 3] @ [2, 3, 3]
  EXPECT_EQ(l2.sizes(), Shape({2, 2, 3}));
  EXPECT_EQ(vals(l2[1]), naive_mm(m32.t(), arange(18.0).view({2, 3, 3})[1]));
}

TEST(Matmul, EmptyDims) {
  EXPECT_EQ(matmul(ones({0, 3}), ones({3, 2})).sizes(), Shape({0, 2}));
  Tensor z = matmul(ones({2, 0}), ones({0, 2}));
  EXPECT_EQ(z.sizes(), Shape({2, 2}));
  EXPECT_EQ(vals(z), dv({0, 0, 0, 0}));
  EXPECT_EQ(matmul(zeros({0}), zeros({0})).item<double>(), 0.0);
}

TEST(Matmul, LargeAgainstReference) {
  manual_seed(7);
  Tensor a = rand({67, 130});
  Tensor b = rand({130, 45});
  Tensor c = matmul(a, b);
  std::vector<double> ref = naive_mm(a, b);
  Tensor expected = tensor(std::vector<double>(ref), kDouble).view({67, 45});
  EXPECT_TRUE(allclose(c.to(kDouble), expected, 1e-5, 1e-4));
  Tensor big = matmul(ones({300, 200}), ones({200, 100}));
  EXPECT_EQ(vals(big.sum()), dv({300.0 * 100.0 * 200.0}));
}

TEST(Matmul, ShapeErrors) {
  EXPECT_EQ(error_of([] { return matmul(ones({2, 3}), ones({4, 5})); }),
            "mat1 and mat2 shapes cannot be multiplied (2x3 and 4x5)");
  EXPECT_EQ(error_of([] { return matmul(ones({3}), ones({4, 5})); }),
            "mat1 and mat2 shapes cannot be multiplied (1x3 and 4x5)");
  EXPECT_EQ(error_of([] { return matmul(ones({3}), ones({4})); }),
            "inconsistent tensor size, expected tensor [3] and src [4] to have the same number of "
            "elements, but got 3 and 4 elements respectively");
  EXPECT_EQ(error_of([] { return matmul(ones({2, 3}), ones({4})); }), "size mismatch, got 2, 2x3,4");
  EXPECT_EQ(error_of([] { return matmul(ones({2, 3, 4}), ones({5})); }), "size mismatch, got 6, 6x4,5");
  EXPECT_EQ(error_of([] { return matmul(ones({5}), ones({2, 4, 3})); }), "size mismatch, got 6, 6x4,5");
  EXPECT_EQ(error_of([] { return matmul(ones({2, 2, 3}), ones({3, 2, 4, 5})); }),
            "Expected size for first two dimensions of batch2 tensor to be: [6, 3] but got: [6, 4].");
  EXPECT_EQ(error_of([] { return matmul(ones({2, 2, 3}), ones({3, 3, 5})); }),
            "The size of tensor a (2) must match the size of tensor b (3) at non-singleton "
            "dimension 0 (shapes [2] and [3])");
  EXPECT_EQ(error_of([] { return matmul(ones({2, 3, 4}), ones({5, 6})); }),
            "mat1 and mat2 shapes cannot be multiplied (6x4 and 5x6)");
  EXPECT_EQ(error_of([] { return matmul(tensor(1.0), ones({3})); }),
            "both arguments to matmul need to be at least 1D, but they are 0D and 1D");
  EXPECT_EQ(error_of([] { return matmul(ones({3}), tensor(1.0)); }),
            "both arguments to matmul need to be at least 1D, but they are 1D and 0D");
}

TEST(Matmul, DtypeErrors) {
  EXPECT_EQ(error_of([] { return matmul(ones({2, 3}), ones({3, 2}, kDouble)); }),
            "expected scalar type Float but found Double");
  EXPECT_EQ(error_of([] { return matmul(ones({2, 3}, kDouble), ones({3})); }),
            "expected scalar type Double but found Float");
  EXPECT_EQ(error_of([] { return matmul(ones({3}), ones({3}, kDouble)); }),
            "dot : expected both vectors to have same dtype, but found Float and Double");
  EXPECT_EQ(error_of([] { return matmul(ones({3}, kBool), ones({3}, kBool)); }),
            "\"dot\" not implemented for 'Bool'");
  EXPECT_EQ(error_of([] { return matmul(ones({2, 3}, kBool), ones({3, 2}, kBool)); }),
            "\"addmm_impl_cpu_\" not implemented for 'Bool'");
  EXPECT_EQ(error_of([] { return matmul(ones({2, 3}, kBool), ones({3}, kBool)); }),
            "\"addmv_impl_cpu\" not implemented for 'Bool'");
  EXPECT_EQ(error_of([] { return matmul(ones({2, 2, 3}, kBool), ones({2, 3, 2}, kBool)); }),
            "\"bmm\" not implemented for 'Bool'");
}

} // namespace
