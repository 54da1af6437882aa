#include "report.h"

#include "report_kind.h"
#include "suppressions.h"
#include "symbolize.h"

#include <array>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <mutex>
#include <set>
#include <sstream>
#include <string>
#include <unistd.h>

namespace ag::detail::alias {

namespace {

struct Reporter {
  std::mutex mutex; // everything below
  Options options;
  Suppressions suppressions;
  std::FILE *out = stderr;
  std::set<std::string> reported;  // symbolized (kind, alias, write, read)
  std::set<std::string> seen_raw;  // the same before symbolizing
  std::array<size_t, kReportKinds.size()> counts{};
  size_t total = 0;
  size_t suppressed = 0;
  bool exit_hook_installed = false;
};

Reporter &reporter() {
  static Reporter *r = new Reporter; // never destroyed: used by atexit and static destructors
  return *r;
}

void at_exit() {
  Reporter &r = reporter();
  std::lock_guard<std::mutex> lock(r.mutex);
  if (r.total == 0)
    return;
  if (r.options.print_summary) {
    // Kinds in alphabetical order, as the first versions printed them.
    std::set<std::pair<std::string_view, size_t>> by_name;
    for (const ReportKindInfo &k : kReportKinds)
      if (size_t n = r.counts[size_t(k.kind)])
        by_name.emplace(k.name, n);
    std::string parts;
    for (const auto &[name, n] : by_name)
      parts.append(parts.empty() ? "" : ", ").append(std::to_string(n)).append(" ").append(name);
    std::fprintf(r.out, "==%d==aliasguard: %zu distinct report%s (%s)\n", int(getpid()), r.total,
                 r.total == 1 ? "" : "s", parts.c_str());
  }
  std::fflush(r.out);
  if (r.options.exitcode != 0) {
    std::cout.flush();
    std::cerr.flush();
    std::fflush(nullptr);
    std::_Exit(r.options.exitcode);
  }
}

// Applies options (already parsed); false with `error` on a file that
// cannot be used, with nothing changed.
bool apply(Reporter &r, const Options &o, std::string &error) {
  Suppressions suppressions;
  if (!o.suppressions.empty() && !suppressions.load(o.suppressions, error)) {
    error = "cannot use suppressions: " + error;
    return false;
  }
  std::FILE *out = nullptr;
  if (!o.log_path.empty()) {
    std::string path = o.log_path + "." + std::to_string(getpid());
    out = std::fopen(path.c_str(), "w");
    if (!out) {
      error = "cannot open log_path '" + path + "': " + std::strerror(errno);
      return false;
    }
  }
  if (!o.symbolizer_path.empty() && !set_symbolizer_path(o.symbolizer_path, error)) {
    if (out)
      std::fclose(out);
    return false;
  }
  r.options = o;
  if (!o.suppressions.empty())
    r.suppressions = std::move(suppressions);
  if (out) {
    if (r.out != stderr)
      std::fclose(r.out);
    r.out = out;
  }
  if (o.help)
    print_options_help(stderr, o);
  if (!r.exit_hook_installed) {
    std::atexit(at_exit);
    r.exit_hook_installed = true;
  }
  return true;
}

bool is_runtime_path(std::string_view file) {
  return file.find("/include/ag/") != std::string_view::npos ||
         file.find("/runtime/src/") != std::string_view::npos;
}

struct ResolvedSite {
  std::string function, file;
  unsigned line = 0, column = 0;

  std::string where() const {
    std::ostringstream os;
    os << (file.empty() ? "<unknown>" : file);
    if (line) {
      os << ':' << line;
      if (column)
        os << ':' << column;
    }
    if (!function.empty())
      os << " in " << function;
    return os.str();
  }
};

// "void f(ag::Tensor)" / "f(ag::Tensor)" -> "f"; lambdas keep their
// enclosing function's name.
std::string short_function(std::string_view f) {
  int depth = 0;
  size_t name_start = 0;
  for (size_t i = 0; i < f.size(); ++i) {
    char c = f[i];
    if (c == '<')
      ++depth;
    else if (c == '>')
      --depth;
    else if (c == ' ' && depth == 0)
      name_start = i + 1;
    else if (c == '(' && depth == 0) {
      std::string_view name = f.substr(name_start, i - name_start);
      while (!name.empty() && (name.front() == '*' || name.front() == '&'))
        name.remove_prefix(1);
      return std::string(name);
    }
  }
  return std::string(f);
}

ResolvedSite from_frame(const Frame &f) {
  return {short_function(f.function), f.file, f.line, f.column};
}

// The innermost frame in the user's code among `frames`.
const Frame *user_frame(const std::vector<Frame> &frames) {
  for (const Frame &f : frames)
    if (!f.file.empty() && !is_system_path(f.file) && !is_runtime_path(f.file))
      return &f;
  return nullptr;
}

// The user's line of a site: an operator's return address; a named
// function's source_location unless it is in a system header; else the
// first frame of the recorded stack in the user's code (LibTorch's inline
// headers and the standard library's are skipped). Every frame looked at is
// added to `all_frames`, which suppressions match against.
ResolvedSite resolve(const RecordedSite &rs, std::vector<Frame> &all_frames) {
  const Site &s = rs.site;
  if (s.pc) {
    std::vector<Frame> frames = symbolize(s.pc);
    all_frames.insert(all_frames.end(), frames.begin(), frames.end());
    if (const Frame *f = user_frame(frames))
      return from_frame(*f);
    if (!frames.empty())
      return from_frame(frames.front());
    return {};
  }
  ResolvedSite loc{short_function(s.loc.function_name()), s.loc.file_name(),
                   unsigned(s.loc.line()), unsigned(s.loc.column())};
  if (s.has_location() && !is_system_path(loc.file)) {
    all_frames.push_back({loc.function, loc.file, loc.line, loc.column});
    return loc;
  }
  for (const void *pc : rs.stack) {
    if (!pc)
      break;
    std::vector<Frame> frames = symbolize(pc);
    if (const Frame *f = user_frame(frames)) {
      all_frames.push_back(*f);
      return from_frame(*f);
    }
  }
  if (s.has_location()) {
    all_frames.push_back({loc.function, loc.file, loc.line, loc.column});
    return loc;
  }
  if (rs.stack[0]) {
    // No frame with a user file (no debug info): the innermost one.
    std::vector<Frame> frames = symbolize(rs.stack[0]);
    all_frames.insert(all_frames.end(), frames.begin(), frames.end());
    return from_frame(frames.front());
  }
  return {};
}

// The raw bytes of a site before symbolizing: equal bytes print alike. The
// whole stack counts (its first frame may be a LibTorch inline header's,
// shared by every call site).
void append_raw(std::string &key, const RecordedSite &rs) {
  auto add = [&](const auto &value) {
    key.append(reinterpret_cast<const char *>(&value), sizeof value);
  };
  add(rs.site.pc);
  add(rs.site.loc.file_name());
  add(rs.site.loc.line());
  add(rs.site.loc.column());
  for (const void *pc : rs.stack)
    add(pc);
}

std::string how(const Identity &id) { return id.op ? id.op : "?"; }

// The end every report shares, under r.mutex: one report per `key` (its
// symbolized sites), suppressions, counts, the text, then abort or exit as
// the options say.
void publish(Reporter &r, ReportKind kind, const std::string &key,
             const std::vector<Frame> &frames, const std::string &text) {
  if (!r.reported.insert(key).second)
    return;
  if (r.suppressions.matches(kind, frames)) {
    ++r.suppressed;
    return;
  }
  ++r.total;
  ++r.counts[size_t(kind)];
  std::fwrite(text.data(), 1, text.size(), r.out);
  std::fflush(r.out);

  if (r.options.mode == Options::Mode::Abort) {
    std::fflush(nullptr);
    std::abort();
  }
  if (r.options.halt_on_error) {
    std::cout.flush();
    std::fflush(nullptr);
    std::_Exit(r.options.exitcode ? r.options.exitcode : 1);
  }
}

} // namespace

bool is_system_path(std::string_view file) {
  return file.starts_with("/usr/include/") || file.starts_with("/usr/lib/gcc/") ||
         file.find("/include/c++/") != std::string_view::npos;
}

void fatal_error(const std::string &message) {
  std::fprintf(stderr, "==%d==ERROR: aliasguard: %s\n", int(getpid()), message.c_str());
  std::fflush(stderr);
  std::_Exit(1);
}

Options configure_from_environment() {
  static std::once_flag once;
  std::call_once(once, [] {
    Reporter &r = reporter();
    Options o;
    if (const char *env = std::getenv("AG_ALIAS_OPTIONS")) {
      std::string error;
      if (!parse_options(env, o, error))
        fatal_error("AG_ALIAS_OPTIONS: " + error);
    }
    std::lock_guard<std::mutex> lock(r.mutex);
    std::string error;
    if (!apply(r, o, error))
      fatal_error(error);
  });
  return current_options();
}

bool configure(const Options &options, std::string &error) {
  Reporter &r = reporter();
  std::lock_guard<std::mutex> lock(r.mutex);
  return apply(r, options, error);
}

Options current_options() {
  Reporter &r = reporter();
  std::lock_guard<std::mutex> lock(r.mutex);
  return r.options;
}

size_t report_count() {
  Reporter &r = reporter();
  std::lock_guard<std::mutex> lock(r.mutex);
  return r.total;
}

void report(const StaleRead &c) {
  // A lost write was meant for the handle the copy was made of, or a copy of
  // that handle. A reader related to it only through a view op never expected
  // it: `packed = weight.t().contiguous(); packed.mul_(0.5); read(weight)`
  // (the copy's source was a temporary view of weight).
  if (c.write.lost && c.relation.via_view)
    return;
  Reporter &r = reporter();
  const Identity &edge = *c.relation.edge;
  {
    // Loops repeat the same report: drop it before symbolizing.
    std::string raw;
    append_raw(raw, c.read_site);
    append_raw(raw, c.write.site);
    append_raw(raw, edge.made);
    std::lock_guard<std::mutex> lock(r.mutex);
    if (!r.seen_raw.insert(std::move(raw)).second)
      return;
  }

  std::vector<Frame> frames;
  ResolvedSite read = resolve(c.read_site, frames);
  ResolvedSite write = resolve(c.write.site, frames);
  ResolvedSite made = resolve(edge.made, frames);
  ResolvedSite other_made;
  if (c.relation.other_edge)
    other_made = resolve(c.relation.other_edge->made, frames);

  // The kind, from how the two handles are related (docs/dynamic.md).
  ReportKind kind;
  const Site &made_site = edge.made.site;
  if (c.write.lost)
    kind = ReportKind::LostWrite;
  else if (c.relation.via_view)
    kind = ReportKind::ViewMutation;
  else if (!made_site.pc && made_site.has_location() && is_system_path(made_site.loc.file_name()))
    kind = ReportKind::InplaceReadLater;
  else if (edge.id == c.write.writer.id && !made.function.empty() &&
           made.function != write.function && made.function == read.function) {
    // A copy made in the reading function and written in another one: a
    // by-value parameter written by its callee. A callee whose name ends in
    // '_' writes its argument by convention (as the static check agrees).
    if (!write.function.empty() && write.function.back() == '_')
      return;
    kind = ReportKind::ParamMutation;
  } else
    kind = ReportKind::AssignInsteadOfClone;

  std::lock_guard<std::mutex> lock(r.mutex);
  if (kind == ReportKind::ViewMutation && !r.options.report_views)
    return;
  std::string name(kind_name(kind));
  std::string key = name + "|" + made.where() + "|" + write.where() + "|" + read.where();
  std::ostringstream os;
  os << "==" << int(getpid()) << "==WARNING: aliasguard: " << name << ": "
     << kind_info(kind).description << "\n";
  os << "    READ by '" << c.read_op << "' through handle #" << c.reader.id << " at "
     << read.where() << "\n";
  os << "    WRITE by '" << (c.write.op ? c.write.op : "?") << "' through handle #"
     << c.write.writer.id << " at " << write.where() << "\n";
  os << "    ALIAS handle #" << edge.id << " made by '" << how(edge) << "' of handle #"
     << edge.ancestors[0].id << " at " << made.where() << "\n";
  if (const Identity *other = c.relation.other_edge)
    os << "    ALIAS handle #" << other->id << " made by '" << how(*other) << "' of handle #"
       << other->ancestors[0].id << " at " << other_made.where() << "\n";
  os << "    STORAGE " << c.dtype << " " << c.shape << " as read, version " << c.version
     << " (handle #" << c.reader.id << " last saw version " << c.reader_seen << ")\n";
  os << "SUMMARY: aliasguard: " << name << " " << read.where() << "\n";
  publish(r, kind, key, frames, os.str());
}

std::string dims(std::span<const int64_t> values) {
  std::string s = "[";
  for (size_t i = 0; i < values.size(); ++i)
    s += (i ? ", " : "") + std::to_string(values[i]);
  return s + "]";
}

namespace {
std::string geometry_text(const Geometry &g) {
  return dims(g.sizes) + " strides " + dims(g.strides) + " offset " + std::to_string(g.offset);
}
} // namespace

OverlappingWrite overlapping_write(const char *op, const RecordedSite &site, std::string dtype,
                                   const Geometry &out, const Geometry &in,
                                   const OtherPositions &found) {
  OverlappingWrite w;
  w.op = op;
  w.site = site;
  w.dtype = std::move(dtype);
  w.written = geometry_text(out);
  w.operand = geometry_text(in);
  w.count = found.count;
  w.numel = 1;
  for (int64_t s : out.sizes)
    w.numel *= s;
  w.read_at = dims(unravel(found.read_at, out.sizes));
  w.written_at = dims(unravel(found.written_at, out.sizes));
  return w;
}

void report(const OverlappingWrite &w) {
  Reporter &r = reporter();
  {
    std::string raw;
    append_raw(raw, w.site);
    std::lock_guard<std::mutex> lock(r.mutex);
    if (!r.seen_raw.insert("overlap|" + raw).second)
      return;
  }
  std::vector<Frame> frames;
  ResolvedSite write = resolve(w.site, frames);
  const ReportKind kind = ReportKind::OverlappingInplace;
  std::string name(kind_name(kind));
  std::ostringstream os;
  os << "==" << int(getpid()) << "==WARNING: aliasguard: " << name << ": "
     << kind_info(kind).description << "\n";
  os << "    WRITE by '" << (w.op ? w.op : "?") << "' at " << write.where() << "\n";
  os << "    WRITTEN " << w.dtype << " " << w.written << "\n";
  os << "    OPERAND " << w.dtype << " " << w.operand << ": " << w.count << " of " << w.numel
     << " positions read an element written at another position (position " << w.read_at
     << " reads the element written at position " << w.written_at << ")\n";
  os << "SUMMARY: aliasguard: " << name << " " << write.where() << "\n";
  std::lock_guard<std::mutex> lock(r.mutex);
  publish(r, kind, name + "|" + write.where(), frames, os.str());
}

} // namespace ag::detail::alias
