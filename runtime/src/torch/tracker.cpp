#include "torch/tracker.h"

#include "alias/overlap.h"
#include "alias/report.h"
#include "torch/stack.h"

#include <c10/core/StorageImpl.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace ag::detail::torch_check {

using alias::ByteRange;
using alias::Identity;
using alias::RecordedSite;
using alias::StaleRead;
using alias::WriteRecord;

namespace {

struct StorageRecord;

struct ImplRecord {
  explicit ImplRecord(const at::TensorBase &t)
      : impl(c10::weak_intrusive_ptr<c10::TensorImpl>(t.getIntrusivePtr())) {}
  Identity ident;
  c10::weak_intrusive_ptr<c10::TensorImpl> impl;
  StorageRecord *storage = nullptr;
  uint64_t seen = 0; // the storage's write sequence this impl last saw
  // A copy a may-view op made of another storage's bytes (on_copied_instead_of_view):
  // that storage (looked up again before use: it may have died) and the bytes copied.
  const c10::StorageImpl *copied_from = nullptr;
  ByteRange source_range;
};

struct StorageRecord {
  explicit StorageRecord(c10::StorageImpl *s)
      : raw(s), storage(c10::intrusive_ptr<c10::StorageImpl>::unsafe_reclaim_from_nonowning(s)) {}
  c10::StorageImpl *raw;
  c10::weak_intrusive_ptr<c10::StorageImpl> storage;
  // Our own write sequence: LibTorch's version counters are per impl
  // family (.data() has its own) and bumped after nested ops end.
  uint64_t version = 0;
  std::unordered_map<uint64_t, ImplRecord *> live; // by id
  alias::WriteHistory writes;
  size_t next_write = 0;
};

// One lock for everything: an op takes it once for all its tensors.
struct Tables {
  std::mutex mutex;
  std::unordered_map<const c10::TensorImpl *, std::unique_ptr<ImplRecord>> impls;
  std::unordered_map<const c10::StorageImpl *, std::unique_ptr<StorageRecord>> storages;
  size_t sweep_at = 4096;
  uint64_t next_id = 1;
  bool self_test = false;
  size_t self_test_found = 0;
};

// Whether any record exists, readable without the lock: most ops of most
// programs touch no tracked impl, and an op should then not pay for a lock.
std::atomic<bool> g_any_impl{false}, g_any_storage{false};

// Which impls and storages may have a record, also readable without the
// lock: a count per bucket of addresses of the records held (updated under the
// lock, where records are added and dropped). In a program that tracks some
// tensors, most ops read and write untracked ones: they take no lock either.
// Relaxed loads suffice, as for g_any_impl: the count for a record another
// thread made is visible once that thread handed the tensor over.
class AddressFilter {
public:
  void add(const void *p) { slot(p).fetch_add(1, std::memory_order_relaxed); }
  void remove(const void *p) { slot(p).fetch_sub(1, std::memory_order_relaxed); }
  bool may_hold(const void *p) const { return p && slot(p).load(std::memory_order_relaxed) != 0; }

private:
  static constexpr size_t kBuckets = 4096;
  std::atomic<uint32_t> &slot(const void *p) const {
    auto a = reinterpret_cast<uintptr_t>(p);
    return counts_[((a >> 4) ^ (a >> 16)) % kBuckets];
  }
  mutable std::array<std::atomic<uint32_t>, kBuckets> counts_{};
};
AddressFilter g_impl_filter, g_storage_filter;

void publish_counts(const Tables &t) {
  g_any_impl.store(!t.impls.empty(), std::memory_order_relaxed);
  g_any_storage.store(!t.storages.empty(), std::memory_order_relaxed);
}

Tables &tables() {
  static Tables *t = new Tables; // never destroyed: ops run during static destruction
  return *t;
}

c10::StorageImpl *storage_of(const c10::TensorImpl *impl) {
  if (!impl || !impl->has_storage())
    return nullptr;
  return impl->storage().unsafeGetStorageImpl();
}

ByteRange range_of(const c10::TensorImpl *impl) {
  return alias::byte_range(impl->sizes(), impl->strides(), impl->storage_offset(),
                           int64_t(impl->dtype().itemsize()));
}

bool alive(const ImplRecord *rec) { return !rec->impl.expired(); }

// Drops records of dead impls and storages no live record uses.
void sweep(Tables &t) {
  for (auto it = t.impls.begin(); it != t.impls.end();) {
    ImplRecord *rec = it->second.get();
    if (alive(rec)) {
      ++it;
      continue;
    }
    rec->storage->live.erase(rec->ident.id);
    g_impl_filter.remove(it->first);
    it = t.impls.erase(it);
  }
  for (auto it = t.storages.begin(); it != t.storages.end();) {
    if (it->second->live.empty() && it->second->storage.expired()) {
      g_storage_filter.remove(it->first);
      it = t.storages.erase(it);
    } else
      ++it;
  }
  t.sweep_at = std::max<size_t>(4096, 2 * t.impls.size());
  publish_counts(t);
}

// The record of `impl` if it has a current one (its storage may have been
// replaced by set_: then the old record is dropped).
ImplRecord *find_record(Tables &t, const c10::TensorImpl *impl) {
  auto it = t.impls.find(impl);
  if (it == t.impls.end())
    return nullptr;
  ImplRecord *rec = it->second.get();
  c10::StorageImpl *now = storage_of(impl);
  if (!now || rec->storage->raw != now) {
    rec->storage->live.erase(rec->ident.id);
    g_impl_filter.remove(impl);
    t.impls.erase(it);
    return nullptr;
  }
  return rec;
}

StorageRecord *storage_record(Tables &t, c10::StorageImpl *storage) {
  auto &slot = t.storages[storage];
  if (!slot) {
    slot = std::make_unique<StorageRecord>(storage);
    g_storage_filter.add(storage);
  }
  return slot.get();
}

ImplRecord *new_record(Tables &t, const at::TensorBase &tensor, StorageRecord *st,
                       Identity ident) {
  if (t.impls.size() >= t.sweep_at)
    sweep(t);
  auto rec = std::make_unique<ImplRecord>(tensor);
  rec->ident = std::move(ident);
  rec->storage = st;
  rec->seen = st->version;
  ImplRecord *raw = rec.get();
  st->live[raw->ident.id] = raw;
  auto [it, inserted] = t.impls.try_emplace(tensor.unsafeGetTensorImpl());
  if (inserted)
    g_impl_filter.add(it->first);
  it->second = std::move(rec);
  publish_counts(t);
  return raw;
}

// A write through an impl that has died is its nearest live ancestor's own
// write (x.view(-1).add_(1), x[0] = 5, a view scoped to a block).
const Identity &live_writer(const StorageRecord &st, const Identity &writer) {
  auto is_live = [&](uint64_t id) -> const ImplRecord * {
    auto it = st.live.find(id);
    return it != st.live.end() && alive(it->second) ? it->second : nullptr;
  };
  if (is_live(writer.id))
    return writer;
  for (uint8_t i = 0; i < writer.ancestor_count; ++i)
    if (const ImplRecord *a = is_live(writer.ancestors[i].id))
      return a->ident;
  return writer;
}

// Whether the site of a write by `writer` repeating the storage's last write
// (same writer, op and bytes; that write's record is at version `since`) can
// ever be reported. A read reports the first write since the reader last saw
// the storage: a record that has not seen it since `since` would be told
// about that earlier write (it is the same writer and bytes, and earlier),
// never about this one; records made later start at the current version,
// and a read or write through a record moves it past this write. So the site
// matters only if another record has seen version `since` or later. A stack
// is then needed to tell a loop (same site: the record moves on) from a new
// site (a new record); otherwise the record moves on without one, which keeps
// every report the same (a loop writing through a tracked tensor whose views
// are not read pays no unwinding). The one difference: such a loop takes one
// slot of the write history, not one per distinct site, so older writes stay
// in it longer (a read long after may name the write that really made it
// stale where the history had lost it before).
bool site_observable(const StorageRecord &st, const ImplRecord *writer, uint64_t since) {
  for (const auto &[id, rec] : st.live)
    if (rec != writer && rec->seen >= since)
      return true;
  return false;
}

std::string dtype_name(c10::ScalarType t) {
  switch (t) {
  case c10::ScalarType::Bool: return "bool";
  case c10::ScalarType::Byte: return "uint8";
  case c10::ScalarType::Char: return "int8";
  case c10::ScalarType::Short: return "int16";
  case c10::ScalarType::Int: return "int32";
  case c10::ScalarType::Long: return "int64";
  case c10::ScalarType::Half: return "float16";
  case c10::ScalarType::BFloat16: return "bfloat16";
  case c10::ScalarType::Float: return "float32";
  case c10::ScalarType::Double: return "float64";
  case c10::ScalarType::ComplexFloat: return "complex64";
  case c10::ScalarType::ComplexDouble: return "complex128";
  default: return c10::toString(t);
  }
}

std::string shape_of(const c10::TensorImpl *impl) {
  return alias::dims({impl->sizes().data(), impl->sizes().size()});
}

alias::Geometry geometry_of(const c10::TensorImpl *impl) {
  return {{impl->sizes().data(), impl->sizes().size()},
          {impl->strides().data(), impl->strides().size()},
          impl->storage_offset()};
}

// A write through `copy` (a may-view op's copy of another storage) recorded
// in that storage's history as lost: its readers did not get it.
template <typename SiteFn>
void record_lost_write(Tables &t, const ImplRecord &copy, const char *op, SiteFn &site) {
  auto it = t.storages.find(copy.copied_from);
  if (it == t.storages.end() || it->second->storage.expired())
    return;
  StorageRecord &src = *it->second;
  alias::record_lost_write(
      src.writes, src.next_write, copy.ident, op, copy.source_range, ++src.version,
      [&](const WriteRecord &prev) { return prev.site.stack == site().stack; }, site);
}

bool has_internal_overlap(const c10::TensorImpl *impl) {
  for (size_t d = 0; d < impl->sizes().size(); ++d)
    if (impl->sizes()[d] > 1 && impl->strides()[d] == 0)
      return true;
  return false;
}

} // namespace

void on_reads(const char *op, std::span<c10::TensorImpl *const> impls, LazyStack &stack) {
  // A relaxed load suffices: a record another thread made for an impl is
  // visible here once that thread handed the impl over (through the
  // program's own synchronisation).
  if (!g_any_impl.load(std::memory_order_relaxed) ||
      std::none_of(impls.begin(), impls.end(),
                   [](const c10::TensorImpl *impl) { return g_impl_filter.may_hold(impl); }))
    return;
  Tables &t = tables();
  std::vector<StaleRead> found;
  {
    std::lock_guard<std::mutex> lock(t.mutex);
    if (t.impls.empty())
      return;
    for (c10::TensorImpl *impl : impls) {
      ImplRecord *rec = find_record(t, impl);
      if (!rec)
        continue;
      StorageRecord &st = *rec->storage;
      if (rec->seen == st.version)
        continue;
      uint64_t seen = rec->seen;
      // Seen now: one report per write, however often the stale data is read.
      rec->seen = st.version;
      // (A lost write's writer is a copy, not a view: it stays the writer.)
      for (WriteRecord &w : st.writes)
        if (w.valid && w.known_writer && !w.lost)
          w.writer = live_writer(st, w.writer);
      const WriteRecord *w = alias::first_unseen_write(st.writes, seen, rec->ident.id,
                                                       range_of(impl));
      if (!w)
        continue;
      StaleRead &c = found.emplace_back();
      c.reader = rec->ident;
      c.reader_seen = seen;
      c.write = *w;
      c.version = st.version;
      c.read_op = op;
      c.dtype = dtype_name(c10::typeMetaToScalarType(impl->dtype()));
      c.shape = shape_of(impl);
    }
    if (t.self_test) {
      t.self_test_found += found.size();
      return;
    }
  }
  if (found.empty())
    return;
  const RecordedSite &here = stack.get();
  for (StaleRead &c : found) {
    c.relation = alias::relate(c.reader, c.write.writer);
    if (!c.relation)
      continue; // not proven to be aliases of each other through tracked impls
    c.read_site = here;
    alias::report(c);
  }
}

void on_elementwise_inplace(const char *op, std::span<c10::TensorImpl *const> writes,
                            std::span<c10::TensorImpl *const> reads, LazyStack &stack) {
  // Every op pays for this loop: operands in other storages are passed over
  // first, before any layout is looked at.
  for (c10::TensorImpl *out : writes) {
    c10::StorageImpl *storage = storage_of(out);
    if (!storage)
      continue;
    for (c10::TensorImpl *in : reads) {
      if (in == out || storage_of(in) != storage || in->dtype() != out->dtype())
        continue;
      // An expanded destination: LibTorch refuses it itself.
      if (has_internal_overlap(out))
        break;
      // Two dense tensors: LibTorch's get_overlap_status decides (a partial
      // overlap raises "unsupported operation").
      if (in->is_non_overlapping_and_dense() && out->is_non_overlapping_and_dense())
        continue;
      alias::OtherPositions found =
          alias::overlap_at_other_positions(geometry_of(out), geometry_of(in));
      if (!found)
        continue;
      alias::report(alias::overlapping_write(op, stack.get(),
                                             dtype_name(c10::typeMetaToScalarType(out->dtype())),
                                             geometry_of(out), geometry_of(in), found));
    }
  }
}

void on_writes(const char *op, std::span<c10::TensorImpl *const> impls, LazyStack &stack) {
  if (!g_any_storage.load(std::memory_order_relaxed) ||
      std::none_of(impls.begin(), impls.end(), [](const c10::TensorImpl *impl) {
        return g_storage_filter.may_hold(storage_of(impl));
      }))
    return;
  Tables &t = tables();
  std::lock_guard<std::mutex> lock(t.mutex);
  if (t.storages.empty())
    return;
  // The stack is captured once per op, and only when a write needs it.
  auto site = [&]() -> const RecordedSite & { return stack.get(); };
  for (c10::TensorImpl *impl : impls) {
    c10::StorageImpl *storage = storage_of(impl);
    auto sit = storage ? t.storages.find(storage) : t.storages.end();
    if (sit == t.storages.end())
      continue; // the storage has one handle: nothing to report later
    StorageRecord &st = *sit->second;
    ImplRecord *rec = find_record(t, impl);
    ByteRange range = range_of(impl);
    // The same impl writing the same bytes at the same place again (a loop):
    // the record stays, with the new version. When no other record has seen
    // the storage since that record's write, where this write happened cannot
    // be reported (see site_observable): no stack, no comparison.
    if (rec) {
      WriteRecord *prev = alias::repeated_write(st.writes, st.next_write, rec->ident.id, op, range);
      if (prev && (!site_observable(st, rec, prev->version) || prev->site.stack == site().stack)) {
        prev->version = ++st.version;
        rec->seen = st.version;
        continue;
      }
    }
    alias::record_write(st.writes, st.next_write, rec ? &rec->ident : nullptr, op, site(),
                        ++st.version, range);
    if (rec) {
      rec->seen = st.version;
      if (rec->copied_from)
        record_lost_write(t, *rec, op, site);
    }
  }
}

bool on_result(const char *op, const at::TensorBase &base, const at::TensorBase &result,
               LazyStack &stack) {
  if (!base.defined() || !result.defined())
    return true;
  const c10::TensorImpl *b = base.unsafeGetTensorImpl(), *r = result.unsafeGetTensorImpl();
  c10::StorageImpl *storage = storage_of(b);
  if (!storage || storage_of(r) != storage)
    return b == r;
  if (b == r)
    return true;
  // Unwound before the lock, once for all the op's results.
  const RecordedSite &made = stack.get();
  Tables &t = tables();
  std::lock_guard<std::mutex> lock(t.mutex);
  if (find_record(t, r))
    return true; // already known (an op returning one of its inputs' views)
  StorageRecord *st = storage_record(t, storage);
  ImplRecord *parent = find_record(t, b);
  if (!parent) {
    Identity fresh;
    fresh.id = t.next_id++;
    parent = new_record(t, base, st, fresh);
  }
  new_record(t, result, st,
             alias::derive_identity(parent->ident, t.next_id++, alias::Origin::View, op, made));
  return true;
}

void on_copied_instead_of_view(const char *op, const at::TensorBase &base,
                               const at::TensorBase &result, LazyStack &stack) {
  if (!base.defined() || !result.defined())
    return;
  c10::StorageImpl *from = storage_of(base.unsafeGetTensorImpl());
  c10::StorageImpl *to = storage_of(result.unsafeGetTensorImpl());
  if (!from || !to || from == to)
    return;
  const RecordedSite &made = stack.get();
  Tables &t = tables();
  std::lock_guard<std::mutex> lock(t.mutex);
  if (find_record(t, result.unsafeGetTensorImpl()))
    return;
  ImplRecord *parent = find_record(t, base.unsafeGetTensorImpl());
  if (!parent) {
    Identity fresh;
    fresh.id = t.next_id++;
    parent = new_record(t, base, storage_record(t, from), fresh);
  }
  ImplRecord *copy =
      new_record(t, result, storage_record(t, to),
                 alias::derive_identity(parent->ident, t.next_id++, alias::Origin::Copy, op, made));
  copy->copied_from = from;
  copy->source_range = range_of(base.unsafeGetTensorImpl());
}

void begin_self_test() {
  Tables &t = tables();
  std::lock_guard<std::mutex> lock(t.mutex);
  t.self_test = true;
  t.self_test_found = 0;
}

size_t end_self_test() {
  Tables &t = tables();
  std::lock_guard<std::mutex> lock(t.mutex);
  t.self_test = false;
  // The probe's records are dead or about to be: no trace of them in the
  // program's own numbering.
  sweep(t);
  t.next_id = 1;
  return t.self_test_found;
}

size_t record_count() {
  Tables &t = tables();
  std::lock_guard<std::mutex> lock(t.mutex);
  return t.impls.size();
}

} // namespace ag::detail::torch_check
