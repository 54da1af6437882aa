// The checked runtime: handle records, storage records, the staleness check
// and the reports (docs/dynamic.md).
//
// A handle gets a record when it is first aliased: a copy or view gets one at
// creation, and its source gets one then if it has none (until then it was
// the only handle of its storage). A record holds the storage version the
// handle last saw (made, or wrote), its creation (copy/view, op, site) and the
// ids of its nearest ancestors. The storage's record holds the live handles
// and the last write. A read through handle A whose seen version is not the
// storage's version was preceded by a write through another handle W; it is
// reported when the ancestors prove how A and W are related (one made from
// the other, or both from a common handle). Otherwise it is not: every report
// must name the alias.
#include "alias/tracker.h"

#include "alias/options.h"
#include "alias/suppressions.h"
#include "alias/symbolize.h"
#include "ag/alias.h"
#include "ag/ndarray.h"

#include <array>
#include <tuple>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <sstream>
#include <string>
#include <unistd.h>
#include <unordered_map>
#include <vector>

namespace ag::detail {

enum class Origin : uint8_t { Fresh, Copy, View };

// A site with, for copies made inside library code (std::vector, std::tuple),
// the return addresses that lead back to the user's code.
struct RecordedSite {
  alias::Site site;
  std::array<const void *, 8> stack{};
};

struct Ancestor {
  uint64_t id = 0;
  bool via_view = false; // a view op lies between the handle and this ancestor
};

constexpr size_t kMaxAncestors = 8;

// What a report needs to know about a handle, also after it died.
struct Identity {
  uint64_t id = 0;
  Origin origin = Origin::Fresh;
  const char *op = nullptr; // the copy/view op that made it
  RecordedSite made;
  std::array<Ancestor, kMaxAncestors> ancestors{};
  uint8_t ancestor_count = 0;
  uint64_t intent_group = 0; // ag::alias::shared

  // The index of `id` among the ancestors, or -1.
  int find(uint64_t other) const {
    for (int i = 0; i < ancestor_count; ++i)
      if (ancestors[size_t(i)].id == other)
        return i;
    return -1;
  }
};

struct HandleTrack {
  Identity ident;
  StorageTrack *storage = nullptr;
  std::atomic<uint64_t> seen{0};
};

// The bytes of the storage a tensor spans (a bounding interval: two
// interleaved columns count as overlapping).
struct ByteRange {
  int64_t lo = 0, hi = 0;
  bool overlaps(const ByteRange &o) const { return lo < o.hi && o.lo < hi; }
};

ByteRange byte_range(const TensorImpl &t) {
  if (t.numel == 0)
    return {};
  int64_t last = t.offset;
  for (size_t d = 0; d < t.sizes.size(); ++d)
    last += (t.sizes[d] - 1) * t.strides[d];
  int64_t es = int64_t(elementSize(t.dtype));
  return {t.offset * es, (last + 1) * es};
}

struct WriteRecord {
  bool valid = false;
  bool known_writer = false; // false: written through an untracked handle
  Identity writer;
  const char *op = nullptr;
  alias::Site site;
  uint64_t version = 0; // the storage's version after the write
  ByteRange range;
};

// The last writes of a storage: a read is checked against the writes since
// the reader last saw the storage that overlap what it reads.
constexpr size_t kWriteHistory = 8;

struct StorageTrack {
  StorageImpl *storage = nullptr;
  std::mutex mutex;
  std::unordered_map<uint64_t, HandleTrack *> live;
  std::array<WriteRecord, kWriteHistory> writes;
  size_t next_write = 0;
};

namespace alias {

bool g_checking = false;

void start_checked_runtime();

namespace {

std::atomic<uint64_t> g_next_id{1};
std::atomic<uint64_t> g_next_group{1};
thread_local int t_depth = 0;
thread_local int t_allow = 0;

// ---------------------------------------------------------------- options

// A site as recorded, before symbolizing: equal raw sites print alike.
using RawSite = std::tuple<const void *, const char *, unsigned, unsigned, const void *>;

RawSite raw_site(const Site &s, const void *first_stack_pc = nullptr) {
  return {s.pc, s.loc.file_name(), s.loc.line(), s.loc.column(), first_stack_pc};
}

struct Runtime {
  std::mutex mutex; // options, output, dedup, counts
  Options options;
  Suppressions suppressions;
  std::FILE *out = stderr;
  std::set<std::string> reported;
  std::set<std::array<RawSite, 3>> seen_raw; // (read, write, alias) before symbolizing
  std::map<std::string, size_t> counts;
  size_t total = 0;
  size_t suppressed = 0;
  bool exit_hook_installed = false;
};

Runtime &runtime() {
  static Runtime *r = new Runtime; // never destroyed: used by atexit and static destructors
  return *r;
}

[[noreturn]] void option_error(const std::string &message) {
  std::fprintf(stderr, "==%d==ERROR: aliasguard: %s\n", int(getpid()), message.c_str());
  std::fflush(stderr);
  std::_Exit(1);
}

void at_exit() {
  Runtime &r = runtime();
  std::lock_guard<std::mutex> lock(r.mutex);
  if (r.total == 0)
    return;
  if (r.options.print_summary) {
    std::string parts;
    for (const auto &[kind, n] : r.counts)
      parts += (parts.empty() ? "" : ", ") + std::to_string(n) + " " + kind;
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

// Applies options (already parsed) to the runtime; errors end the process,
// as a sanitizer's bad options do.
void apply(Runtime &r, const Options &o) {
  r.options = o;
  if (!o.suppressions.empty()) {
    std::string error;
    Suppressions s;
    if (!s.load(o.suppressions, error))
      option_error("cannot use suppressions: " + error);
    r.suppressions = std::move(s);
  }
  if (!o.log_path.empty()) {
    std::string path = o.log_path + "." + std::to_string(getpid());
    std::FILE *f = std::fopen(path.c_str(), "w");
    if (!f)
      option_error("cannot open log_path '" + path + "': " + std::strerror(errno));
    if (r.out != stderr)
      std::fclose(r.out);
    r.out = f;
  }
  if (!o.symbolizer_path.empty()) {
    std::string error;
    if (!set_symbolizer_path(o.symbolizer_path, error))
      option_error(error);
  }
  if (!r.exit_hook_installed) {
    std::atexit(at_exit);
    r.exit_hook_installed = true;
  }
  g_checking = o.enabled;
}

// AG_ALIAS_OPTIONS turns checking on before main().
struct EnvStartup {
  EnvStartup() {
    if (std::getenv("AG_ALIAS_OPTIONS"))
      start_checked_runtime();
  }
} g_env_startup;

// ------------------------------------------------------------ records

bool is_system_path(std::string_view file) {
  return file.starts_with("/usr/include/") || file.starts_with("/usr/lib/gcc/") ||
         file.find("/include/c++/") != std::string_view::npos;
}

bool is_runtime_path(std::string_view file) {
  return file.find("/include/ag/") != std::string_view::npos ||
         file.find("/runtime/src/") != std::string_view::npos;
}

RecordedSite record_site(const Site &site) {
  RecordedSite r{site, {}};
  // A copy made by library code: keep the stack to find the user's line.
  if (!site.pc && site.loc.file_name() && is_system_path(site.loc.file_name())) {
    std::vector<const void *> stack = capture_stack(2, int(r.stack.size()));
    for (size_t i = 0; i < stack.size() && i < r.stack.size(); ++i)
      r.stack[i] = stack[i];
  }
  return r;
}

StorageTrack *storage_track(StorageImpl &storage) {
  std::atomic<StorageTrack *> &slot = storage.alias_track();
  StorageTrack *track = slot.load(std::memory_order_acquire);
  if (track)
    return track;
  auto fresh = std::make_unique<StorageTrack>();
  fresh->storage = &storage;
  if (slot.compare_exchange_strong(track, fresh.get(), std::memory_order_acq_rel))
    return fresh.release();
  return track;
}

// Registers a new record (caller holds no lock).
HandleTrack *new_record(StorageTrack *st, Identity ident) {
  auto *rec = new HandleTrack;
  rec->ident = std::move(ident);
  rec->storage = st;
  std::lock_guard<std::mutex> lock(st->mutex);
  rec->seen.store(st->storage->version(), std::memory_order_relaxed);
  st->live.emplace(rec->ident.id, rec);
  return rec;
}

// The record of `t`, made now if t has none (t was its storage's only handle).
HandleTrack *record_of(const Tensor &t) {
  if (HandleTrack *rec = t.alias_track())
    return rec;
  StorageTrack *st = storage_track(*t.impl().storage);
  Identity ident;
  ident.id = g_next_id.fetch_add(1, std::memory_order_relaxed);
  HandleTrack *rec = new_record(st, std::move(ident));
  // Another thread may be recording the same handle: the first one wins.
  HandleTrack *expected = nullptr;
  std::atomic_ref<HandleTrack *> ref(t.alias_track_slot());
  if (ref.compare_exchange_strong(expected, rec))
    return rec;
  release(rec);
  return expected;
}

// A record for `made`, derived from `parent` by `op`.
HandleTrack *derive(const Tensor &parent, Origin origin, const char *op, const Site &site) {
  HandleTrack *p = record_of(parent);
  Identity ident;
  ident.id = g_next_id.fetch_add(1, std::memory_order_relaxed);
  ident.origin = origin;
  ident.op = op;
  ident.made = record_site(site);
  ident.intent_group = p->ident.intent_group;
  bool view = origin == Origin::View;
  ident.ancestors[0] = {p->ident.id, view};
  ident.ancestor_count = 1;
  for (uint8_t i = 0; i < p->ident.ancestor_count && ident.ancestor_count < kMaxAncestors; ++i) {
    const Ancestor &a = p->ident.ancestors[i];
    ident.ancestors[ident.ancestor_count++] = {a.id, a.via_view || view};
  }
  return new_record(p->storage, std::move(ident));
}

} // namespace

// Start-up with AG_ALIAS_OPTIONS over the defaults; once per process, from
// whichever start-up object runs first.
void start_checked_runtime() {
  static std::once_flag once;
  std::call_once(once, [] {
    Runtime &r = runtime();
    Options o = r.options;
    if (const char *env = std::getenv("AG_ALIAS_OPTIONS")) {
      std::string error;
      if (!parse_options(env, o, error))
        option_error("AG_ALIAS_OPTIONS: " + error);
    }
    std::lock_guard<std::mutex> lock(r.mutex);
    apply(r, o);
  });
}

// ------------------------------------------------------------ hooks

HandleTrack *track_copy(const Tensor &src, const CallSite &site) {
  if (t_depth > 0 || !src.defined())
    return nullptr;
  return derive(src, Origin::Copy, "copy", Site(site));
}

HandleTrack *track_copy_at(const Tensor &src, const void *pc) {
  if (t_depth > 0 || !src.defined())
    return nullptr;
  return derive(src, Origin::Copy, "operator=", Site(pc));
}

void release(HandleTrack *rec) noexcept {
  StorageTrack *st = rec->storage;
  {
    std::lock_guard<std::mutex> lock(st->mutex);
    st->live.erase(rec->ident.id);
    // A view that dies: its writes were its base's own writes
    // (x.narrow(0, 0, 2).fill_(0), x[0] = 1, a scoped row view).
    if (rec->ident.origin == Origin::View) {
      auto base = st->live.find(rec->ident.ancestors[0].id);
      if (base != st->live.end())
        for (WriteRecord &w : st->writes)
          if (w.valid && w.known_writer && w.writer.id == rec->ident.id)
            w.writer = base->second->ident;
    }
  }
  delete rec;
}

void rebind(const Tensor &dst, const Tensor &src, const void *pc) {
  Tensor &d = const_cast<Tensor &>(dst);
  if (&dst == &src)
    return;
  d = Tensor(src.impl_ptr());
  if (checking())
    d.set_alias_track(track_copy_at(src, pc));
}

void Scope::enter(const char *op, const Site &site) {
  entered_ = true;
  active_ = t_depth++ == 0;
  op_ = op;
  site_ = site;
}

void Scope::leave() { --t_depth; }

namespace {
bool same_site(const Site &a, const Site &b) {
  return a.pc == b.pc && a.loc.file_name() == b.loc.file_name() && a.loc.line() == b.loc.line() &&
         a.loc.column() == b.loc.column();
}
} // namespace

void Scope::on_write(const Tensor &t) const {
  if (!t.defined())
    return;
  StorageImpl &storage = *t.impl().storage;
  HandleTrack *rec = t.alias_track();
  StorageTrack *st = rec ? rec->storage : storage.alias_track().load(std::memory_order_acquire);
  if (!st)
    return; // the storage has one handle: nothing to report later
  ByteRange range = byte_range(t.impl());
  std::lock_guard<std::mutex> lock(st->mutex);
  // The same handle writing the same bytes at the same site again (a loop):
  // the record stays, with the new version.
  if (rec && st->next_write > 0) {
    WriteRecord &prev = st->writes[(st->next_write - 1) % kWriteHistory];
    if (prev.valid && prev.known_writer && prev.writer.id == rec->ident.id && prev.op == op_ &&
        same_site(prev.site, site_) && prev.range.lo == range.lo && prev.range.hi == range.hi) {
      prev.version = storage.version();
      rec->seen.store(prev.version, std::memory_order_relaxed);
      return;
    }
  }
  WriteRecord &w = st->writes[st->next_write++ % kWriteHistory];
  w.valid = true;
  w.range = range;
  w.known_writer = rec != nullptr;
  if (rec)
    w.writer = rec->ident;
  w.op = op_;
  w.site = site_;
  w.version = storage.version();
  if (rec)
    rec->seen.store(w.version, std::memory_order_relaxed);
}

void Scope::on_result(const Tensor &base, const Tensor &r) const {
  if (!base.defined() || !r.defined() || r.alias_track())
    return;
  if (r.impl().storage != base.impl().storage)
    return; // a new tensor
  r.set_alias_track(derive(base, Origin::View, op_, site_));
}

// ------------------------------------------------------------ reports

namespace {

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
  ResolvedSite r{short_function(s.loc.function_name()), s.loc.file_name(), unsigned(s.loc.line()),
                 unsigned(s.loc.column())};
  if (is_system_path(r.file)) {
    for (const void *pc : rs.stack) {
      if (!pc)
        break;
      std::vector<Frame> frames = symbolize(pc);
      if (const Frame *f = user_frame(frames)) {
        all_frames.push_back(*f);
        return from_frame(*f);
      }
    }
  }
  all_frames.push_back({r.function, r.file, r.line, r.column});
  return r;
}

struct Candidate {
  Identity reader;
  const char *read_op;
  RecordedSite read_site;
  WriteRecord write;
  uint64_t reader_seen, version;
  std::string shape;
  ScalarType dtype;
  // The alias edge: the handle whose creation links reader and writer.
  const Identity *edge = nullptr;
  const Identity *other_edge = nullptr; // for siblings: the reader's creation
  bool via_view = false;
};

std::string shape_string(const Tensor &t) {
  std::string s = "[";
  for (size_t i = 0; i < t.sizes().size(); ++i)
    s += (i ? ", " : "") + std::to_string(t.sizes()[i]);
  return s + "]";
}

const char *description(std::string_view kind) {
  if (kind == "view-mutation")
    return "read of data changed in place through a view of the same storage";
  if (kind == "param-mutation")
    return "read of data changed in place by a callee through a by-value parameter";
  if (kind == "inplace-read-later")
    return "read of data changed in place after a copy of the handle was stored";
  return "read of data changed in place through a copy of the handle (a copy shares the data)";
}

void print_report(Candidate &c) {
  Runtime &r = runtime();
  std::vector<Frame> frames;
  ResolvedSite read = resolve(c.read_site, frames);
  RecordedSite write_rs{c.write.site, {}};
  ResolvedSite write = resolve(write_rs, frames);
  ResolvedSite made = resolve(c.edge->made, frames);
  ResolvedSite other_made;
  if (c.other_edge)
    other_made = resolve(c.other_edge->made, frames);

  std::string kind;
  if (c.via_view)
    kind = "view-mutation";
  else if (c.edge->made.site.loc.file_name() && !c.edge->made.site.pc &&
           is_system_path(c.edge->made.site.loc.file_name()))
    kind = "inplace-read-later";
  else if (c.edge->id == c.write.writer.id && !made.function.empty() &&
           made.function != write.function && made.function == read.function) {
    // A copy made in the reading function and written in another one: a
    // by-value parameter written by its callee. A callee whose name ends in
    // '_' writes its argument by convention (as the static check agrees).
    if (!write.function.empty() && write.function.back() == '_')
      return;
    kind = "param-mutation";
  } else
    kind = "assign-instead-of-clone";
  if (kind == "view-mutation" && !r.options.report_views)
    return;

  std::lock_guard<std::mutex> lock(r.mutex);
  std::string key = kind + "|" + made.where() + "|" + write.where() + "|" + read.where();
  if (!r.reported.insert(key).second)
    return;
  if (r.suppressions.matches(kind, frames)) {
    ++r.suppressed;
    return;
  }
  ++r.total;
  ++r.counts[kind];

  auto how = [](const Identity &id) {
    return std::string(id.op ? id.op : "?");
  };
  std::ostringstream os;
  int pid = int(getpid());
  os << "==" << pid << "==WARNING: aliasguard: " << kind << ": " << description(kind) << "\n";
  os << "    READ by '" << c.read_op << "' through handle #" << c.reader.id << " at "
     << read.where() << "\n";
  os << "    WRITE by '" << (c.write.op ? c.write.op : "?") << "' through handle #"
     << c.write.writer.id << " at " << write.where() << "\n";
  os << "    ALIAS handle #" << c.edge->id << " made by '" << how(*c.edge) << "' of handle #"
     << c.edge->ancestors[0].id << " at " << made.where() << "\n";
  if (c.other_edge)
    os << "    ALIAS handle #" << c.other_edge->id << " made by '" << how(*c.other_edge)
       << "' of handle #" << c.other_edge->ancestors[0].id << " at " << other_made.where()
       << "\n";
  os << "    STORAGE " << dtypeName(c.dtype) << " " << c.shape << " as read, version "
     << c.version << " (handle #" << c.reader.id << " last saw version " << c.reader_seen
     << ")\n";
  os << "SUMMARY: aliasguard: " << kind << " " << read.where() << "\n";
  std::string text = os.str();
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

void Scope::on_read(const Tensor &t) const {
  HandleTrack *rec = t.alias_track();
  StorageTrack *st = rec->storage;
  uint64_t version = st->storage->version();
  if (rec->seen.load(std::memory_order_relaxed) == version)
    return;

  Candidate c;
  {
    std::lock_guard<std::mutex> lock(st->mutex);
    version = st->storage->version();
    uint64_t seen = rec->seen.load(std::memory_order_relaxed);
    if (seen == version)
      return;
    // Seen now: one report per write, however often the stale data is read.
    rec->seen.store(version, std::memory_order_relaxed);
    if (t_allow > 0)
      return;
    // The first write since `seen`, through another handle, of bytes this
    // read covers: the one that made this handle's data stale.
    ByteRange read_range = byte_range(t.impl());
    const WriteRecord *found = nullptr;
    for (const WriteRecord &w : st->writes)
      if (w.valid && w.known_writer && w.version > seen && w.writer.id != rec->ident.id &&
          w.range.overlaps(read_range) && (!found || w.version < found->version))
        found = &w;
    if (!found)
      return;
    const WriteRecord &w = *found;
    c.reader = rec->ident;
    c.reader_seen = seen;
    c.write = w;
    c.version = version;
  }
  if (c.reader.intent_group != 0 && c.reader.intent_group == c.write.writer.intent_group)
    return;

  // How reader and writer are related.
  const Identity &R = c.reader, &W = c.write.writer;
  if (int k = W.find(R.id); k >= 0) {
    c.edge = &W;
    c.via_view = W.ancestors[size_t(k)].via_view;
  } else if (int k = R.find(W.id); k >= 0) {
    c.edge = &R;
    c.via_view = R.ancestors[size_t(k)].via_view;
  } else {
    for (int i = 0; i < W.ancestor_count && !c.edge; ++i)
      if (int j = R.find(W.ancestors[size_t(i)].id); j >= 0) {
        c.edge = &W;
        c.other_edge = &R;
        c.via_view = W.ancestors[size_t(i)].via_view || R.ancestors[size_t(j)].via_view;
      }
  }
  if (!c.edge)
    return; // not proven to be aliases of each other through tracked handles

  {
    // Dedup raw sites before symbolizing: loops repeat the same report.
    Runtime &r = runtime();
    std::lock_guard<std::mutex> lock(r.mutex);
    std::array<RawSite, 3> raw = {raw_site(site_), raw_site(c.write.site),
                                  raw_site(c.edge->made.site, c.edge->made.stack[0])};
    if (!r.seen_raw.insert(raw).second)
      return;
  }
  c.read_op = op_;
  c.read_site = RecordedSite{site_, {}};
  c.shape = shape_string(t);
  c.dtype = t.dtype();
  print_report(c);
}

} // namespace alias

// Called from ~StorageImpl.
void destroy_storage_track(StorageTrack *track) { delete track; }

} // namespace ag::detail

// ------------------------------------------------------------ public API

namespace ag::alias {

using namespace ag::detail::alias;

bool enabled() { return checking(); }

void set_options(std::string_view text) {
  Runtime &r = runtime();
  std::lock_guard<std::mutex> lock(r.mutex);
  Options o = r.options;
  std::string error;
  if (!parse_options(text, o, error))
    detail::fail("ag::alias::set_options: ", error);
  if (!o.suppressions.empty()) {
    Suppressions s;
    if (!s.load(o.suppressions, error))
      detail::fail("ag::alias::set_options: cannot use suppressions: ", error);
  }
  apply(r, o);
}

void shared(const Tensor &a, const Tensor &b) {
  if (!checking() || !a.defined() || !b.defined())
    return;
  detail::HandleTrack *ra = record_of(a), *rb = record_of(b);
  uint64_t group = ra->ident.intent_group ? ra->ident.intent_group
                   : rb->ident.intent_group
                       ? rb->ident.intent_group
                       : g_next_group.fetch_add(1, std::memory_order_relaxed);
  for (detail::HandleTrack *rec : {ra, rb}) {
    std::lock_guard<std::mutex> lock(rec->storage->mutex);
    rec->ident.intent_group = group;
  }
}
void shared(const Tensor &a, const NdArray &b) { shared(a, b.tensor_view()); }
void shared(const NdArray &a, const Tensor &b) { shared(a.tensor_view(), b); }
void shared(const NdArray &a, const NdArray &b) { shared(a.tensor_view(), b.tensor_view()); }

ScopedAllow::ScopedAllow() { ++t_allow; }
ScopedAllow::~ScopedAllow() { --t_allow; }

size_t report_count() {
  Runtime &r = runtime();
  std::lock_guard<std::mutex> lock(r.mutex);
  return r.total;
}

} // namespace ag::alias
