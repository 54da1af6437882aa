// Elementwise math: values, broadcasting, type promotion, strided inputs and
// outputs, in-place semantics (returning *this, version bumps, overlap and
// cast errors), conversions, equal/allclose. Error texts are PyTorch's.
#include <ag/ag.h>

#include "test_util.h"

#include "../../runtime/src/internal.h"

#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <limits>
#include <thread>
#include <vector>

using namespace ag;
using namespace ag::test;

namespace {

const std::string kPartial =
    "unsupported operation: some elements of the input tensor and the written-to tensor refer to a "
    "single memory location. Please clone() the tensor before performing the operation.";
const std::string kInternal =
    "unsupported operation: more than one element of the written-to tensor refers to a single "
    "memory location. Please clone() the tensor before performing the operation.";

// --- Values and broadcasting ---

TEST(Math, BinaryOpsValues) {
  Tensor a = tensor({1.0, 2.0, 3.0});
  Tensor b = tensor({4.0, 5.0, 8.0});
  EXPECT_EQ(vals(a + b), dv({5, 7, 11}));
  EXPECT_EQ(vals(a - b), dv({-3, -3, -5}));
  EXPECT_EQ(vals(a * b), dv({4, 10, 24}));
  EXPECT_EQ(vals(b / a), dv({4, 2.5, double(8.0f / 3.0f)}));
  EXPECT_EQ(vals(a.add(b, 2)), dv({9, 12, 19}));
  EXPECT_EQ(vals(a.sub(b, 2)), dv({-7, -8, -13}));
  EXPECT_EQ(vals(a + 1), dv({2, 3, 4}));
  EXPECT_EQ(vals(a - 1), dv({0, 1, 2}));
  EXPECT_EQ(vals(a * 2), dv({2, 4, 6}));
  EXPECT_EQ(vals(a / 2), dv({0.5, 1, 1.5}));
  EXPECT_EQ(vals(a.add(1, 3)), dv({4, 5, 6}));
  EXPECT_EQ((a + b).dtype(), kFloat);
}

TEST(Math, ScalarFirstOperators) {
  Tensor a = tensor({1.0, 2.0, 4.0});
  EXPECT_EQ(vals(1 + a), dv({2, 3, 5}));
  EXPECT_EQ(vals(10 - a), dv({9, 8, 6}));
  EXPECT_EQ(vals(2 * a), dv({2, 4, 8}));
  EXPECT_EQ(vals(2 / a), dv({2, 1, 0.5}));
  // Python semantics: 2 / int tensor is true division.
  Tensor i = tensor({1, 2, 4});
  Tensor q = 2 / i;
  EXPECT_EQ(q.dtype(), kFloat);
  EXPECT_EQ(vals(q), dv({2, 1, 0.5}));
  Tensor r = 2 - tensor({1, 2}, kInt);
  EXPECT_EQ(r.dtype(), kInt);
  EXPECT_EQ(vals(r), dv({1, 0}));
  EXPECT_EQ(vals(-a), dv({-1, -2, -4}));
}

TEST(Math, FreeFunctionsMirrorMethods) {
  Tensor a = tensor({1.0, 4.0});
  Tensor b = tensor({2.0, 2.0});
  EXPECT_EQ(vals(ag::add(a, b, 2)), dv({5, 8}));
  EXPECT_EQ(vals(ag::add(a, 1)), dv({2, 5}));
  EXPECT_EQ(vals(ag::sub(a, b)), dv({-1, 2}));
  EXPECT_EQ(vals(ag::sub(a, 1, 2)), dv({-1, 2}));
  EXPECT_EQ(vals(ag::mul(a, b)), dv({2, 8}));
  EXPECT_EQ(vals(ag::mul(a, 3)), dv({3, 12}));
  EXPECT_EQ(vals(ag::div(a, b)), dv({0.5, 2}));
  EXPECT_EQ(vals(ag::div(a, 4)), dv({0.25, 1}));
  EXPECT_EQ(vals(ag::neg(a)), dv({-1, -4}));
  EXPECT_EQ(vals(ag::abs(-a)), dv({1, 4}));
  EXPECT_EQ(vals(ag::sqrt(a)), dv({1, 2}));
  EXPECT_EQ(vals(ag::exp(tensor({0.0}))), dv({1}));
  EXPECT_EQ(vals(ag::log(tensor({1.0}))), dv({0}));
  EXPECT_EQ(vals(ag::clamp(a, 2, 3)), dv({2, 3}));
}

TEST(Math, Broadcasting) {
  Tensor m = tensor({{1.0, 2.0, 3.0}, {4.0, 5.0, 6.0}});
  Tensor row = tensor({10.0, 20.0, 30.0});
  Tensor r = m + row;
  EXPECT_EQ(r.sizes(), std::vector<int64_t>({2, 3}));
  EXPECT_EQ(vals(r), dv({11, 22, 33, 14, 25, 36}));
  Tensor col = tensor({{1.0}, {2.0}, {3.0}});
  Tensor line = tensor({{10.0, 20.0, 30.0, 40.0}});
  Tensor outer = col * line;
  EXPECT_EQ(outer.sizes(), std::vector<int64_t>({3, 4}));
  EXPECT_EQ(vals(outer), dv({10, 20, 30, 40, 20, 40, 60, 80, 30, 60, 90, 120}));
  Tensor zd = tensor(2.0);
  EXPECT_EQ((zd * m).sizes(), std::vector<int64_t>({2, 3}));
  EXPECT_EQ((zd + zd).dim(), 0);
  // Leading dims are added on the left.
  EXPECT_EQ((ones({4, 1, 3}) + ones({2, 1})).sizes(), std::vector<int64_t>({4, 2, 3}));
  EXPECT_EQ((ones({0, 3}) + ones({3})).sizes(), std::vector<int64_t>({0, 3}));
  EXPECT_EQ((ones({1, 0}) + ones({5, 1})).sizes(), std::vector<int64_t>({5, 0}));
}

TEST(Math, BroadcastMismatchError) {
  EXPECT_EQ(error_of([] { return ones({2, 3}) + ones({4}); }),
            "The size of tensor a (3) must match the size of tensor b (4) at non-singleton "
            "dimension 1 (shapes [2, 3] and [4])");
  EXPECT_EQ(error_of([] { return ones({2, 1}) * ones({3, 5, 3}); }),
            "The size of tensor a (2) must match the size of tensor b (5) at non-singleton "
            "dimension 1 (shapes [2, 1] and [3, 5, 3])");
  EXPECT_EQ(error_of([] { return detail::broadcast_shapes({0}, {2}); }),
            "The size of tensor a (0) must match the size of tensor b (2) at non-singleton "
            "dimension 0 (shapes [0] and [2])");
}

// --- Type promotion ---

TEST(Math, PromotionTableOfDimTensors) {
  const ScalarType types[] = {kBool, kInt, kLong, kFloat, kDouble};
  // PyTorch's promote_types for these five dtypes.
  const ScalarType expected[5][5] = {
      {kBool, kInt, kLong, kFloat, kDouble},      {kInt, kInt, kLong, kFloat, kDouble},
      {kLong, kLong, kLong, kFloat, kDouble},     {kFloat, kFloat, kFloat, kFloat, kDouble},
      {kDouble, kDouble, kDouble, kDouble, kDouble}};
  for (int i = 0; i < 5; ++i)
    for (int j = 0; j < 5; ++j) {
      Tensor a = ones({2}, types[i]);
      Tensor b = ones({2}, types[j]);
      EXPECT_EQ(result_type(a, b), expected[i][j]) << types[i] << " " << types[j];
      EXPECT_EQ((a * b).dtype(), expected[i][j]) << types[i] << " " << types[j];
      EXPECT_EQ((a + b).dtype(), expected[i][j]) << types[i] << " " << types[j];
    }
}

TEST(Math, PromotionWithZeroDimTensors) {
  // A zero-dim tensor only matters when it is of a higher category.
  EXPECT_EQ((ones({2}, kInt) + tensor(1.5, kDouble)).dtype(), kDouble);
  EXPECT_EQ((ones({2}, kFloat) + tensor(1.5, kDouble)).dtype(), kFloat);
  EXPECT_EQ((ones({2}, kInt) + tensor(1, kLong)).dtype(), kInt);
  EXPECT_EQ((ones({2}, kBool) + tensor(1, kLong)).dtype(), kLong);
  EXPECT_EQ((ones({2}, kFloat) + tensor(3, kLong)).dtype(), kFloat);
  // Between zero-dim tensors, ordinary promotion.
  EXPECT_EQ((tensor(1, kInt) + tensor(1, kLong)).dtype(), kLong);
  EXPECT_EQ((tensor(1.0, kFloat) + tensor(1.0, kDouble)).dtype(), kDouble);
  EXPECT_EQ(result_type(tensor(1, kInt), ones({3}, kFloat)), kFloat);
  // Zero-dim tensors outrank scalars.
  EXPECT_EQ((tensor(1, kInt) + 2).dtype(), kInt);
  EXPECT_EQ((tensor(1, kInt) + 2.5).dtype(), kFloat);
  EXPECT_EQ((tensor(1.0, kDouble) + 2.5).dtype(), kDouble);
}

TEST(Math, PromotionWithScalars) {
  EXPECT_EQ(result_type(ones({2}, kInt), Scalar(2.5)), kFloat); // default float, not Double
  EXPECT_EQ(result_type(ones({2}, kLong), Scalar(2.5)), kFloat);
  EXPECT_EQ(result_type(ones({2}, kBool), Scalar(2)), kLong);
  EXPECT_EQ(result_type(ones({2}, kBool), Scalar(true)), kBool);
  EXPECT_EQ(result_type(ones({2}, kBool), Scalar(2.5)), kFloat);
  EXPECT_EQ(result_type(ones({2}, kInt), Scalar(int64_t(1) << 40)), kInt);
  EXPECT_EQ(result_type(ones({2}, kDouble), Scalar(2.5f)), kDouble);
  EXPECT_EQ(result_type(ones({2}, kFloat), Scalar(2)), kFloat);
  EXPECT_EQ((ones({2}, kInt) * 2.5).dtype(), kFloat);
  EXPECT_EQ(vals(ones({2}, kInt) * 2.5), dv({2.5, 2.5}));
  EXPECT_EQ((ones({2}, kBool) * 2).dtype(), kLong);
  EXPECT_EQ((ones({2}, kBool) * true).dtype(), kBool);
  EXPECT_EQ((ones({2}, kBool) + true).dtype(), kBool);
  EXPECT_EQ((ones({2}, kInt) + 1).dtype(), kInt);
  EXPECT_EQ((ones({2}, kInt) - 1).dtype(), kInt);
}

TEST(Math, TrueDivision) {
  Tensor i = tensor({1, 2, -3}, kInt);
  Tensor q = i / tensor({2, 2, 2}, kInt);
  EXPECT_EQ(q.dtype(), kFloat);
  EXPECT_EQ(vals(q), dv({0.5, 1, -1.5}));
  EXPECT_EQ((tensor({1, 2}) / 2).dtype(), kFloat);
  EXPECT_EQ((ones({2}, kBool) / ones({2}, kBool)).dtype(), kFloat);
  EXPECT_EQ((ones({2}, kDouble) / ones({2}, kInt)).dtype(), kDouble);
  // Integer division by zero is floating: inf and nan, never UB.
  std::vector<double> z = vals(tensor({1, -1, 0}) / 0);
  EXPECT_EQ(z[0], std::numeric_limits<double>::infinity());
  EXPECT_EQ(z[1], -std::numeric_limits<double>::infinity());
  EXPECT_TRUE(std::isnan(z[2]));
  Tensor mn = tensor({std::numeric_limits<int64_t>::min()});
  EXPECT_EQ(vals(mn / -1)[0], 9223372036854775808.0);
}

TEST(Math, IntegerDivisionWhenAskedForIsDefined) {
  // The API's div is true division; the internal kernel in an integer dtype
  // truncates, defines x/0 = 0 and wraps MIN/-1.
  Tensor a = tensor({7, -7, 5, std::numeric_limits<int64_t>::min()});
  Tensor b = tensor({2, 2, 0, -1});
  Tensor q = detail::binary(detail::BinaryOp::Div, a, b, kLong);
  EXPECT_EQ(q.dtype(), kLong);
  const int64_t *p = q.data_ptr<int64_t>();
  EXPECT_EQ(p[0], 3);
  EXPECT_EQ(p[1], -3);
  EXPECT_EQ(p[2], 0);
  EXPECT_EQ(p[3], std::numeric_limits<int64_t>::min());
}

TEST(Math, IntegerArithmeticWraps) {
  const int32_t imax = std::numeric_limits<int32_t>::max();
  const int32_t imin = std::numeric_limits<int32_t>::min();
  Tensor a = tensor({imax, imin}, kInt);
  Tensor s = a + 1;
  EXPECT_EQ(s.data_ptr<int32_t>()[0], imin);
  Tensor d = a - 1;
  EXPECT_EQ(d.data_ptr<int32_t>()[1], imax);
  Tensor m = a * 2;
  EXPECT_EQ(m.data_ptr<int32_t>()[0], -2);
  Tensor n = a.neg();
  EXPECT_EQ(n.data_ptr<int32_t>()[1], imin); // -MIN wraps, as PyTorch
  const int64_t lmin = std::numeric_limits<int64_t>::min();
  Tensor ab = tensor({lmin, int64_t(-5)}).abs();
  EXPECT_EQ(ab.data_ptr<int64_t>()[0], lmin); // abs(MIN) wraps, as PyTorch
  EXPECT_EQ(ab.data_ptr<int64_t>()[1], 5);
  Tensor big = tensor({std::numeric_limits<int64_t>::max()});
  EXPECT_EQ(big.add(big, 3).data_ptr<int64_t>()[0], -4); // 4 * (2^63 - 1) mod 2^64
}

// --- Bool ---

TEST(Math, BoolArithmetic) {
  Tensor t = tensor({true, false, true});
  Tensor f = tensor({true, false, false});
  Tensor s = t + f;
  EXPECT_EQ(s.dtype(), kBool);
  EXPECT_EQ(vals(s), dv({1, 0, 1}));
  EXPECT_EQ(vals(t * f), dv({1, 0, 0}));
  EXPECT_EQ(vals(t.add(f, true)), dv({1, 0, 1}));
  EXPECT_EQ(vals(t.add(true, false)), dv({1, 0, 1}));
}

TEST(Math, BoolErrors) {
  Tensor b = tensor({true, false});
  const std::string two =
      "Subtraction, the `-` operator, with two bool tensors is not supported. Use the `^` or "
      "`logical_xor()` operator instead.";
  const std::string one =
      "Subtraction, the `-` operator, with a bool tensor is not supported. If you are trying to "
      "invert a mask, use the `~` or `logical_not()` operator instead.";
  EXPECT_EQ(error_of([&] { return b - b; }), two);
  EXPECT_EQ(error_of([&] { return b - true; }), two);
  EXPECT_EQ(error_of([&] { return true - b; }), two);
  EXPECT_EQ(error_of([&] { return b - 1; }), one);
  EXPECT_EQ(error_of([&] { return 1 - b; }), one);
  EXPECT_EQ(error_of([&] { return b.sub(tensor({1, 0})); }), one);
  EXPECT_EQ(error_of([&] { return tensor({1, 0}) - b; }), one);
  EXPECT_EQ(error_of([&] { b.sub_(b); }), two);
  const std::string neg =
      "Negation, the `-` operator, on a bool tensor is not supported. If you are trying to invert "
      "a mask, use the `~` or `logical_not()` operator instead.";
  EXPECT_EQ(error_of([&] { return -b; }), neg);
  EXPECT_EQ(error_of([&] { b.neg_(); }), neg);
  EXPECT_EQ(error_of([&] { return b.abs(); }), "\"abs_cpu\" not implemented for 'Bool'");
  EXPECT_EQ(error_of([&] { b.abs_(); }), "\"abs_cpu\" not implemented for 'Bool'");
}

TEST(Math, AlphaChecks) {
  EXPECT_EQ(error_of([] { return tensor({1, 2}).add(tensor({1, 2}), 2.5); }),
            "For integral input tensors, argument alpha must not be a floating point number.");
  EXPECT_EQ(error_of([] { return tensor({1, 2}).add(1, 2.5); }),
            "For integral input tensors, argument alpha must not be a floating point number.");
  EXPECT_EQ(error_of([] { return ones({2}).add(ones({2}), true); }),
            "Boolean alpha only supported for Boolean results.");
  EXPECT_EQ(error_of([] { tensor({1, 2}).sub_(1, 0.5); }),
            "For integral input tensors, argument alpha must not be a floating point number.");
  // A float result takes a float alpha even when an input is integral.
  EXPECT_EQ(vals(ones({1}).add(tensor(1, kLong), 2.5)), dv({3.5}));
}

// --- Unary ---

TEST(Math, UnaryValues) {
  Tensor x = tensor({1.0, 4.0, 0.25});
  std::vector<double> e = vals(x.exp());
  EXPECT_NEAR(e[0], std::exp(1.0), 1e-5);
  EXPECT_NEAR(e[1], std::exp(4.0), 1e-3);
  EXPECT_EQ(vals(x.sqrt()), dv({1, 2, 0.5}));
  std::vector<double> l = vals(x.log());
  EXPECT_EQ(l[0], 0.0);
  EXPECT_NEAR(l[1], std::log(4.0), 1e-6);
  EXPECT_EQ(vals(tensor({-1.5, 2.0}).abs()), dv({1.5, 2}));
  EXPECT_EQ(vals(tensor({-1.5, 2.0}).neg()), dv({1.5, -2}));
  std::vector<double> edge = vals(tensor({0.0, -1.0}).log());
  EXPECT_EQ(edge[0], -std::numeric_limits<double>::infinity());
  EXPECT_TRUE(std::isnan(edge[1]));
  EXPECT_TRUE(std::isnan(vals(tensor({-1.0}).sqrt())[0]));
  Tensor d = tensor({1.0, 2.0}, kDouble).exp();
  EXPECT_EQ(d.dtype(), kDouble);
  EXPECT_EQ(d.data_ptr<double>()[1], std::exp(2.0));
}

TEST(Math, UnaryDtypes) {
  for (ScalarType t : {kInt, kLong, kBool}) {
    EXPECT_EQ(ones({2}, t).exp().dtype(), kFloat) << t;
    EXPECT_EQ(ones({2}, t).log().dtype(), kFloat) << t;
    EXPECT_EQ(ones({2}, t).sqrt().dtype(), kFloat) << t;
  }
  EXPECT_EQ(vals(tensor({4, 9}, kInt).sqrt()), dv({2, 3}));
  EXPECT_EQ(vals(tensor({true, false}).exp())[1], 1.0);
  EXPECT_EQ(tensor({-3}, kInt).abs().dtype(), kInt);
  EXPECT_EQ(vals(tensor({-3}, kInt).abs()), dv({3}));
  EXPECT_EQ(tensor({-3}).neg().dtype(), kLong);
  EXPECT_EQ(error_of([] { tensor({4}).sqrt_(); }),
            "result type Float can't be cast to the desired output type Long");
  EXPECT_EQ(error_of([] { tensor({4}, kInt).exp_(); }),
            "result type Float can't be cast to the desired output type Int");
  EXPECT_EQ(error_of([] { ones({2}, kBool).log_(); }),
            "result type Float can't be cast to the desired output type Bool");
}

// --- Clamp ---

TEST(Math, ClampValues) {
  Tensor x = tensor({-2.0, 0.5, 3.0});
  EXPECT_EQ(vals(x.clamp(0, 1)), dv({0, 0.5, 1}));
  EXPECT_EQ(vals(x.clamp(0)), dv({0, 0.5, 3}));
  EXPECT_EQ(vals(x.clamp(std::nullopt, 1)), dv({-2, 0.5, 1}));
  EXPECT_EQ(vals(x.clamp_min(0)), dv({0, 0.5, 3}));
  EXPECT_EQ(vals(x.clamp_max(0)), dv({-2, 0, 0}));
  // min > max: everything becomes max, as PyTorch.
  EXPECT_EQ(vals(x.clamp(2, 1)), dv({1, 1, 1}));
  EXPECT_EQ(vals(tensor({5, 0, -5}, kInt).clamp(1, 0)), dv({0, 0, 0}));
  // NaN elements stay NaN.
  std::vector<double> n = vals(tensor({1.0, std::nan("")}).clamp(0, 0.5));
  EXPECT_EQ(n[0], 0.5);
  EXPECT_TRUE(std::isnan(n[1]));
}

TEST(Math, ClampDtypes) {
  Tensor i = tensor({0, 1, 2});
  EXPECT_EQ(i.clamp(1, 1).dtype(), kLong);
  Tensor f = i.clamp(0.5, 1.5);
  EXPECT_EQ(f.dtype(), kFloat);
  EXPECT_EQ(vals(f), dv({0.5, 1, 1.5}));
  EXPECT_EQ(tensor({1, 2}, kInt).clamp(0).dtype(), kInt);
  // Bool with integer bounds promotes to Long; with bool bounds it is refused.
  EXPECT_EQ(ones({2}, kBool).clamp(0, 1).dtype(), kLong);
  EXPECT_EQ(ones({2}, kBool).clamp(0.5).dtype(), kFloat);
  EXPECT_EQ(error_of([] { return ones({2}, kBool).clamp(true, true); }),
            "\"clamp_scalar_cpu\" not implemented for 'Bool'");
  EXPECT_EQ(error_of([] { return ones({2}, kBool).clamp(false); }),
            "\"clamp_min_cpu\" not implemented for 'Bool'");
  EXPECT_EQ(error_of([] { return ones({2}, kBool).clamp(std::nullopt, true); }),
            "\"clamp_max_cpu\" not implemented for 'Bool'");
  EXPECT_EQ(error_of([] { return ones({2}).clamp(std::nullopt, std::nullopt); }),
            "torch.clamp: At least one of 'min' or 'max' must not be None");
  EXPECT_EQ(error_of([] { ones({2}, kBool).clamp_(0, 1); }),
            "result type Long can't be cast to the desired output type Bool");
  EXPECT_EQ(error_of([] { tensor({1}).clamp_(0.5); }),
            "result type Float can't be cast to the desired output type Long");
}

TEST(Math, ClampInPlace) {
  Tensor x = tensor({-2.0, 0.5, 3.0});
  Tensor alias = x;
  int64_t v = x._version();
  Tensor &r = x.clamp_(0, 1);
  EXPECT_EQ(&r, &x);
  EXPECT_EQ(x._version(), v + 1);
  EXPECT_EQ(vals(alias), dv({0, 0.5, 1}));
  x.clamp_max_(0.25);
  EXPECT_EQ(vals(x), dv({0, 0.25, 0.25}));
  x.clamp_min_(0.1);
  EXPECT_EQ(vals(x), dv({0.1f, 0.25, 0.25}));
}

// --- In-place ops ---

TEST(Math, InPlaceReturnsSelfAndBumpsVersionOnce) {
  Tensor x = tensor({1.0, 4.0, 9.0});
  Tensor other = tensor({1.0, 1.0, 1.0});
  struct Case {
    const char *name;
    std::function<Tensor &(Tensor &)> op;
  };
  std::vector<Case> cases = {
      {"add_", [&](Tensor &t) -> Tensor & { return t.add_(other); }},
      {"add_s", [&](Tensor &t) -> Tensor & { return t.add_(1); }},
      {"sub_", [&](Tensor &t) -> Tensor & { return t.sub_(other, 2); }},
      {"sub_s", [&](Tensor &t) -> Tensor & { return t.sub_(1); }},
      {"mul_", [&](Tensor &t) -> Tensor & { return t.mul_(other); }},
      {"mul_s", [&](Tensor &t) -> Tensor & { return t.mul_(2); }},
      {"div_", [&](Tensor &t) -> Tensor & { return t.div_(other); }},
      {"div_s", [&](Tensor &t) -> Tensor & { return t.div_(2); }},
      {"neg_", [&](Tensor &t) -> Tensor & { return t.neg_(); }},
      {"abs_", [&](Tensor &t) -> Tensor & { return t.abs_(); }},
      {"exp_", [&](Tensor &t) -> Tensor & { return t.exp_(); }},
      {"log_", [&](Tensor &t) -> Tensor & { return t.log_(); }},
      {"sqrt_", [&](Tensor &t) -> Tensor & { return t.sqrt_(); }},
      {"clamp_", [&](Tensor &t) -> Tensor & { return t.clamp_(0, 100); }},
      {"+=", [&](Tensor &t) -> Tensor & { return t += other; }},
      {"-=", [&](Tensor &t) -> Tensor & { return t -= 1; }},
      {"*=", [&](Tensor &t) -> Tensor & { return t *= other; }},
      {"/=", [&](Tensor &t) -> Tensor & { return t /= 1; }},
  };
  for (Case &c : cases) {
    Tensor alias = x;
    int64_t v = x._version();
    std::vector<double> before = vals(x);
    Tensor &r = c.op(x);
    EXPECT_EQ(&r, &x) << c.name;
    EXPECT_EQ(x._version(), v + 1) << c.name;
    EXPECT_TRUE(r.is_alias_of(alias)) << c.name;
    EXPECT_EQ(vals(alias), vals(x)) << c.name;
  }
}

TEST(Math, InPlaceValues) {
  Tensor x = tensor({1.0, 2.0, 3.0});
  x.add_(tensor({1.0, 1.0, 1.0}), 2);
  EXPECT_EQ(vals(x), dv({3, 4, 5}));
  x.sub_(1);
  EXPECT_EQ(vals(x), dv({2, 3, 4}));
  x.mul_(tensor({2.0, 0.5, 1.0}));
  EXPECT_EQ(vals(x), dv({4, 1.5, 4}));
  x.div_(2);
  EXPECT_EQ(vals(x), dv({2, 0.75, 2}));
  x.neg_();
  EXPECT_EQ(vals(x), dv({-2, -0.75, -2}));
  x.abs_();
  EXPECT_EQ(vals(x), dv({2, 0.75, 2}));
  // Self as the other operand (identical layout) is fine.
  x.add_(x);
  EXPECT_EQ(vals(x), dv({4, 1.5, 4}));
  x.mul_(x);
  EXPECT_EQ(vals(x), dv({16, 2.25, 16}));
  Tensor i = tensor({1, 2}, kInt);
  i.add_(tensor({10, 20})); // Long input, stored into Int
  EXPECT_EQ(i.dtype(), kInt);
  EXPECT_EQ(vals(i), dv({11, 22}));
  Tensor f = tensor({1.0f, 2.0f});
  f.add_(tensor({0.5, 0.25}, kDouble));
  EXPECT_EQ(f.dtype(), kFloat);
  EXPECT_EQ(vals(f), dv({1.5, 2.25}));
  f.mul_(tensor({2}, kInt));
  EXPECT_EQ(vals(f), dv({3, 4.5}));
}

TEST(Math, InPlaceCastErrors) {
  EXPECT_EQ(error_of([] { tensor({1, 2}).add_(ones({2})); }),
            "result type Float can't be cast to the desired output type Long");
  EXPECT_EQ(error_of([] { tensor({1, 2}).add_(1.5); }),
            "result type Float can't be cast to the desired output type Long");
  EXPECT_EQ(error_of([] { tensor({1, 2}).mul_(2.0); }),
            "result type Float can't be cast to the desired output type Long");
  EXPECT_EQ(error_of([] { tensor({1, 2}).div_(2); }),
            "result type Float can't be cast to the desired output type Long");
  EXPECT_EQ(error_of([] { tensor({1, 2}, kInt).div_(tensor({1, 2}, kInt)); }),
            "result type Float can't be cast to the desired output type Int");
  EXPECT_EQ(error_of([] { ones({2}, kBool).add_(1); }),
            "result type Long can't be cast to the desired output type Bool");
  EXPECT_EQ(error_of([] { tensor({1, 2}, kInt).add_(ones({2}, kDouble)); }),
            "result type Double can't be cast to the desired output type Int");
  Tensor t = tensor({1, 2});
  t += 1;
  EXPECT_EQ(vals(t), dv({2, 3}));
  EXPECT_EQ(error_of([&] { t /= 2; }), "result type Float can't be cast to the desired output type Long");
}

TEST(Math, InPlaceShapeRules) {
  Tensor m = zeros({2, 3});
  m.add_(tensor({1.0, 2.0, 3.0})); // other broadcasts to self
  EXPECT_EQ(vals(m), dv({1, 2, 3, 1, 2, 3}));
  m.mul_(tensor(2.0));
  EXPECT_EQ(vals(m), dv({2, 4, 6, 2, 4, 6}));
  EXPECT_EQ(error_of([] { zeros({3}).add_(ones({2, 3})); }),
            "output with shape [3] doesn't match the broadcast shape [2, 3]");
  EXPECT_EQ(error_of([] { zeros({2, 1}).mul_(ones({2, 3})); }),
            "output with shape [2, 1] doesn't match the broadcast shape [2, 3]");
  EXPECT_EQ(error_of([] { zeros({2, 3}).add_(ones({4})); }),
            "The size of tensor a (3) must match the size of tensor b (4) at non-singleton "
            "dimension 1 (shapes [2, 3] and [4])");
}

TEST(Math, InPlaceInternalOverlapError) {
  Tensor e = ones({3}).expand({2, 3});
  int64_t v = e._version();
  EXPECT_EQ(error_of([&] { e.add_(1); }), kInternal);
  EXPECT_EQ(error_of([&] { e.add_(ones({2, 3})); }), kInternal);
  EXPECT_EQ(error_of([&] { e.neg_(); }), kInternal);
  EXPECT_EQ(error_of([&] { e.exp_(); }), kInternal);
  EXPECT_EQ(error_of([&] { e.clamp_(0); }), kInternal);
  EXPECT_EQ(error_of([&] { e.copy_(ones({2, 3})); }), kInternal);
  EXPECT_EQ(error_of([&] { e.fill_(2); }), kInternal);
  EXPECT_EQ(e._version(), v); // nothing was written
  // Reading an expanded tensor is fine.
  Tensor r = zeros({2, 3});
  r.add_(e);
  EXPECT_EQ(vals(r), dv({1, 1, 1, 1, 1, 1}));
}

// Layouts that are not contiguous but do not overlap themselves pass the
// internal-overlap check (the contiguous flag is only its fast path).
TEST(Math, InPlaceWithoutInternalOverlap) {
  Tensor m = arange(6.0).view({2, 3});
  m.t().add_(1); // transposed: dense, not contiguous
  EXPECT_EQ(vals(m), dv({1, 2, 3, 4, 5, 6}));
  m.slice(1, 0, 3, 2).mul_(10); // columns 0 and 2: not dense, no repeats
  EXPECT_EQ(vals(m), dv({10, 2, 30, 40, 5, 60}));
  m.t().slice(0, 1, 2).neg_(); // column 1 through the transpose
  EXPECT_EQ(vals(m), dv({10, -2, 30, 40, -5, 60}));
}

TEST(Math, InPlacePartialOverlapError) {
  Tensor a = arange(5.0);
  EXPECT_EQ(error_of([&] { a.slice(0, 1).add_(a.slice(0, 0, -1)); }), kPartial);
  EXPECT_EQ(error_of([&] { a.slice(0, 1).copy_(a.slice(0, 0, -1)); }), kPartial);
  EXPECT_EQ(error_of([&] { a.slice(0, 0, -1).mul_(a.slice(0, 1)); }), kPartial);
  Tensor m = arange(9.0).view({3, 3});
  // Same memory, different strides: PyTorch refuses this too.
  EXPECT_EQ(error_of([&] { m.add_(m.t()); }), kPartial);
  // A row of m read while m is written.
  EXPECT_EQ(error_of([&] { m.add_(m[0]); }), kPartial);
  EXPECT_EQ(vals(a), dv({0, 1, 2, 3, 4}));
  // Disjoint parts of one storage are fine.
  a.slice(0, 0, 2).add_(a.slice(0, 3, 5));
  EXPECT_EQ(vals(a), dv({3, 5, 2, 3, 4}));
  // Interleaved strided views do not overlap.
  Tensor b = arange(6.0);
  b.slice(0, 0, 6, 2).add_(b.slice(0, 1, 6, 2));
  EXPECT_EQ(vals(b), dv({1, 1, 5, 3, 9, 5}));
}

TEST(Math, OverlapThatCannotBeAnalysedReadsInputFirst) {
  // A strided output and a dense input sharing memory: PyTorch cannot tell
  // (no error); ag then reads the whole input before writing.
  Tensor x = arange(1.0, 11.0);
  Tensor dst = x.slice(0, 2, 10, 2); // x2 x4 x6 x8
  Tensor src = x.slice(0, 0, 4);     // x0 x1 x2 x3
  dst.add_(src);
  EXPECT_EQ(vals(dst), dv({4, 7, 10, 13}));
}

// --- Strided inputs and outputs ---

TEST(Math, TransposedInputs) {
  Tensor a = arange(12.0).view({3, 4});
  Tensor b = arange(12.0).view({4, 3});
  Tensor r = a.t() + b; // [4, 3]
  std::vector<double> got = vals(r);
  for (int i = 0; i < 4; ++i)
    for (int j = 0; j < 3; ++j)
      EXPECT_EQ(got[size_t(i * 3 + j)], double(j * 4 + i) + double(i * 3 + j));
  // Both inputs transposed alike: the result keeps their layout (PyTorch's
  // TensorIterator), so no element is read out of order.
  Tensor both = a.t() * a.t();
  EXPECT_EQ(both.sizes(), std::vector<int64_t>({4, 3}));
  EXPECT_EQ(both.strides(), std::vector<int64_t>({1, 4}));
  EXPECT_FALSE(both.is_contiguous());
  std::vector<double> sq = vals(both);
  for (int i = 0; i < 4; ++i)
    for (int j = 0; j < 3; ++j)
      EXPECT_EQ(sq[size_t(i * 3 + j)], double((j * 4 + i) * (j * 4 + i)));
  Tensor u = a.t().exp();
  EXPECT_EQ(u.strides(), std::vector<int64_t>({1, 4}));
  EXPECT_TRUE(allclose(u, a.contiguous().exp().t()));
  // A contiguous first operand decides: the result is contiguous.
  EXPECT_TRUE((b + a.t()).is_contiguous());
}

TEST(Math, SlicedAndExpandedInputs) {
  Tensor x = arange(10.0);
  Tensor even = x.slice(0, 0, 10, 2); // 0 2 4 6 8
  Tensor odd = x.slice(0, 1, 10, 2);  // 1 3 5 7 9
  EXPECT_EQ(vals(even + odd), dv({1, 5, 9, 13, 17}));
  EXPECT_EQ(vals(even * 2), dv({0, 4, 8, 12, 16}));
  Tensor col = tensor({{1.0}, {2.0}});
  Tensor ex = col.expand({2, 3});
  EXPECT_EQ(vals(ex + tensor({10.0, 20.0, 30.0})), dv({11, 21, 31, 12, 22, 32}));
  EXPECT_EQ(vals(ex.neg()), dv({-1, -1, -1, -2, -2, -2}));
  Tensor m = arange(24.0).view({2, 3, 4});
  Tensor p = m.permute({2, 0, 1}); // [4, 2, 3]
  Tensor s = p + p.clone();
  EXPECT_TRUE(allclose(s, p * 2));
  Tensor sel = m.select(2, 1); // [2, 3], stride 4
  EXPECT_EQ(vals(sel - 1), dv({0, 4, 8, 12, 16, 20}));
}

TEST(Math, StridedOutputs) {
  Tensor m = zeros({3, 4});
  Tensor mt = m.t(); // [4, 3] view
  mt.add_(arange(3.0));
  EXPECT_EQ(vals(m), dv({0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2}));
  Tensor x = zeros({8});
  Tensor every_other = x.slice(0, 1, 8, 2);
  every_other.add_(1);
  every_other.mul_(tensor({1.0, 2.0, 3.0, 4.0}));
  EXPECT_EQ(vals(x), dv({0, 1, 0, 2, 0, 3, 0, 4}));
  x.slice(0, 0, 8, 2).fill_(7);
  EXPECT_EQ(vals(x), dv({7, 1, 7, 2, 7, 3, 7, 4}));
  x.slice(0, 0, 8, 4).copy_(tensor({-1.0, -2.0}));
  EXPECT_EQ(vals(x), dv({-1, 1, 7, 2, -2, 3, 7, 4}));
  Tensor col = m.select(1, 2); // [3], stride 4
  col.sqrt_();
  EXPECT_EQ(vals(col), dv({0, 1, std::sqrt(2.0f)}));
}

TEST(Math, LargeTensorsUseEveryPath) {
  // Large enough to be split over the thread pool.
  const int64_t n = 100003;
  Tensor a = arange(double(n));
  Tensor b = ones({n});
  Tensor s = a + b;
  std::vector<double> v = vals(s);
  for (int64_t i = 0; i < n; i += 997)
    EXPECT_EQ(v[size_t(i)], double(i) + 1);
  EXPECT_EQ(v.back(), double(n));
  s.sub_(b);
  EXPECT_TRUE(equal(s, a));
  s.mul_(2);
  EXPECT_EQ(vals(s)[size_t(n - 1)], 2.0 * double(n - 1));
  Tensor big = arange(400.0 * 300.0).view({400, 300});
  Tensor tr = big.t() + big.t();
  EXPECT_TRUE(equal(tr, (big * 2).t()));
  Tensor mixed = big.t() + zeros({300, 400});
  EXPECT_TRUE(equal(mixed, big.t()));
  Tensor d = big.to(kInt);
  EXPECT_EQ(d.data_ptr<int32_t>()[119999], 119999);
}

TEST(Math, ConcurrentCallersShareThePoolSafely) {
  // Two user threads running large (pool-sized) ops at once: one gets the
  // pool, the other runs serially; both results are right.
  const int64_t n = 200000;
  Tensor a = arange(double(n));
  std::vector<Tensor> results(2);
  auto job = [&](int i) {
    Tensor r = zeros({n});
    for (int rep = 0; rep < 20; ++rep)
      r.add_(a);
    results[size_t(i)] = r * 0.05 - a;
  };
  std::thread t0(job, 0), t1(job, 1);
  t0.join();
  t1.join();
  for (const Tensor &r : results)
    EXPECT_LT(r.abs().max().item<double>(), 1e-2);
  // Nested use from inside a kernel is not possible through the API, but a
  // reduction over a pool-made tensor right after is.
  // float32 summation order differs between builds (vectorised or not), so
  // the sum is exact only to float precision.
  const double exact = double(n) * double(n - 1);
  EXPECT_NEAR((a + a).sum().item<double>(), exact, exact * 1e-6);
}

// --- Copies and conversions ---

TEST(Math, CopyConvertsAndBroadcasts) {
  Tensor dst = zeros({2, 3}, kLong);
  dst.copy_(tensor({1.9, -2.9, 3.0}));
  EXPECT_EQ(vals(dst), dv({1, -2, 3, 1, -2, 3})); // truncation toward zero
  EXPECT_EQ(error_of([] { zeros({3}).copy_(ones({2, 3})); }),
            "output with shape [3] doesn't match the broadcast shape [2, 3]");
  EXPECT_EQ(error_of([] { zeros({2, 3}).copy_(ones({3, 3})); }),
            "The size of tensor a (2) must match the size of tensor b (3) at non-singleton "
            "dimension 0 (shapes [2, 3] and [3, 3])");
  Tensor b = tensor({0.0, 0.5, -2.0}).to(kBool);
  EXPECT_EQ(vals(b), dv({0, 1, 1}));
  Tensor i = tensor({int64_t(1) << 33 | 5}).to(kInt); // modular narrowing
  EXPECT_EQ(i.data_ptr<int32_t>()[0], 5);
}

TEST(Math, FloatToIntConversionIsDefined) {
  // NaN -> 0, out of range and infinities saturate (PyTorch on x86 gives
  // INT_MIN; C++ leaves it undefined).
  const double inf = std::numeric_limits<double>::infinity();
  Tensor f = tensor({std::nan(""), inf, -inf, 1e20, -1e20, 2147483647.0, -2147483648.0, -7.5});
  Tensor i = f.to(kInt);
  const int32_t *p = i.data_ptr<int32_t>();
  EXPECT_EQ(p[0], 0);
  EXPECT_EQ(p[1], std::numeric_limits<int32_t>::max());
  EXPECT_EQ(p[2], std::numeric_limits<int32_t>::min());
  EXPECT_EQ(p[3], std::numeric_limits<int32_t>::max());
  EXPECT_EQ(p[4], std::numeric_limits<int32_t>::min());
  EXPECT_EQ(p[5], std::numeric_limits<int32_t>::max()); // 2147483647.0f rounds to 2^31
  EXPECT_EQ(p[6], std::numeric_limits<int32_t>::min());
  EXPECT_EQ(p[7], -7);
  Tensor l = tensor({std::nan(""), 1e300, -1e300, 9.2233720368547758e18}, kDouble).to(kLong);
  const int64_t *q = l.data_ptr<int64_t>();
  EXPECT_EQ(q[0], 0);
  EXPECT_EQ(q[1], std::numeric_limits<int64_t>::max());
  EXPECT_EQ(q[2], std::numeric_limits<int64_t>::min());
  EXPECT_EQ(q[3], std::numeric_limits<int64_t>::max());
  Tensor d = tensor({1e300}, kDouble).to(kFloat);
  EXPECT_EQ(d.data_ptr<float>()[0], std::numeric_limits<float>::infinity());
}

TEST(Math, CopyAndFillBumpVersion) {
  Tensor t = zeros({3});
  int64_t v = t._version();
  t.copy_(ones({3}));
  EXPECT_EQ(t._version(), v + 1);
  t.fill_(2);
  EXPECT_EQ(t._version(), v + 2);
  EXPECT_EQ(vals(t), dv({2, 2, 2}));
  t.zero_();
  EXPECT_EQ(vals(t), dv({0, 0, 0}));
  Tensor s = zeros({3}, kInt);
  s.fill_(2.7);
  EXPECT_EQ(vals(s), dv({2, 2, 2}));
}

// --- equal / allclose ---

TEST(Math, Equal) {
  EXPECT_TRUE(equal(tensor({1.0, 2.0}), tensor({1.0, 2.0})));
  EXPECT_FALSE(equal(tensor({1.0, 2.0}), tensor({1.0, 2.5})));
  EXPECT_FALSE(equal(tensor({1.0, 2.0}), tensor({{1.0, 2.0}})));
  EXPECT_TRUE(equal(ones({2}), ones({2}, kLong)));
  EXPECT_FALSE(equal(tensor({std::nan("")}), tensor({std::nan("")})));
  EXPECT_TRUE(equal(zeros({0}), zeros({0})));
  Tensor m = arange(6.0).view({2, 3});
  EXPECT_TRUE(equal(m.t(), m.t().contiguous()));
}

TEST(Math, Allclose) {
  EXPECT_TRUE(allclose(tensor({1.0, 2.0}), tensor({1.0, 2.0 + 1e-7})));
  EXPECT_FALSE(allclose(tensor({1.0, 2.0}), tensor({1.0, 2.1})));
  EXPECT_TRUE(allclose(tensor({1.0, 2.0}), tensor({1.0, 2.1}), 0.1));
  EXPECT_TRUE(allclose(tensor({1.0, 2.0}), tensor({1.0, 2.1}), 0, 0.2));
  EXPECT_TRUE(allclose(ones({2, 3}), ones({3}))); // broadcasts
  const double inf = std::numeric_limits<double>::infinity();
  EXPECT_TRUE(allclose(tensor({inf}), tensor({inf})));
  EXPECT_FALSE(allclose(tensor({std::nan("")}), tensor({std::nan("")})));
  EXPECT_EQ(error_of([] { return allclose(ones({2}), ones({2}, kLong)); }), "Float did not match Long");
  EXPECT_EQ(error_of([] { return allclose(ones({2}), ones({3})); }),
            "The size of tensor a (2) must match the size of tensor b (3) at non-singleton "
            "dimension 0 (shapes [2] and [3])");
}

TEST(Math, UndefinedOperandsAreRefused) {
  Tensor undefined;
  EXPECT_NE(error_of([&] { return ones({2}) + undefined; }), "<no error>");
  EXPECT_NE(error_of([&] { ones({2}).add_(undefined); }), "<no error>");
  EXPECT_NE(error_of([&] { ones({2}).copy_(undefined); }), "<no error>");
}

TEST(Math, EmptyTensors) {
  Tensor e = zeros({0, 3});
  EXPECT_EQ((e + 1).numel(), 0);
  EXPECT_EQ((e * ones({3})).sizes(), std::vector<int64_t>({0, 3}));
  int64_t v = e._version();
  e.add_(1);
  EXPECT_EQ(e._version(), v + 1);
  EXPECT_EQ(e.exp().numel(), 0);
  EXPECT_EQ(e.t().neg().sizes(), std::vector<int64_t>({3, 0}));
}

} // namespace
