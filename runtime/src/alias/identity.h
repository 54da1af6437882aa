// What both checked runtimes (ag's tracker.cpp and the LibTorch observer,
// runtime/src/torch) know about handles and writes, and how they decide that
// a reader and a writer are aliases: a handle's identity (its creation and
// nearest ancestors), the byte range it spans, a storage's recent writes.
// How handles are found (a slot in ag's Tensor, a table of TensorImpls for
// LibTorch) is each runtime's own business.
#pragma once

#include "ag/detail/alias_hooks.h" // CallSite: standard library only

#include <array>
#include <cstddef>
#include <cstdint>
#include <source_location>

namespace ag::detail::alias {

// Where an event happened: the caller's source_location, or the return
// address of an operator, symbolized when a report is printed.
struct Site {
  std::source_location loc{};
  const void *pc = nullptr;

  Site() = default;
  Site(const CallSite &caller) : loc(caller.location()) {}
  explicit Site(const void *pc) : pc(pc) {}
  bool has_location() const { return loc.line() != 0; }
};

// A site with, when the event happened in library code (a copy made by
// std::vector, any LibTorch op), the return addresses that lead back to the
// user's code, innermost first, library frames already dropped.
constexpr size_t kStackDepth = 12;
struct RecordedSite {
  Site site;
  std::array<const void *, kStackDepth> stack{};
};

enum class Origin : uint8_t { Fresh, Copy, View };

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

// The identity of a handle made from `parent` by `op` at `made`.
inline Identity derive_identity(const Identity &parent, uint64_t id, Origin origin,
                                const char *op, const RecordedSite &made) {
  Identity ident;
  ident.id = id;
  ident.origin = origin;
  ident.op = op;
  ident.made = made;
  ident.intent_group = parent.intent_group;
  bool view = origin == Origin::View;
  ident.ancestors[0] = {parent.id, view};
  ident.ancestor_count = 1;
  for (uint8_t i = 0; i < parent.ancestor_count && ident.ancestor_count < kMaxAncestors; ++i) {
    const Ancestor &a = parent.ancestors[i];
    ident.ancestors[ident.ancestor_count++] = {a.id, a.via_view || view};
  }
  return ident;
}

// The bytes of the storage a tensor spans (a bounding interval: two
// interleaved columns count as overlapping).
struct ByteRange {
  int64_t lo = 0, hi = 0;
  bool overlaps(const ByteRange &o) const { return lo < o.hi && o.lo < hi; }
};

// From a tensor's sizes and strides (elements) and storage offset.
template <typename Sizes>
ByteRange byte_range(const Sizes &sizes, const Sizes &strides, int64_t offset,
                     int64_t element_size) {
  int64_t last = offset;
  for (size_t d = 0; d < sizes.size(); ++d) {
    if (sizes[d] == 0)
      return {};
    last += (sizes[d] - 1) * strides[d];
  }
  return {offset * element_size, (last + 1) * element_size};
}

struct WriteRecord {
  bool valid = false;
  bool known_writer = false; // false: written through an untracked handle
  Identity writer;
  const char *op = nullptr;
  RecordedSite site;
  uint64_t version = 0; // the storage's version after the write
  ByteRange range;
  // Not a write of this storage: one into a copy of its bytes that a may-view
  // op (reshape, contiguous, flatten) made where a view was not possible. A
  // reader of this storage does not see it (lost-write).
  bool lost = false;
};

// The last writes of a storage: a read is checked against the writes since
// the reader last saw the storage that overlap what it reads.
constexpr size_t kWriteHistory = 8;
using WriteHistory = std::array<WriteRecord, kWriteHistory>;

// The last write of the history when it was `writer` writing `range` by `op`
// (a loop repeating itself: the caller compares the sites and, if they are
// equal, only moves the record's version on); null otherwise.
inline WriteRecord *repeated_write(WriteHistory &writes, size_t next, uint64_t writer,
                                   const char *op, const ByteRange &range) {
  if (next == 0)
    return nullptr;
  WriteRecord &prev = writes[(next - 1) % kWriteHistory];
  bool same = prev.valid && prev.known_writer && prev.writer.id == writer && prev.op == op &&
              prev.range.lo == range.lo && prev.range.hi == range.hi;
  return same ? &prev : nullptr;
}

// Records a write (`writer` null: through an untracked handle) in the next
// slot of the history.
inline void record_write(WriteHistory &writes, size_t &next, const Identity *writer,
                         const char *op, const RecordedSite &site, uint64_t version,
                         const ByteRange &range) {
  WriteRecord &w = writes[next++ % kWriteHistory];
  w = WriteRecord{};
  w.valid = true;
  w.range = range;
  w.known_writer = writer != nullptr;
  if (writer)
    w.writer = *writer;
  w.op = op;
  w.site = site;
  w.version = version;
}

// A write through `copy`, a may-view op's copy of this storage's bytes
// `range`, recorded in this storage's history as lost (its readers did not
// get it), at `version`. A loop repeating it (an earlier lost record of the
// same writer, op and bytes for which `same_site(record)` holds) only moves
// that record's version on. `site()` gives the write's site.
template <typename SameSite, typename SiteFn>
void record_lost_write(WriteHistory &writes, size_t &next, const Identity &copy, const char *op,
                       const ByteRange &range, uint64_t version, SameSite same_site, SiteFn site) {
  WriteRecord *prev = repeated_write(writes, next, copy.id, op, range);
  if (prev && prev->lost && same_site(*prev)) {
    prev->version = version;
    return;
  }
  record_write(writes, next, &copy, op, site(), version, range);
  writes[(next - 1) % kWriteHistory].lost = true;
}

// The first write since `seen`, through a handle other than `reader`, of
// bytes in `read`: the one that made the reader's data stale. Null if none.
inline const WriteRecord *first_unseen_write(const WriteHistory &writes, uint64_t seen,
                                             uint64_t reader, const ByteRange &read) {
  const WriteRecord *found = nullptr;
  for (const WriteRecord &w : writes)
    if (w.valid && w.known_writer && w.version > seen && w.writer.id != reader &&
        w.range.overlaps(read) && (!found || w.version < found->version))
      found = &w;
  return found;
}

// How a reader and a writer are related: `edge` is the handle whose creation
// links them (one made from the other); for siblings, `other_edge` is the
// reader's own creation. Empty when not proven related.
struct Relation {
  const Identity *edge = nullptr;
  const Identity *other_edge = nullptr;
  bool via_view = false;
  explicit operator bool() const { return edge != nullptr; }
};

inline Relation relate(const Identity &reader, const Identity &writer) {
  Relation r;
  const Identity &R = reader, &W = writer;
  if (int k = W.find(R.id); k >= 0) {
    r.edge = &W;
    r.via_view = W.ancestors[size_t(k)].via_view;
  } else if (int k = R.find(W.id); k >= 0) {
    r.edge = &R;
    r.via_view = R.ancestors[size_t(k)].via_view;
  } else {
    for (int i = 0; i < W.ancestor_count && !r.edge; ++i)
      if (int j = R.find(W.ancestors[size_t(i)].id); j >= 0) {
        r.edge = &W;
        r.other_edge = &R;
        r.via_view = W.ancestors[size_t(i)].via_view || R.ancestors[size_t(j)].via_view;
      }
  }
  return r;
}

} // namespace ag::detail::alias
