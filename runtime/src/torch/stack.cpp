#include "torch/stack.h"

#define UNW_LOCAL_ONLY
#include <libunwind.h>

#include <dlfcn.h>
#include <link.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cstdint>
#include <iterator>
#include <string_view>

namespace ag::detail::torch_check {

namespace {

struct Range {
  uintptr_t lo = 0, hi = 0;
};
// Filled once at start-up, read-only afterwards: no lock.
std::array<Range, 64> g_ranges;
size_t g_range_count = 0;

// Stacks captured so far (ag_torch_stack_captures, for tests).
std::atomic<uint64_t> g_captures{0};

bool is_library(std::string_view path, std::string_view self) {
  std::string_view base = path.substr(path.rfind('/') + 1);
  for (std::string_view prefix : {"libtorch", "libc10", "libstdc++", "libgcc_s", "libc.so",
                                  "libunwind", "libgomp", "libm.so", "libpthread", "ld-linux"})
    if (base.starts_with(prefix))
      return true;
  return path == self;
}

} // namespace

void init_library_ranges() {
  Dl_info self;
  std::string_view self_path;
  if (dladdr(reinterpret_cast<void *>(&init_library_ranges), &self) && self.dli_fname)
    self_path = self.dli_fname;
  struct Context {
    std::string_view self;
  } context{self_path};
  g_range_count = 0;
  dl_iterate_phdr(
      [](dl_phdr_info *info, size_t, void *data) {
        auto *c = static_cast<Context *>(data);
        if (!info->dlpi_name || !*info->dlpi_name || !is_library(info->dlpi_name, c->self))
          return 0;
        for (ElfW(Half) i = 0; i < info->dlpi_phnum && g_range_count < g_ranges.size(); ++i) {
          const ElfW(Phdr) &ph = info->dlpi_phdr[i];
          if (ph.p_type == PT_LOAD && (ph.p_flags & PF_X))
            g_ranges[g_range_count++] = {info->dlpi_addr + ph.p_vaddr,
                                         info->dlpi_addr + ph.p_vaddr + ph.p_memsz};
        }
        return 0;
      },
      &context);
  // Sorted by start, for the binary search of in_library (a capture tests
  // every frame of the stack).
  std::sort(g_ranges.begin(), g_ranges.begin() + std::ptrdiff_t(g_range_count),
            [](const Range &a, const Range &b) { return a.lo < b.lo; });
  unw_set_caching_policy(unw_local_addr_space, UNW_CACHE_PER_THREAD);
}

bool in_library(const void *pc) {
  auto a = reinterpret_cast<uintptr_t>(pc);
  // The last range starting at or below a (ranges of loaded objects do not
  // overlap).
  auto end = g_ranges.begin() + std::ptrdiff_t(g_range_count);
  auto it = std::upper_bound(g_ranges.begin(), end, a,
                             [](uintptr_t x, const Range &r) { return x < r.lo; });
  return it != g_ranges.begin() && a < std::prev(it)->hi;
}

alias::RecordedSite capture_user_stack() {
  g_captures.fetch_add(1, std::memory_order_relaxed);
  alias::RecordedSite site;
  std::array<void *, 48> raw;
  int got = unw_backtrace(raw.data(), int(raw.size()));
  size_t kept = 0;
  for (int i = 0; i < got && kept < site.stack.size(); ++i)
    if (!in_library(raw[size_t(i)]))
      site.stack[kept++] = raw[size_t(i)];
  return site;
}

} // namespace ag::detail::torch_check

// How many stacks the checker has unwound in this process: tests assert how
// often an idiom pays for a capture (test/dynamic/torch/captures.cpp).
extern "C" [[gnu::visibility("default")]] uint64_t ag_torch_stack_captures() {
  return ag::detail::torch_check::g_captures.load(std::memory_order_relaxed);
}
