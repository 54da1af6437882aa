// StorageImpl: one allocation of elements, shared by every tensor and array
// that views it, with PyTorch's version counter (bumped by every write
// through any of them).
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>

namespace ag::detail {

// The checked runtime's record of one storage (runtime/src/alias/tracker.cpp).
struct StorageTrack;

class StorageImpl {
public:
  // Allocates nbytes (64-byte aligned). Throws ag::Error when the allocation
  // fails, with the size asked for.
  explicit StorageImpl(size_t nbytes);
  ~StorageImpl();
  StorageImpl(const StorageImpl &) = delete;
  StorageImpl &operator=(const StorageImpl &) = delete;

  void *data() const { return data_; }
  size_t nbytes() const { return nbytes_; }

  uint64_t version() const { return version_.load(std::memory_order_relaxed); }
  void bump_version() { version_.fetch_add(1, std::memory_order_relaxed); }

  // Made when a second handle of the storage is tracked; null otherwise.
  std::atomic<StorageTrack *> &alias_track() { return alias_track_; }

private:
  void *data_;
  size_t nbytes_;
  std::atomic<uint64_t> version_{0};
  std::atomic<StorageTrack *> alias_track_{nullptr};
};

using StoragePtr = std::shared_ptr<StorageImpl>;

} // namespace ag::detail
