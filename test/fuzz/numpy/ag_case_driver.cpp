// Interpreter for the NumPy differential fuzzer (numpy_fuzz.py): reads cases
// in a line-based text format from stdin, runs each step on the ag runtime,
// and prints what NumPy's side of the comparison needs (layout, values,
// version counters, which tensors share storage). One process runs many
// cases, so no case costs a compile.
//
// Input (one step per line, tokens separated by blanks):
//   case <id>
//   <step>                 see run_step() for the grammar of each step
//   end
// Output:
//   case <id>
//   step <k> ok | step <k> error <ag::Error text> | step <k> missing <var>
//   var <name> <dtype> <ndim> <sizes...> <strides...> <offset> <contiguous>
//       <version> <group> <numel> <values...>
//   done <id>
// A step whose result is a tensor prints its `var` line after `ok`; `end`
// prints every live tensor again (in-place steps change earlier views).
// <group> is the first-created live tensor that is_alias_of this one.
//
// Only ag::Error is an expected failure. Any other exception is reported as
// `step <k> crash ...` and makes the process exit with status 3 at the end;
// malformed input exits with status 2.
#include <ag/ag.h>

#include <cinttypes>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

using ag::Scalar;
using ag::ScalarType;
using ag::Tensor;
using ag::indexing::TensorIndex;

// Malformed driver input: a bug in the generator, not in ag.
struct BadInput : std::runtime_error {
  using std::runtime_error::runtime_error;
};

int64_t parse_int(const std::string &t) {
  try {
    size_t used = 0;
    int64_t v = std::stoll(t, &used);
    if (used == t.size())
      return v;
  } catch (const std::exception &) {
  }
  throw BadInput("bad integer '" + t + "'");
}

double parse_double(const std::string &t) {
  try {
    size_t used = 0;
    double v = std::stod(t, &used);
    if (used == t.size())
      return v;
  } catch (const std::exception &) {
  }
  throw BadInput("bad number '" + t + "'");
}

// Calls f with a value of the C++ type of dtype.
template <typename F> void dispatch(ScalarType dtype, F &&f) {
  switch (dtype) {
  case ag::kBool: return f(bool());
  case ag::kInt32: return f(int32_t());
  case ag::kInt64: return f(int64_t());
  case ag::kFloat32: return f(float());
  case ag::kFloat64: return f(double());
  }
}

class Tokens {
public:
  explicit Tokens(const std::string &line) {
    std::istringstream in(line);
    std::string tok;
    while (in >> tok)
      toks_.push_back(tok);
  }
  bool done() const { return pos_ >= toks_.size(); }
  const std::string &next() {
    if (done())
      throw BadInput("unexpected end of line");
    return toks_[pos_++];
  }
  int64_t integer() { return parse_int(next()); }
  std::optional<int64_t> optional_integer() {
    if (!done() && toks_[pos_] == "n") {
      ++pos_;
      return std::nullopt;
    }
    return integer();
  }
  std::vector<int64_t> int_list() {
    int64_t n = integer();
    std::vector<int64_t> v;
    for (int64_t i = 0; i < n; ++i)
      v.push_back(integer());
    return v;
  }

private:
  std::vector<std::string> toks_;
  size_t pos_ = 0;
};

ScalarType parse_dtype(const std::string &s) {
  if (s == "bool") return ag::kBool;
  if (s == "int32") return ag::kInt32;
  if (s == "int64") return ag::kInt64;
  if (s == "float32") return ag::kFloat32;
  if (s == "float64") return ag::kFloat64;
  throw BadInput("bad dtype '" + s + "'");
}

// i:<int>, f:<double> or b:<0|1>.
Scalar parse_scalar(const std::string &s) {
  if (s.size() < 3 || s[1] != ':')
    throw BadInput("bad scalar '" + s + "'");
  std::string v = s.substr(2);
  switch (s[0]) {
  case 'i': return Scalar(parse_int(v));
  case 'f': return Scalar(parse_double(v));
  case 'b': return Scalar(v == "1");
  }
  throw BadInput("bad scalar '" + s + "'");
}

// I <int> | S <start|n> <stop|n> <step|n> | N | E, preceded by their count.
std::vector<TensorIndex> parse_indices(Tokens &t) {
  int64_t n = t.integer();
  std::vector<TensorIndex> out;
  for (int64_t i = 0; i < n; ++i) {
    const std::string &kind = t.next();
    if (kind == "I") {
      out.emplace_back(t.integer());
    } else if (kind == "S") {
      auto start = t.optional_integer();
      auto stop = t.optional_integer();
      auto step = t.optional_integer();
      out.emplace_back(ag::indexing::Slice(start, stop, step));
    } else if (kind == "N") {
      out.emplace_back(ag::indexing::None);
    } else if (kind == "E") {
      out.emplace_back(ag::indexing::Ellipsis);
    } else {
      throw BadInput("bad index kind '" + kind + "'");
    }
  }
  return out;
}

template <typename T> void print_value(std::ostream &os, T v) {
  if constexpr (std::is_same_v<T, bool>) {
    os << (v ? 1 : 0);
  } else if constexpr (std::is_integral_v<T>) {
    os << int64_t(v);
  } else {
    if (std::isnan(v)) {
      os << "nan";
    } else if (std::isinf(v)) {
      os << (v > 0 ? "inf" : "-inf");
    } else {
      char buf[64];
      std::snprintf(buf, sizeof buf, "%.*g", std::is_same_v<T, float> ? 9 : 17, double(v));
      os << buf;
    }
  }
}

// Walks t's elements in row-major order through its own sizes and strides.
template <typename T> void print_values(std::ostream &os, const Tensor &t) {
  const T *base = t.data_ptr<T>();
  const int64_t n = t.dim();
  if (t.numel() == 0)
    return;
  std::vector<int64_t> idx(size_t(n), 0);
  for (;;) {
    int64_t off = 0;
    for (int64_t d = 0; d < n; ++d)
      off += idx[size_t(d)] * t.stride(d);
    os << ' ';
    print_value(os, base[off]);
    int64_t d = n - 1;
    for (; d >= 0; --d) {
      if (++idx[size_t(d)] < t.size(d))
        break;
      idx[size_t(d)] = 0;
    }
    if (d < 0)
      return;
  }
}

class Interpreter {
public:
  void begin(const std::string &id) {
    vars_.clear();
    order_.clear();
    std::cout << "case " << id << '\n';
  }

  void finish(const std::string &id) {
    for (const std::string &name : order_)
      if (vars_.count(name))
        print_var(name);
    std::cout << "done " << id << '\n';
  }

  // Runs one step; returns false when it hit something other than ag::Error.
  bool step(int k, const std::string &line) {
    Tokens t(line);
    std::string result;
    try {
      result = run_step(t);
    } catch (const Missing &m) {
      std::cout << "step " << k << " missing " << m.name << '\n';
      return true;
    } catch (const BadInput &) {
      throw;
    } catch (const ag::Error &e) {
      std::string msg = e.what();
      for (char &c : msg)
        if (c == '\n')
          c = ' ';
      std::cout << "step " << k << " error " << msg << '\n';
      return true;
    } catch (const std::exception &e) {
      std::cout << "step " << k << " crash exception that is not an ag::Error: " << e.what() << '\n';
      return false;
    } catch (...) {
      std::cout << "step " << k << " crash unknown exception\n";
      return false;
    }
    std::cout << "step " << k << " ok\n";
    if (!result.empty())
      print_var(result);
    return true;
  }

private:
  struct Missing {
    std::string name;
  };

  const Tensor &get(const std::string &name) {
    auto it = vars_.find(name);
    if (it == vars_.end())
      throw Missing{name};
    return it->second;
  }

  void set(const std::string &name, Tensor t) {
    if (!vars_.count(name))
      order_.push_back(name);
    vars_[name] = std::move(t);
  }

  Tensor create(Tokens &t) {
    ScalarType dtype = parse_dtype(t.next());
    std::vector<int64_t> sizes = t.int_list();
    Tensor out = ag::empty(sizes, dtype);
    dispatch(dtype, [&](auto tag) {
      using T = decltype(tag);
      T *p = out.data_ptr<T>();
      for (int64_t i = 0; i < out.numel(); ++i) {
        const std::string &v = t.next();
        if constexpr (std::is_floating_point_v<T>)
          p[i] = T(parse_double(v));
        else
          p[i] = T(parse_int(v));
      }
    });
    return out;
  }

  static Tensor binary(const std::string &op, const Tensor &a, const Tensor &b, const Scalar &alpha) {
    if (op == "add") return a.add(b, alpha);
    if (op == "sub") return a.sub(b, alpha);
    if (op == "mul") return a * b;
    if (op == "div") return a / b;
    throw BadInput("bad binary op '" + op + "'");
  }
  static Tensor binary(const std::string &op, const Tensor &a, const Scalar &b, const Scalar &alpha) {
    if (op == "add") return a.add(b, alpha);
    if (op == "sub") return a.sub(b, alpha);
    if (op == "mul") return a * b;
    if (op == "div") return a / b;
    throw BadInput("bad binary op '" + op + "'");
  }
  static Tensor rbinary(const std::string &op, const Scalar &a, const Tensor &b) {
    if (op == "add") return a + b;
    if (op == "sub") return a - b;
    if (op == "mul") return a * b;
    if (op == "div") return a / b;
    throw BadInput("bad binary op '" + op + "'");
  }
  template <typename Other>
  static void inplace(const std::string &op, const Tensor &self, const Other &b, const Scalar &alpha) {
    if (op == "add") self.add_(b, alpha);
    else if (op == "sub") self.sub_(b, alpha);
    else if (op == "mul") self.mul_(b);
    else if (op == "div") self.div_(b);
    else throw BadInput("bad in-place op '" + op + "'");
  }

  // Returns the name of the tensor the step defined, or "" for a write.
  std::string run_step(Tokens &t) {
    const std::string op = t.next();
    if (op == "new") {
      std::string d = t.next();
      set(d, create(t));
      return d;
    }
    // In-place steps: <op> <self> ...
    if (op == "inplace" || op == "inplace_scalar") {
      std::string which = t.next();
      const Tensor &self = get(t.next());
      if (op == "inplace") {
        const Tensor &other = get(t.next());
        inplace(which, self, other, parse_scalar(t.next()));
      } else {
        Scalar other = parse_scalar(t.next());
        inplace(which, self, other, parse_scalar(t.next()));
      }
      return "";
    }
    if (op == "fill") {
      get(t.next()).fill_(parse_scalar(t.next()));
      return "";
    }
    if (op == "zero") {
      get(t.next()).zero_();
      return "";
    }
    if (op == "copy") {
      const Tensor &self = get(t.next());
      self.copy_(get(t.next()));
      return "";
    }
    if (op == "index_put") {
      const Tensor &self = get(t.next());
      std::vector<TensorIndex> idx = parse_indices(t);
      const std::string kind = t.next();
      if (kind == "T")
        self.index_put_(idx, get(t.next()));
      else
        self.index_put_(idx, parse_scalar(t.next()));
      return "";
    }
    if (op == "setitem") {
      const Tensor &self = get(t.next());
      int64_t i = t.integer();
      const std::string kind = t.next();
      if (kind == "T")
        self[i] = get(t.next());
      else
        self[i] = parse_scalar(t.next());
      return "";
    }
    // Steps defining a tensor: <op> <dst> ...
    const std::string dst = t.next();
    Tensor out;
    if (op == "binary") {
      std::string which = t.next();
      const Tensor &a = get(t.next());
      const Tensor &b = get(t.next());
      out = binary(which, a, b, parse_scalar(t.next()));
    } else if (op == "binary_scalar") {
      std::string which = t.next();
      const Tensor &a = get(t.next());
      Scalar b = parse_scalar(t.next());
      out = binary(which, a, b, parse_scalar(t.next()));
    } else if (op == "rbinary_scalar") {
      std::string which = t.next();
      Scalar a = parse_scalar(t.next());
      out = rbinary(which, a, get(t.next()));
    } else {
      const Tensor &s = get(t.next());
      if (op == "view") out = s.view(t.int_list());
      else if (op == "reshape") out = s.reshape(t.int_list());
      else if (op == "flatten") {
        int64_t a = t.integer();
        out = s.flatten(a, t.integer());
      } else if (op == "squeeze") out = s.squeeze();
      else if (op == "squeeze_dim") out = s.squeeze(t.integer());
      else if (op == "unsqueeze") out = s.unsqueeze(t.integer());
      else if (op == "permute") out = s.permute(t.int_list());
      else if (op == "transpose") {
        int64_t a = t.integer();
        out = s.transpose(a, t.integer());
      } else if (op == "t") out = s.t();
      else if (op == "expand") out = s.expand(t.int_list());
      else if (op == "slice") {
        int64_t dim = t.integer();
        auto start = t.optional_integer();
        auto end = t.optional_integer();
        out = s.slice(dim, start, end, t.integer());
      } else if (op == "narrow") {
        int64_t dim = t.integer();
        int64_t start = t.integer();
        out = s.narrow(dim, start, t.integer());
      } else if (op == "select") {
        int64_t dim = t.integer();
        out = s.select(dim, t.integer());
      } else if (op == "at") out = s[t.integer()];
      else if (op == "index") out = s.index(parse_indices(t));
      else if (op == "contiguous") out = s.contiguous();
      else if (op == "clone") out = s.clone();
      else if (op == "detach") out = s.detach();
      else if (op == "to") out = s.to(parse_dtype(t.next()));
      else throw BadInput("unknown step '" + op + "'");
    }
    if (!t.done())
      throw BadInput("trailing tokens in step '" + op + "'");
    set(dst, std::move(out));
    return dst;
  }

  void print_var(const std::string &name) {
    const Tensor &t = vars_.at(name);
    std::ostream &os = std::cout;
    os << "var " << name << ' ' << ag::dtypeName(t.dtype()) << ' ' << t.dim();
    for (int64_t s : t.sizes())
      os << ' ' << s;
    for (int64_t s : t.strides())
      os << ' ' << s;
    std::string group;
    for (const std::string &other : order_) {
      auto it = vars_.find(other);
      if (it != vars_.end() && it->second.is_alias_of(t)) {
        group = other;
        break;
      }
    }
    os << ' ' << t.storage_offset() << ' ' << (t.is_contiguous() ? 1 : 0) << ' ' << t._version()
       << ' ' << group << ' ' << t.numel();
    dispatch(t.dtype(), [&](auto tag) { print_values<decltype(tag)>(os, t); });
    os << '\n';
  }

  std::map<std::string, Tensor> vars_;
  std::vector<std::string> order_;
};

} // namespace

int main() {
  std::ios::sync_with_stdio(false);
  Interpreter interp;
  std::string line, id;
  int k = 0;
  bool clean = true, in_case = false;
  try {
    while (std::getline(std::cin, line)) {
      if (line.empty() || line[0] == '#')
        continue;
      if (line.rfind("case ", 0) == 0) {
        id = line.substr(5);
        interp.begin(id);
        k = 0;
        in_case = true;
      } else if (line == "end") {
        if (!in_case)
          throw BadInput("'end' outside a case");
        interp.finish(id);
        in_case = false;
        std::cout.flush();
      } else {
        if (!in_case)
          throw BadInput("step outside a case");
        clean &= interp.step(k++, line);
      }
    }
  } catch (const BadInput &e) {
    std::cout.flush();
    std::cerr << "ag_case_driver: malformed input in case " << id << " step " << k << ": " << e.what()
              << '\n';
    return 2;
  }
  std::cout.flush();
  return clean ? 0 : 3;
}
