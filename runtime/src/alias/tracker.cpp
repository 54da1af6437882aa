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
// must name the alias. The relation, the report and its text are the shared
// component's (identity.h, report.h), which the LibTorch observer uses too.
#include "alias/tracker.h"

#include "alias/options.h"
#include "alias/overlap.h"
#include "alias/report.h"
#include "alias/symbolize.h"
#include "ag/alias.h"
#include "ag/ndarray.h"

#include <atomic>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <unordered_map>

namespace ag::detail {

using namespace alias;

struct HandleTrack {
  Identity ident;
  StorageTrack *storage = nullptr;
  std::atomic<uint64_t> seen{0}; // the storage's tracked version this handle last saw
  // A copy a may-view op made of another storage's bytes (a view was not
  // possible): that storage, while it lives, and the bytes copied. Writes
  // through this handle are lost writes of that storage.
  std::weak_ptr<StorageImpl> copied_from;
  ByteRange source_range;
};

ByteRange impl_range(const TensorImpl &t) {
  return alias::byte_range(t.sizes, t.strides, t.offset, int64_t(elementSize(t.dtype)));
}

struct StorageTrack {
  StorageImpl *storage = nullptr;
  std::mutex mutex;
  std::unordered_map<uint64_t, HandleTrack *> live;
  WriteHistory writes;
  size_t next_write = 0;
  // Writes into copies of this storage's bytes that were meant for it
  // (lost-write). They must make its readers stale without changing the
  // storage's version, which the program sees through Tensor::_version().
  std::atomic<uint64_t> lost_writes{0};
};

namespace {
// The version a handle's `seen` is compared with: the storage's own version
// plus the lost writes (both only grow, so their sum changes with either).
uint64_t tracked_version(const StorageTrack &st) {
  return st.storage->version() + st.lost_writes.load(std::memory_order_relaxed);
}

// The ops that return a view when the layout allows and a copy otherwise
// (reshape_as is reshape); `to` copies only to change dtype, which no one
// takes for a view.
bool may_copy_view(const char *op) {
  std::string_view name(op);
  return name == "reshape" || name == "flatten" || name == "contiguous";
}
} // namespace

namespace alias {

bool g_checking = false;

void start_checked_runtime();

namespace {

std::atomic<uint64_t> g_next_id{1};
std::atomic<uint64_t> g_next_group{1};
thread_local int t_depth = 0;
thread_local int t_allow = 0;
thread_local const Scope *t_active_scope = nullptr; // the user's call, while it runs

// AG_ALIAS_OPTIONS turns checking on before main().
struct EnvStartup {
  EnvStartup() {
    if (std::getenv("AG_ALIAS_OPTIONS"))
      start_checked_runtime();
  }
} g_env_startup;

// ------------------------------------------------------------ records

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
  rec->seen.store(tracked_version(*st), std::memory_order_relaxed);
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
  Identity ident = derive_identity(p->ident, g_next_id.fetch_add(1, std::memory_order_relaxed),
                                   origin, op, record_site(site));
  return new_record(p->storage, std::move(ident));
}

// A record for `copy`, which a may-view op made of `source`'s bytes in a
// storage of its own.
HandleTrack *derive_copy(const Tensor &source, const Tensor &copy, const char *op,
                         const Site &site) {
  HandleTrack *p = record_of(source);
  Identity ident = derive_identity(p->ident, g_next_id.fetch_add(1, std::memory_order_relaxed),
                                   Origin::Copy, op, record_site(site));
  HandleTrack *rec = new_record(storage_track(*copy.impl().storage), std::move(ident));
  rec->copied_from = source.impl().storage;
  rec->source_range = impl_range(source.impl());
  return rec;
}

} // namespace

// Start-up with AG_ALIAS_OPTIONS over the defaults; once per process, from
// whichever start-up object runs first.
void start_checked_runtime() { g_checking = configure_from_environment().enabled; }

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
  if (active_)
    t_active_scope = this;
}

void Scope::leave() {
  --t_depth;
  if (active_)
    t_active_scope = nullptr;
}

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
  ByteRange range = impl_range(t.impl());
  {
    std::lock_guard<std::mutex> lock(st->mutex);
    // The same handle writing the same bytes at the same site again (a loop):
    // the record stays, with the new version.
    WriteRecord *prev =
        rec ? repeated_write(st->writes, st->next_write, rec->ident.id, op_, range) : nullptr;
    if (prev && same_site(prev->site.site, site_)) {
      prev->version = tracked_version(*st);
    } else {
      record_write(st->writes, st->next_write, rec ? &rec->ident : nullptr, op_,
                   RecordedSite{site_, {}}, tracked_version(*st), range);
    }
    if (rec)
      rec->seen.store(tracked_version(*st), std::memory_order_relaxed);
  }
  // (After the lock: the source's lock is taken on its own.)
  if (rec && !rec->copied_from.expired())
    record_lost_write(*rec);
}

// A write through `copy` (a may-view op's copy of another storage) recorded
// in that storage's history as lost: its readers did not get it.
void Scope::record_lost_write(const HandleTrack &copy) const {
  std::shared_ptr<StorageImpl> source = copy.copied_from.lock();
  if (!source)
    return;
  StorageTrack *src = source->alias_track().load(std::memory_order_acquire);
  if (!src)
    return;
  std::lock_guard<std::mutex> lock(src->mutex);
  src->lost_writes.fetch_add(1, std::memory_order_relaxed);
  alias::record_lost_write(
      src->writes, src->next_write, copy.ident, op_, copy.source_range, tracked_version(*src),
      [&](const WriteRecord &prev) { return same_site(prev.site.site, site_); },
      [&] { return RecordedSite{site_, {}}; });
}

void Scope::on_result(const Tensor &base, const Tensor &r) const {
  if (!base.defined() || !r.defined() || r.alias_track())
    return;
  if (r.impl().storage != base.impl().storage) {
    // A new tensor; when a may-view op made it, its writes are lost writes of base.
    if (may_copy_view(op_))
      r.set_alias_track(derive_copy(base, r, op_, site_));
    return;
  }
  r.set_alias_track(derive(base, Origin::View, op_, site_));
}

void Scope::on_read(const Tensor &t) const {
  HandleTrack *rec = t.alias_track();
  StorageTrack *st = rec->storage;
  uint64_t version = tracked_version(*st);
  if (rec->seen.load(std::memory_order_relaxed) == version)
    return;

  StaleRead c;
  {
    std::lock_guard<std::mutex> lock(st->mutex);
    version = tracked_version(*st);
    uint64_t seen = rec->seen.load(std::memory_order_relaxed);
    if (seen == version)
      return;
    // Seen now: one report per write, however often the stale data is read.
    rec->seen.store(version, std::memory_order_relaxed);
    if (t_allow > 0)
      return;
    const WriteRecord *w = first_unseen_write(st->writes, seen, rec->ident.id, impl_range(t.impl()));
    if (!w)
      return;
    c.reader = rec->ident;
    c.reader_seen = seen;
    c.write = *w;
    c.version = version;
  }
  if (c.reader.intent_group != 0 && c.reader.intent_group == c.write.writer.intent_group)
    return;
  c.relation = relate(c.reader, c.write.writer);
  if (!c.relation)
    return; // not proven to be aliases of each other through tracked handles
  c.read_op = op_;
  c.read_site = RecordedSite{site_, {}};
  c.shape = dims(t.impl().sizes.ref());
  c.dtype = dtypeName(t.dtype());
  report(c);
}

void overlapping_operand(const Tensor &out, const Tensor &in) {
  const Scope *scope = t_active_scope;
  if (!scope || t_allow > 0)
    return;
  const TensorImpl &o = out.impl(), &i = in.impl();
  if (o.storage != i.storage || o.dtype != i.dtype)
    return;
  Geometry written{o.sizes.ref(), o.strides.ref(), o.offset};
  Geometry operand{i.sizes.ref(), i.strides.ref(), i.offset};
  if (OtherPositions found = overlap_at_other_positions(written, operand))
    report(overlapping_write(scope->op_, RecordedSite{scope->site_, {}}, dtypeName(o.dtype),
                             written, operand, found));
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
  Options o = current_options();
  std::string error;
  if (!parse_options(text, o, error))
    detail::fail("ag::alias::set_options: ", error);
  if (!configure(o, error))
    detail::fail("ag::alias::set_options: ", error);
  g_checking = o.enabled;
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

size_t report_count() { return detail::alias::report_count(); }

} // namespace ag::alias
