// Printing: Tensor as PyTorch's repr (torch/_tensor_str.py) and NdArray as
// NumPy's str() (numpy/core/arrayprint.py), each a transcription of the
// Python original restricted to the default print options.
#include "internal.h"
#include "alias/tracker.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

namespace ag {
namespace {

// Both libraries summarise above 1000 elements, keeping 3 at each edge.
constexpr int64_t kThreshold = 1000;
constexpr int64_t kEdgeItems = 3;

// ---------------------------------------------------------------------------
// Shared helpers
// ---------------------------------------------------------------------------

// The elements that will be shown, in order: with summarize, only the first
// and last kEdgeItems of every dim longer than 2 * kEdgeItems (PyTorch's
// get_summarized_data, NumPy's _leading_trailing). Formatters size their
// columns on these alone.
void collect_shown(const Tensor &t, bool summarize, std::vector<Scalar> &out) {
  if (t.dim() == 0) {
    out.push_back(t.item());
    return;
  }
  const int64_t n = t.size(0);
  for (int64_t i = 0; i < n; ++i) {
    if (summarize && n > 2 * kEdgeItems && i == kEdgeItems)
      i = n - kEdgeItems;
    collect_shown(t.select(0, i), summarize, out);
  }
}

// The indices of dim 0 to print, with -1 standing for the "..." marker.
std::vector<int64_t> shown_indices(int64_t n, bool summarize) {
  std::vector<int64_t> idx;
  for (int64_t i = 0; i < n; ++i) {
    if (summarize && n > 2 * kEdgeItems && i == kEdgeItems) {
      idx.push_back(-1);
      i = n - kEdgeItems;
    }
    idx.push_back(i);
  }
  return idx;
}

std::string printf_double(const char *format, int precision, double v) {
  char buf[512];
  int len = std::snprintf(buf, sizeof buf, format, precision, v);
  return std::string(buf, size_t(std::clamp(len, 0, int(sizeof buf) - 1)));
}

std::string pad_left(const std::string &s, size_t width) {
  return s.size() >= width ? s : std::string(width - s.size(), ' ') + s;
}

// "[" + inner + "]", appended (GCC 12 warns falsely on operator+ here).
std::string bracketed(const std::string &inner) {
  std::string s;
  s.reserve(inner.size() + 2);
  s += '[';
  s += inner;
  s += ']';
  return s;
}

std::string join(const std::vector<std::string> &parts, const std::string &sep) {
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i)
      out += sep;
    out += parts[i];
  }
  return out;
}

// ---------------------------------------------------------------------------
// PyTorch
// ---------------------------------------------------------------------------

// torch._tensor_str._Formatter with precision 4 and sci_mode unset.
class TorchFormatter {
public:
  TorchFormatter(ScalarType dtype, const std::vector<Scalar> &values)
      : floating_(isFloatingType(dtype)) {
    if (!floating_) {
      for (const Scalar &v : values)
        max_width_ = std::max(max_width_, plain(v).size());
      return;
    }
    std::vector<double> nonzero_finite;
    for (const Scalar &v : values)
      if (std::isfinite(v.toDouble()) && v.toDouble() != 0)
        nonzero_finite.push_back(v.toDouble());
    if (nonzero_finite.empty())
      return;
    double min_abs = std::abs(nonzero_finite[0]), max_abs = min_abs;
    for (double v : nonzero_finite) {
      min_abs = std::min(min_abs, std::abs(v));
      max_abs = std::max(max_abs, std::abs(v));
      int_mode_ = int_mode_ && v == std::ceil(v);
    }
    sci_mode_ = max_abs / min_abs > 1000.0 || max_abs > 1.0e8 || (!int_mode_ && min_abs < 1.0e-4);
    for (double v : nonzero_finite) {
      size_t width = sci_mode_   ? printf_double("%.*e", 4, v).size()
                     : int_mode_ ? printf_double("%.*f", 0, v).size() + 1
                                 : printf_double("%.*f", 4, v).size();
      max_width_ = std::max(max_width_, width);
    }
  }

  size_t width() const { return max_width_; }

  std::string format(const Scalar &v) const {
    std::string s;
    if (!floating_) {
      s = plain(v);
    } else if (sci_mode_) {
      s = printf_double("%.*e", 4, v.toDouble());
    } else if (int_mode_) {
      s = printf_double("%.*f", 0, v.toDouble());
      if (std::isfinite(v.toDouble()))
        s += '.';
    } else {
      s = printf_double("%.*f", 4, v.toDouble());
    }
    return pad_left(s, max_width_);
  }

private:
  // Python's str() of an int or bool.
  static std::string plain(const Scalar &v) {
    if (v.isBoolean())
      return v.toBool() ? "True" : "False";
    return std::to_string(v.toLong());
  }

  bool floating_;
  bool int_mode_ = true;
  bool sci_mode_ = false;
  size_t max_width_ = 1;
};

constexpr int64_t kTorchLineWidth = 80;

std::string torch_vector(const Tensor &t, int64_t indent, bool summarize,
                         const TorchFormatter &f) {
  const int64_t element_length = int64_t(f.width()) + 2;
  const int64_t per_line = std::max<int64_t>(1, (kTorchLineWidth - indent) / element_length);
  std::vector<std::string> data;
  for (int64_t i : shown_indices(t.size(0), summarize))
    data.push_back(i < 0 ? " ..." : f.format(t.select(0, i).item()));
  std::vector<std::string> lines;
  for (size_t i = 0; i < data.size(); i += size_t(per_line))
    lines.push_back(join(std::vector<std::string>(data.begin() + ptrdiff_t(i),
                                                  data.begin() + ptrdiff_t(std::min(data.size(), i + size_t(per_line)))),
                         ", "));
  std::string sep = ",\n";
  sep.append(size_t(indent + 1), ' ');
  return bracketed(join(lines, sep));
}

std::string torch_str(const Tensor &t, int64_t indent, bool summarize, const TorchFormatter &f) {
  if (t.dim() == 0)
    return f.format(t.item());
  if (t.dim() == 1)
    return torch_vector(t, indent, summarize, f);
  std::vector<std::string> slices;
  for (int64_t i : shown_indices(t.size(0), summarize))
    slices.push_back(i < 0 ? "..." : torch_str(t.select(0, i), indent + 1, summarize, f));
  std::string sep = ",";
  sep.append(size_t(t.dim() - 1), '\n');
  sep.append(size_t(indent + 1), ' ');
  return bracketed(join(slices, sep));
}

// Python's str() of a shape tuple: (0,), (0, 3).
std::string tuple_str(IntArrayRef shape) {
  std::string s = "(";
  for (size_t i = 0; i < shape.size(); ++i) {
    if (i)
      s += ", ";
    s += std::to_string(shape[i]);
  }
  return s + (shape.size() == 1 ? ",)" : ")");
}

// torch._tensor_str._add_suffixes: ", dtype=..." on the last line unless it
// would pass the line width.
std::string add_suffixes(const std::string &body, const std::vector<std::string> &suffixes,
                         int64_t indent) {
  std::string out = body;
  size_t newline = body.rfind('\n');
  int64_t last_line_len =
      int64_t(body.size()) - (newline == std::string::npos ? -1 : int64_t(newline)) + 1;
  for (const std::string &suffix : suffixes) {
    const int64_t len = int64_t(suffix.size());
    if (last_line_len + len + 2 > kTorchLineWidth) {
      out += ",\n" + std::string(size_t(indent), ' ') + suffix;
      last_line_len = indent + len;
    } else {
      out += ", " + suffix;
      last_line_len += len + 2;
    }
  }
  return out + ")";
}

// ---------------------------------------------------------------------------
// NumPy
// ---------------------------------------------------------------------------

// Shortest digits that read back as v in its own precision (NumPy's Dragon4
// "unique" mode), in the given notation.
std::string shortest(double v, bool as_float, std::chars_format format) {
  char buf[512];
  std::to_chars_result r = as_float ? std::to_chars(buf, buf + sizeof buf, float(v), format)
                                    : std::to_chars(buf, buf + sizeof buf, v, format);
  return std::string(buf, r.ptr);
}

constexpr int kNumpyPrecision = 8;

void strip_trailing_zeros(std::string &digits) {
  while (!digits.empty() && digits.back() == '0')
    digits.pop_back();
}

// A number split as NumPy's float formatter handles it: int_part "." frac
// [e exp].
struct FloatParts {
  std::string int_part;
  std::string frac;
  int exp = 0;
};

FloatParts split_at_dot(const std::string &s) {
  size_t dot = s.find('.');
  if (dot == std::string::npos)
    return {s, "", 0};
  return {s.substr(0, dot), s.substr(dot + 1), 0};
}

// dragon4_positional(unique=True, precision=8, trim='.'): the shortest
// digits, rounded (on the exact value) to at most 8 decimals.
FloatParts positional_parts(double v, bool as_float) {
  FloatParts p = split_at_dot(shortest(v, as_float, std::chars_format::fixed));
  if (p.frac.size() > size_t(kNumpyPrecision)) {
    p = split_at_dot(printf_double("%.*f", kNumpyPrecision, v));
    strip_trailing_zeros(p.frac);
  }
  return p;
}

// "1.5e+10" -> {"1", "5", 10}.
FloatParts split_scientific(const std::string &s) {
  size_t e = s.find('e');
  FloatParts p = split_at_dot(s.substr(0, e));
  p.exp = std::stoi(s.substr(e + 1));
  return p;
}

// dragon4_scientific(unique=True, precision=8, trim='.').
FloatParts scientific_parts(double v, bool as_float) {
  FloatParts p = split_scientific(shortest(v, as_float, std::chars_format::scientific));
  if (p.frac.size() > size_t(kNumpyPrecision)) {
    p = split_scientific(printf_double("%.*e", kNumpyPrecision, v));
    strip_trailing_zeros(p.frac);
  }
  return p;
}

std::string exponent_digits(int exp) { return std::to_string(exp < 0 ? -exp : exp); }

// numpy's FloatingFormat (floatmode 'maxprec', precision 8, sign '-').
class NumpyFloatFormat {
public:
  NumpyFloatFormat(ScalarType dtype, const std::vector<Scalar> &values)
      : as_float_(dtype == kFloat) {
    std::vector<double> finite;
    bool any_nonfinite = false, neg_inf = false;
    double min_abs = 0, max_abs = 0;
    bool any_nonzero = false;
    for (const Scalar &s : values) {
      double v = s.toDouble();
      if (!std::isfinite(v)) {
        any_nonfinite = true;
        neg_inf = neg_inf || v < 0;
        continue;
      }
      finite.push_back(v);
      if (v != 0) {
        min_abs = any_nonzero ? std::min(min_abs, std::abs(v)) : std::abs(v);
        max_abs = std::max(max_abs, std::abs(v));
        any_nonzero = true;
      }
    }
    exp_mode_ = any_nonzero && (max_abs >= 1.e8 || min_abs < 0.0001 || max_abs / min_abs > 1000.);
    if (!finite.empty()) {
      for (double v : finite) {
        FloatParts p = exp_mode_ ? scientific_parts(v, as_float_) : positional_parts(v, as_float_);
        pad_left_ = std::max(pad_left_, p.int_part.size());
        frac_width_ = std::max(frac_width_, p.frac.size());
        exp_size_ = std::max(exp_size_, std::max<size_t>(2, exponent_digits(p.exp).size()));
      }
      // pad_right counts what follows the decimal point.
      pad_right_ = exp_mode_ ? exp_size_ + 2 + frac_width_ : frac_width_;
    }
    if (any_nonfinite) {
      const size_t offset = pad_right_ + 1;
      const size_t nan_len = 3, inf_len = 3 + (neg_inf ? 1 : 0);
      if (nan_len > offset)
        pad_left_ = std::max(pad_left_, nan_len - offset);
      if (inf_len > offset)
        pad_left_ = std::max(pad_left_, inf_len - offset);
    }
  }

  std::string operator()(double v) const {
    if (!std::isfinite(v)) {
      std::string s = std::isnan(v) ? "nan" : v < 0 ? "-inf" : "inf";
      return pad_left(s, pad_left_ + pad_right_ + 1);
    }
    if (exp_mode_) {
      // Every mantissa gets the widest one's decimals; Dragon4 fills digits
      // past the shortest representation from the exact value, as printf.
      FloatParts p = split_scientific(printf_double("%.*e", int(frac_width_), v));
      std::string exp = exponent_digits(p.exp);
      exp = std::string(exp_size_ - std::min(exp_size_, exp.size()), '0') + exp;
      return pad_left(p.int_part, pad_left_) + "." + p.frac + "e" + (p.exp < 0 ? "-" : "+") + exp;
    }
    FloatParts p = positional_parts(v, as_float_);
    return pad_left(p.int_part, pad_left_) + "." + p.frac +
           std::string(pad_right_ - p.frac.size(), ' ');
  }

private:
  bool as_float_;
  bool exp_mode_ = false;
  size_t pad_left_ = 0, pad_right_ = 0, frac_width_ = 0, exp_size_ = 0;
};

// One element of an NdArray, formatted to its column width.
class NumpyFormatter {
public:
  NumpyFormatter(ScalarType dtype, const std::vector<Scalar> &values)
      : dtype_(dtype), float_format_(dtype, isFloatingType(dtype) ? values : std::vector<Scalar>{}) {
    if (isIntegralType(dtype, false) && !values.empty()) {
      auto [lo, hi] = std::minmax_element(values.begin(), values.end(),
                                          [](const Scalar &a, const Scalar &b) { return a.toLong() < b.toLong(); });
      int_width_ = std::max(std::to_string(lo->toLong()).size(), std::to_string(hi->toLong()).size());
    }
  }

  std::string operator()(const Scalar &v) const {
    if (dtype_ == kBool)
      return v.toBool() ? " True" : "False";
    if (isIntegralType(dtype_, false))
      return pad_left(std::to_string(v.toLong()), int_width_);
    return float_format_(v.toDouble());
  }

private:
  ScalarType dtype_;
  NumpyFloatFormat float_format_;
  size_t int_width_ = 0;
};

constexpr size_t kNumpyLineWidth = 75;

// numpy's _extendLine: wraps before `word` when the line would pass the width,
// unless wrapping cannot help.
void extend_line(std::string &s, std::string &line, const std::string &word, size_t width,
                 const std::string &next_line_prefix) {
  bool wrap = line.size() + word.size() > width && line.size() > next_line_prefix.size();
  if (wrap) {
    size_t end = line.find_last_not_of(' ');
    s += line.substr(0, end == std::string::npos ? 0 : end + 1) + "\n";
    line = next_line_prefix;
  }
  line += word;
}

// numpy's _formatArray recurser, separator ' '.
std::string numpy_str(const Tensor &a, const std::string &hanging_indent, size_t width,
                      bool summarize, const NumpyFormatter &f) {
  if (a.dim() == 0)
    return f(a.item());
  const std::string next_indent = hanging_indent + " ";
  const size_t next_width = width - 1; // room for the closing ']'
  std::vector<int64_t> idx = shown_indices(a.size(0), summarize);
  std::string s;
  if (a.dim() == 1) {
    const size_t elem_width = width - 1;
    std::string line = hanging_indent;
    for (size_t k = 0; k < idx.size(); ++k) {
      std::string word = idx[k] < 0 ? "..." : numpy_str(a.select(0, idx[k]), next_indent, next_width, summarize, f);
      extend_line(s, line, word, elem_width, hanging_indent);
      if (k + 1 < idx.size())
        line += " ";
    }
    s += line;
  } else {
    const std::string line_sep(size_t(a.dim() - 1), '\n');
    for (size_t k = 0; k < idx.size(); ++k) {
      s += hanging_indent;
      s += idx[k] < 0 ? "..." : numpy_str(a.select(0, idx[k]), next_indent, next_width, summarize, f);
      if (k + 1 < idx.size())
        s += line_sep;
    }
  }
  return bracketed(s.substr(hanging_indent.size()));
}

// str() of a NumPy scalar (a 0-d array prints as its element): Python's
// float repr rules, positional for 1e-4 <= |v| < 1e16.
std::string numpy_scalar_str(const Scalar &v, ScalarType dtype) {
  if (dtype == kBool)
    return v.toBool() ? "True" : "False";
  if (isIntegralType(dtype, false))
    return std::to_string(v.toLong());
  double d = v.toDouble();
  if (std::isnan(d))
    return "nan";
  if (std::isinf(d))
    return d < 0 ? "-inf" : "inf";
  const bool as_float = dtype == kFloat;
  double a = std::abs(d);
  if (a == 0 || (a >= 1e-4 && a < 1e16)) {
    std::string s = shortest(d, as_float, std::chars_format::fixed);
    return s.find('.') == std::string::npos ? s + ".0" : s;
  }
  FloatParts p = scientific_parts(d, as_float);
  std::string exp = exponent_digits(p.exp);
  return p.int_part + (p.frac.empty() ? "" : "." + p.frac) + "e" + (p.exp < 0 ? "-" : "+") +
         (exp.size() < 2 ? "0" : "") + exp;
}

} // namespace

std::ostream &operator<<(std::ostream &os, const Tensor &t) {
  if (!t.defined())
    return os << "[ Tensor (undefined) ]";
  detail::alias::Scope scope("operator<<", AG_RETURN_SITE);
  scope.read(t);
  const std::string prefix = "tensor(";
  const int64_t indent = int64_t(prefix.size());
  std::vector<std::string> suffixes;
  std::string body;
  if (t.numel() == 0) {
    // NumPy-like: the shape unless it is (0,), and the dtype unless the
    // default, since no element shows it.
    if (t.dim() != 1)
      suffixes.push_back("size=" + tuple_str(t.sizes()));
    if (t.dtype() != kDefaultFloat)
      suffixes.push_back(std::string("dtype=ag.") + dtypeName(t.dtype()));
    body = "[]";
  } else {
    if (t.dtype() != kDefaultFloat && t.dtype() != kLong && t.dtype() != kBool)
      suffixes.push_back(std::string("dtype=ag.") + dtypeName(t.dtype()));
    const bool summarize = t.numel() > kThreshold;
    std::vector<Scalar> shown;
    collect_shown(t, summarize, shown);
    TorchFormatter formatter(t.dtype(), shown);
    body = torch_str(t, indent, summarize, formatter);
  }
  return os << add_suffixes(prefix + body, suffixes, indent);
}

std::ostream &operator<<(std::ostream &os, const NdArray &a) {
  const Tensor &t = a.tensor_view();
  detail::alias::Scope scope("operator<<", AG_RETURN_SITE);
  scope.read(t);
  if (t.numel() == 0)
    return os << "[]";
  if (t.dim() == 0)
    return os << numpy_scalar_str(t.item(), t.dtype());
  const bool summarize = t.numel() > kThreshold;
  std::vector<Scalar> shown;
  collect_shown(t, summarize, shown);
  NumpyFormatter formatter(t.dtype(), shown);
  return os << numpy_str(t, " ", kNumpyLineWidth, summarize, formatter);
}

} // namespace ag
