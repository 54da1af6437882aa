// Reads and aliases that do not go through the dispatcher, seen by defining
// LibTorch's exported entry points in this library, which the dynamic
// linker binds the program's calls to when the library comes before
// libtorch_cpu (LD_PRELOAD, or the link order aliasguard::torch_checked
// sets up). Each forwards to LibTorch's own definition.
//   at::print(ostream&, const Tensor&, int64_t)  `std::cout << t`: a read
//   at::print(const Tensor&, int64_t)            a read
//   TensorBase::data_ptr<T>() const               from the user's code: a read
//   TensorBase::data() / variable_data() / tensor_data()   a new impl sharing
//                                                 the storage: an alias
// Calls from inside LibTorch (kernels call data_ptr<T> through the PLT too)
// and from inside an observed op are passed straight on.
//
// The definitions are free functions named with the member functions'
// mangled names: on x86-64 a member function takes `this` as its first
// argument, after the hidden return slot of a class returned by value, as a
// free function taking the object's address does.
#include "torch/interpose.h"

#include "alias/report.h"
#include "torch/observer.h"
#include "torch/stack.h"
#include "torch/tracker.h"

#include <ATen/Parallel.h>
#include <ATen/core/TensorBase.h>

#include <dlfcn.h>

#include <ostream>
#include <string>

namespace ag::detail::torch_check {
namespace {

// LibTorch's definition of `symbol`, looked up in libtorch_cpu itself (not
// with RTLD_NEXT, which finds nothing when this library comes after it).
void *real_symbol(const char *symbol) {
  static void *handle = [] {
    Dl_info info;
    void *h = nullptr;
    if (dladdr(reinterpret_cast<void *>(&at::in_parallel_region), &info) && info.dli_fname)
      h = dlopen(info.dli_fname, RTLD_LAZY | RTLD_NOLOAD);
    return h;
  }();
  void *fn = handle ? dlsym(handle, symbol) : nullptr;
  if (!fn)
    alias::fatal_error(std::string("cannot find LibTorch's ") + symbol + " in libtorch_cpu");
  return fn;
}

template <typename Fn> Fn real(const char *symbol) {
  return reinterpret_cast<Fn>(real_symbol(symbol));
}

bool from_user(const void *caller) {
  return checking() && op_depth() == 0 && !in_library(caller);
}

void read_of(const char *op, const at::TensorBase &t) {
  if (!t.defined())
    return;
  c10::TensorImpl *impl = t.unsafeGetTensorImpl();
  LazyStack stack;
  on_reads(op, {&impl, 1}, stack);
}

constexpr const char kPrintStream[] = "_ZN2at5printERSoRKNS_6TensorEl";
constexpr const char kPrint[] = "_ZN2at5printERKNS_6TensorEl";
constexpr const char kData[] = "_ZNK2at10TensorBase4dataEv";
constexpr const char kVariableData[] = "_ZNK2at10TensorBase13variable_dataEv";
constexpr const char kTensorData[] = "_ZNK2at10TensorBase11tensor_dataEv";

at::TensorBase alias_call(const char *symbol, const char *op, const at::TensorBase *self,
                          const void *caller) {
  using Fn = at::TensorBase (*)(const at::TensorBase *);
  static_assert(sizeof(Fn) == sizeof(void *));
  at::TensorBase result = real<Fn>(symbol)(self);
  if (from_user(caller)) {
    LazyStack stack;
    on_result(op, *self, result, stack);
  }
  return result;
}

} // namespace
} // namespace ag::detail::torch_check

using namespace ag::detail::torch_check;

extern "C" {

[[gnu::visibility("default")]] std::ostream &
ag_torch_print_stream(std::ostream &out, const at::TensorBase &t, int64_t linesize) __asm__(
    "_ZN2at5printERSoRKNS_6TensorEl");
std::ostream &ag_torch_print_stream(std::ostream &out, const at::TensorBase &t,
                                    int64_t linesize) {
  using Fn = std::ostream &(*)(std::ostream &, const at::TensorBase &, int64_t);
  static Fn fn = real<Fn>(kPrintStream);
  if (from_user(__builtin_return_address(0)))
    read_of("operator<<", t);
  NestedScope nested;
  return fn(out, t, linesize);
}

[[gnu::visibility("default")]] void ag_torch_print(const at::TensorBase &t, int64_t linesize)
    __asm__("_ZN2at5printERKNS_6TensorEl");
void ag_torch_print(const at::TensorBase &t, int64_t linesize) {
  using Fn = void (*)(const at::TensorBase &, int64_t);
  static Fn fn = real<Fn>(kPrint);
  if (from_user(__builtin_return_address(0)))
    read_of("print", t);
  NestedScope nested;
  fn(t, linesize);
}

[[gnu::visibility("default")]] at::TensorBase ag_torch_data(const at::TensorBase *self)
    __asm__("_ZNK2at10TensorBase4dataEv");
at::TensorBase ag_torch_data(const at::TensorBase *self) {
  return alias_call(kData, "data", self, __builtin_return_address(0));
}

[[gnu::visibility("default")]] at::TensorBase ag_torch_variable_data(const at::TensorBase *self)
    __asm__("_ZNK2at10TensorBase13variable_dataEv");
at::TensorBase ag_torch_variable_data(const at::TensorBase *self) {
  return alias_call(kVariableData, "variable_data", self, __builtin_return_address(0));
}

[[gnu::visibility("default")]] at::TensorBase ag_torch_tensor_data(const at::TensorBase *self)
    __asm__("_ZNK2at10TensorBase11tensor_dataEv");
at::TensorBase ag_torch_tensor_data(const at::TensorBase *self) {
  return alias_call(kTensorData, "tensor_data", self, __builtin_return_address(0));
}

// data_ptr<T>() for the element types LibTorch exports it for.
#define AG_TORCH_DATA_PTR(NAME, MANGLED)                                                       \
  [[gnu::visibility("default")]] void *ag_torch_data_ptr_##NAME(const at::TensorBase *self)    \
      __asm__("_ZNK2at10TensorBase8data_ptrI" MANGLED "EEPT_v");                               \
  void *ag_torch_data_ptr_##NAME(const at::TensorBase *self) {                                 \
    using Fn = void *(*)(const at::TensorBase *);                                              \
    static Fn fn = real<Fn>("_ZNK2at10TensorBase8data_ptrI" MANGLED "EEPT_v");                 \
    if (__builtin_expect(from_user(__builtin_return_address(0)), 0))                           \
      read_of("data_ptr", *self);                                                              \
    return fn(self);                                                                           \
  }
AG_TORCH_DATA_PTR(float, "f")
AG_TORCH_DATA_PTR(double, "d")
AG_TORCH_DATA_PTR(int32, "i")
AG_TORCH_DATA_PTR(int64, "l")
AG_TORCH_DATA_PTR(int16, "s")
AG_TORCH_DATA_PTR(int8, "a")
AG_TORCH_DATA_PTR(uint8, "h")
AG_TORCH_DATA_PTR(bool, "b")
AG_TORCH_DATA_PTR(half, "N3c104HalfE")
AG_TORCH_DATA_PTR(bfloat16, "N3c108BFloat16E")
#undef AG_TORCH_DATA_PTR

} // extern "C"

namespace ag::detail::torch_check {

bool interposition_active() {
  // What the program's own calls bind to: LibTorch's definition when this
  // library comes after libtorch_cpu in the lookup order. (Our own address
  // of the function cannot tell: it is bound through the same lookup.)
  return dlsym(RTLD_DEFAULT, kPrintStream) != real_symbol(kPrintStream);
}

} // namespace ag::detail::torch_check
