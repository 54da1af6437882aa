// Printing: Tensor as PyTorch's repr, NdArray as NumPy's str(). Expected
// strings are the outputs of PyTorch / NumPy for the same data.
#include <ag/ag.h>

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <sstream>

using namespace ag;

namespace {

template <typename T> std::string str(const T &x) {
  std::ostringstream os;
  os << x;
  return os.str();
}

constexpr double kNan = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

TEST(PrintTensor, FloatsThatAreIntegersGetATrailingDot) {
  EXPECT_EQ(str(tensor({1., 2., 3.})), "tensor([1., 2., 3.])");
  EXPECT_EQ(str(tensor({-1., 10.})), "tensor([-1., 10.])");
  EXPECT_EQ(str(zeros({3})), "tensor([0., 0., 0.])");
}

TEST(PrintTensor, FractionsUseFourDecimalsAndAlign) {
  EXPECT_EQ(str(tensor({1.5, 2.0})), "tensor([1.5000, 2.0000])");
  EXPECT_EQ(str(tensor({0.1, -2.5})), "tensor([ 0.1000, -2.5000])");
}

TEST(PrintTensor, ScientificNotationForWideRanges) {
  EXPECT_EQ(str(tensor({1e-5, 1e5})), "tensor([1.0000e-05, 1.0000e+05])");
  EXPECT_EQ(str(tensor({1e-5, 0.5})), "tensor([1.0000e-05, 5.0000e-01])");
  EXPECT_EQ(str(tensor({1e9, 1.0})), "tensor([1.0000e+09, 1.0000e+00])");
  EXPECT_EQ(str(tensor({1.0, 2000.0})), "tensor([1.0000e+00, 2.0000e+03])");
  // Ratio below 1000 and integers below 1e8: plain.
  EXPECT_EQ(str(tensor({1.0, 999.0})), "tensor([  1., 999.])");
}

TEST(PrintTensor, NanAndInf) {
  EXPECT_EQ(str(tensor({1., kNan, kInf})), "tensor([1., nan, inf])");
  EXPECT_EQ(str(tensor({1.5, kNan})), "tensor([1.5000,    nan])");
  EXPECT_EQ(str(tensor({-kInf, 0.})), "tensor([-inf, 0.])");
  EXPECT_EQ(str(tensor({kNan})), "tensor([nan])");
}

TEST(PrintTensor, IntegersAndDtypeSuffix) {
  EXPECT_EQ(str(tensor({1, 2})), "tensor([1, 2])");
  EXPECT_EQ(str(tensor({-1, 10, 200})), "tensor([ -1,  10, 200])");
  EXPECT_EQ(str(tensor({1, 2}, kInt)), "tensor([1, 2], dtype=ag.int32)");
  EXPECT_EQ(str(tensor({1., 2.}, kDouble)), "tensor([1., 2.], dtype=ag.float64)");
  EXPECT_EQ(str(tensor({true, false})), "tensor([ True, False])");
}

TEST(PrintTensor, ZeroDim) {
  EXPECT_EQ(str(tensor(3.)), "tensor(3.)");
  EXPECT_EQ(str(tensor(2.5)), "tensor(2.5000)");
  EXPECT_EQ(str(tensor(3)), "tensor(3)");
  EXPECT_EQ(str(tensor(3, kInt)), "tensor(3, dtype=ag.int32)");
  EXPECT_EQ(str(tensor(true)), "tensor(True)");
}

TEST(PrintTensor, MultiDimAlignsColumnsAndIndents) {
  EXPECT_EQ(str(tensor({{1., 2.}, {3., 4.}})), "tensor([[1., 2.],\n        [3., 4.]])");
  EXPECT_EQ(str(tensor({{1, 20}, {300, 4}})), "tensor([[  1,  20],\n        [300,   4]])");
  EXPECT_EQ(str(zeros({2, 2, 2})), "tensor([[[0., 0.],\n"
                                   "         [0., 0.]],\n"
                                   "\n"
                                   "        [[0., 0.],\n"
                                   "         [0., 0.]]])");
}

TEST(PrintTensor, NonContiguousPrintsLogicalOrder) {
  Tensor t = tensor({{1, 2}, {3, 4}}).t();
  EXPECT_EQ(str(t), "tensor([[1, 3],\n        [2, 4]])");
}

TEST(PrintTensor, Empty) {
  EXPECT_EQ(str(tensor({1.}).slice(0, 1)), "tensor([])");
  EXPECT_EQ(str(zeros({0, 3})), "tensor([], size=(0, 3))");
  EXPECT_EQ(str(zeros({0}, kLong)), "tensor([], dtype=ag.int64)");
  EXPECT_EQ(str(zeros({2, 0}, kInt)), "tensor([], size=(2, 0), dtype=ag.int32)");
}

TEST(PrintTensor, LongRowsWrapAtEightyColumns) {
  EXPECT_EQ(str(arange(30.)),
            "tensor([ 0.,  1.,  2.,  3.,  4.,  5.,  6.,  7.,  8.,  9., 10., 11., 12., 13.,\n"
            "        14., 15., 16., 17., 18., 19., 20., 21., 22., 23., 24., 25., 26., 27.,\n"
            "        28., 29.])");
}

TEST(PrintTensor, SummarisesAboveAThousandElements) {
  EXPECT_EQ(str(arange(2000)), "tensor([   0,    1,    2,  ..., 1997, 1998, 1999])");
  EXPECT_EQ(str(arange(2000.)),
            "tensor([0.0000e+00, 1.0000e+00, 2.0000e+00,  ..., 1.9970e+03, 1.9980e+03,\n"
            "        1.9990e+03])");
  EXPECT_EQ(str(arange(2000).view({40, 50})),
            "tensor([[   0,    1,    2,  ...,   47,   48,   49],\n"
            "        [  50,   51,   52,  ...,   97,   98,   99],\n"
            "        [ 100,  101,  102,  ...,  147,  148,  149],\n"
            "        ...,\n"
            "        [1850, 1851, 1852,  ..., 1897, 1898, 1899],\n"
            "        [1900, 1901, 1902,  ..., 1947, 1948, 1949],\n"
            "        [1950, 1951, 1952,  ..., 1997, 1998, 1999]])");
  // Exactly 1000 elements are all printed.
  EXPECT_EQ(str(arange(1000)).find("..."), std::string::npos);
}

TEST(PrintTensor, DtypeSuffixMovesToANewLineWhenTooLong) {
  EXPECT_EQ(str(arange(0, 24, 1, kInt)),
            "tensor([ 0,  1,  2,  3,  4,  5,  6,  7,  8,  9, 10, 11, 12, 13, 14, 15, 16, 17,\n"
            "        18, 19, 20, 21, 22, 23], dtype=ag.int32)");
  EXPECT_EQ(str(arange(0, 18, 1, kInt)),
            "tensor([ 0,  1,  2,  3,  4,  5,  6,  7,  8,  9, 10, 11, 12, 13, 14, 15, 16, 17],\n"
            "       dtype=ag.int32)");
}

TEST(PrintTensor, UndefinedTensor) { EXPECT_EQ(str(Tensor()), "[ Tensor (undefined) ]"); }

TEST(PrintNdArray, Basics) {
  EXPECT_EQ(str(np::array({1., 2., 3.})), "[1. 2. 3.]");
  EXPECT_EQ(str(np::array({1, 2, 3})), "[1 2 3]");
  EXPECT_EQ(str(np::array({true, false})), "[ True False]");
  EXPECT_EQ(str(np::array({{1., 2.}, {3., 4.}})), "[[1. 2.]\n [3. 4.]]");
  EXPECT_EQ(str(np::array({1, 2}, kInt)), "[1 2]");
  EXPECT_EQ(str(np::array({-1, 10, 200})), "[ -1  10 200]");
  EXPECT_EQ(str(np::zeros({3})), "[0. 0. 0.]");
  EXPECT_EQ(str(np::array({-0., 1.})), "[-0.  1.]");
}

TEST(PrintNdArray, FloatPaddingToCommonWidth) {
  EXPECT_EQ(str(np::array({0.5, 1., 2.})), "[0.5 1.  2. ]");
  EXPECT_EQ(str(np::array({1. / 3, 2. / 3})), "[0.33333333 0.66666667]");
  EXPECT_EQ(str(np::array({0.123456789, 1.})), "[0.12345679 1.        ]");
  // float32 values print their own shortest digits.
  EXPECT_EQ(str(np::array({0.1, 0.2}, kFloat)), "[0.1 0.2]");
}

TEST(PrintNdArray, Scientific) {
  EXPECT_EQ(str(np::array({1e-5, 1e5})), "[1.e-05 1.e+05]");
  EXPECT_EQ(str(np::array({1.5e-5, 1e5, -2.})), "[ 1.5e-05  1.0e+05 -2.0e+00]");
  EXPECT_EQ(str(np::array({1e8, 1.})), "[1.e+08 1.e+00]");
  EXPECT_EQ(str(np::array({1e-100, 1.})), "[1.e-100 1.e+000]");
}

TEST(PrintNdArray, NanAndInf) {
  EXPECT_EQ(str(np::array({kNan, 1.})), "[nan  1.]");
  EXPECT_EQ(str(np::array({kNan, 1.5, -kInf})), "[ nan  1.5 -inf]");
}

TEST(PrintNdArray, ThreeDimsAndEmptyAndZeroDim) {
  EXPECT_EQ(str(np::arange(8).reshape({2, 2, 2})), "[[[0 1]\n  [2 3]]\n\n [[4 5]\n  [6 7]]]");
  EXPECT_EQ(str(NdArray()), "[]");
  EXPECT_EQ(str(np::zeros({0, 3})), "[]");
  EXPECT_EQ(str(np::array(3.0)), "3.0");
  EXPECT_EQ(str(np::array(3)), "3");
  EXPECT_EQ(str(np::array(true)), "True");
  EXPECT_EQ(str(np::array(1e-5)), "1e-05");
  EXPECT_EQ(str(np::array(0.1, kFloat)), "0.1");
}

TEST(PrintNdArray, WrapsAtSeventyFiveColumns) {
  EXPECT_EQ(str(np::arange(30.)),
            "[ 0.  1.  2.  3.  4.  5.  6.  7.  8.  9. 10. 11. 12. 13. 14. 15. 16. 17.\n"
            " 18. 19. 20. 21. 22. 23. 24. 25. 26. 27. 28. 29.]");
  EXPECT_EQ(str(np::arange(40)),
            "[ 0  1  2  3  4  5  6  7  8  9 10 11 12 13 14 15 16 17 18 19 20 21 22 23\n"
            " 24 25 26 27 28 29 30 31 32 33 34 35 36 37 38 39]");
}

TEST(PrintNdArray, Summarises) {
  EXPECT_EQ(str(np::arange(2000)), "[   0    1    2 ... 1997 1998 1999]");
  EXPECT_EQ(str(np::arange(2000.)),
            "[0.000e+00 1.000e+00 2.000e+00 ... 1.997e+03 1.998e+03 1.999e+03]");
  EXPECT_EQ(str(np::arange(2000).reshape({40, 50})),
            "[[   0    1    2 ...   47   48   49]\n"
            " [  50   51   52 ...   97   98   99]\n"
            " [ 100  101  102 ...  147  148  149]\n"
            " ...\n"
            " [1850 1851 1852 ... 1897 1898 1899]\n"
            " [1900 1901 1902 ... 1947 1948 1949]\n"
            " [1950 1951 1952 ... 1997 1998 1999]]");
}

} // namespace
