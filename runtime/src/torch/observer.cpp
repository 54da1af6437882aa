// The LibTorch checker's entry: a RecordFunction global callback on every
// dispatcher op (FUNCTION scope, inputs and outputs), installed when the
// library is loaded (LD_PRELOAD or linked), configured by AG_ALIAS_OPTIONS.
//
// Built with NDEBUG: RecordFunction::inputs() asserts in debug builds (the
// assertion's exception is swallowed by RecordFunction and the check would
// silently do nothing); the start-up self-test catches any such breakage.
#include "torch/observer.h"

#include "alias/report.h"
#include "torch/interpose.h"
#include "torch/op_model.h"
#include "torch/stack.h"
#include "torch/tracker.h"

#include <ATen/ATen.h>
#include <ATen/Parallel.h>
#include <ATen/core/dispatch/Dispatcher.h>
#include <ATen/record_function.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <unordered_map>
#include <vector>

#include <unistd.h>

#ifndef NDEBUG
#error "the LibTorch observer must be built with -DNDEBUG (RecordFunction::inputs() asserts otherwise)"
#endif

namespace ag::detail::torch_check {

namespace {

// Constant-initialized: valid whenever the loader runs our start-up.
bool g_checking = false;

// The outermost op of this thread, between its start and end callbacks.
struct TopOp {
  const OpModel *model = nullptr;
  std::vector<c10::TensorImpl *> reads, writes;
  std::vector<std::pair<int, at::Tensor>> alias_inputs; // (argument, tensor)
  LazyStack stack; // the user's stack at this op: unwound at most once
};

// A recently seen op's model, by the schema's name pointer.
using RecentModels = std::array<std::pair<const char *, const OpModel *>, 256>;

// All of a thread's state in one thread_local, reached through one call per
// callback: in a shared library each access of a thread_local is a call of
// __tls_get_addr, and the compiler recomputes the address at every use rather
// than keep it (14 calls in on_start). It cannot recompute a call's result.
// (The initial-exec TLS model would avoid the calls but makes the library
// fail to load with dlopen.)
struct ThreadState {
  int depth = 0; // nesting of ops: 1 inside a top-level op
  TopOp top;
  RecentModels recent{};
};
[[gnu::noinline]] ThreadState &thread_state() {
  thread_local ThreadState state;
  return state;
}

const OpModel &unobserved_model() {
  static const OpModel m;
  return m;
}

// Models by the schema's name pointer, stable for a registered operator.
struct ModelCache {
  std::mutex mutex;
  std::unordered_map<const char *, std::unique_ptr<OpModel>> by_name;
};
ModelCache &model_cache() {
  static ModelCache *c = new ModelCache; // never destroyed: ops run during static destruction
  return *c;
}

const OpModel &model_for(const at::RecordFunction &fn, RecentModels &recent) {
  const char *name = fn.name();
  auto &slot = recent[(reinterpret_cast<uintptr_t>(name) >> 4) % recent.size()];
  if (slot.first == name)
    return *slot.second;
  ModelCache &cache = model_cache();
  {
    std::lock_guard<std::mutex> lock(cache.mutex);
    auto it = cache.by_name.find(name);
    if (it != cache.by_name.end()) {
      slot = {name, it->second.get()};
      return *it->second;
    }
  }
  // A RecordFunction named by a string, not a schema (no operator): nothing
  // to classify, and its name pointer is not stable.
  c10::optional<c10::FunctionSchema> schema = fn.operator_schema();
  if (!schema)
    return unobserved_model();
  bool inplace_view = false;
  if (auto op = c10::Dispatcher::singleton().findOp(schema->operator_name()))
    inplace_view = op->hasTag(at::Tag::inplace_view);
  auto model = std::make_unique<OpModel>(model_of(*schema, inplace_view));
  std::lock_guard<std::mutex> lock(cache.mutex);
  auto [it, inserted] = cache.by_name.emplace(name, std::move(model));
  slot = {name, it->second.get()};
  return *it->second;
}

void collect(const c10::IValue &v, std::vector<c10::TensorImpl *> &out) {
  if (v.isTensor()) {
    if (v.toTensor().defined())
      out.push_back(v.toTensor().unsafeGetTensorImpl());
  } else if (v.isTensorList()) {
    for (const at::Tensor &t : v.toTensorList())
      if (t.defined())
        out.push_back(t.unsafeGetTensorImpl());
  } else if (v.isList()) {
    for (const c10::IValue &e : v.toListRef())
      collect(e, out);
  }
}

std::unique_ptr<at::ObserverContext> on_start(const at::RecordFunction &fn) {
  ThreadState &ts = thread_state();
  if (ts.depth++ != 0)
    return nullptr;
  TopOp &top = ts.top;
  top.model = nullptr;
  // Ops run by LibTorch's own worker threads are parts of an op.
  if (!g_checking || at::in_parallel_region())
    return nullptr;
  const OpModel &model = model_for(fn, ts.recent);
  if (!model.observed)
    return nullptr;
  top.model = &model;
  top.reads.clear();
  top.writes.clear();
  top.alias_inputs.clear();
  top.stack.reset();
  c10::ArrayRef<const c10::IValue> inputs = fn.inputs();
  for (size_t i = 0; i < inputs.size() && i < model.args.size(); ++i) {
    switch (model.args[i]) {
    case Role::Read: collect(inputs[i], top.reads); break;
    case Role::Write: collect(inputs[i], top.writes); break;
    case Role::Alias:
      if (model.has_views && inputs[i].isTensor())
        top.alias_inputs.emplace_back(int(i), inputs[i].toTensor());
      break;
    case Role::None: break;
    }
  }
  if (!top.reads.empty()) {
    if (model.elementwise_inplace && !top.writes.empty())
      on_elementwise_inplace(model.name.c_str(), top.writes, top.reads, top.stack);
    on_reads(model.name.c_str(), top.reads, top.stack);
  }
  return nullptr;
}

void results(const OpModel &model, const at::Tensor &base, const c10::IValue &out,
             LazyStack &stack) {
  auto one = [&](const at::Tensor &r) {
    if (!on_result(model.name.c_str(), base, r, stack)) {
      // A may-view op that copied (to, contiguous, reshape): it read base.
      c10::TensorImpl *impl = base.unsafeGetTensorImpl();
      on_reads(model.name.c_str(), {&impl, 1}, stack);
      if (model.may_copy_view)
        on_copied_instead_of_view(model.name.c_str(), base, r, stack);
    }
  };
  if (out.isTensor())
    one(out.toTensor());
  else if (out.isTensorList())
    for (const at::Tensor &r : out.toTensorList())
      one(r);
  else if (out.isList())
    for (const c10::IValue &e : out.toListRef())
      if (e.isTensor())
        one(e.toTensor());
}

void on_end(const at::RecordFunction &fn, at::ObserverContext *) {
  ThreadState &ts = thread_state();
  if (--ts.depth != 0)
    return;
  TopOp &top = ts.top;
  const OpModel *model = top.model;
  if (!model)
    return;
  top.model = nullptr;
  if (!top.writes.empty())
    on_writes(model->name.c_str(), top.writes, top.stack);
  if (model->has_views) {
    const std::vector<c10::IValue> &outputs = fn.outputs();
    for (size_t j = 0; j < outputs.size() && j < model->view_of.size(); ++j) {
      int of = model->view_of[j];
      for (const auto &[arg, base] : top.alias_inputs)
        if (arg == of)
          results(*model, base, outputs[j], top.stack);
    }
    top.alias_inputs.clear();
  }
}

// A view written, then its base read: the observer must see it, or the
// check would silently find nothing (RecordFunction disabled in this
// LibTorch build, an assertion swallowed in the callback, ...).
void self_test() {
  begin_self_test();
  {
    at::Tensor base = at::zeros({4});
    at::Tensor view = base.view({2, 2});
    view.add_(1);
    (void)base.sum();
  }
  if (end_self_test() != 1)
    alias::fatal_error("the LibTorch observer does not see ops (RecordFunction callbacks are "
                       "not called with inputs in this process): nothing would be checked");
}

void at_exit_check() {
  // Removing our callback (at::clearCallbacks) or disabling RecordFunction
  // on the main thread stops the check without a sound: say so.
  if (!at::hasGlobalCallbacks())
    alias::fatal_error("the LibTorch observer was removed during the run (at::clearCallbacks or "
                       "at::removeCallback): the ops after that were not checked");
  if (!at::isRecordFunctionEnabled())
    alias::fatal_error("RecordFunction was disabled on the main thread "
                       "(at::enableRecordFunction(false)): its ops were not checked");
}

struct Startup {
  Startup() {
    alias::Options options = alias::configure_from_environment();
    if (!options.enabled)
      return;
    init_library_ranges();
    at::addGlobalCallback(at::RecordFunctionCallback(on_start, on_end)
                              .needsInputs(true)
                              .needsOutputs(true)
                              .scopes({at::RecordScope::FUNCTION}));
    g_checking = true;
    self_test();
    if (!interposition_active())
      std::fprintf(stderr,
                   "==%d==WARNING: aliasguard: libaliasguard_torch.so comes after libtorch_cpu in "
                   "the link order: reads by operator<< and data_ptr<T>() and .data() handles "
                   "are not seen (link aliasguard::torch_checked, or use LD_PRELOAD)\n",
                   int(getpid()));
    std::atexit(at_exit_check);
  }
};

} // namespace

bool checking() { return g_checking; }
int op_depth() { return thread_state().depth; }
NestedScope::NestedScope() { ++thread_state().depth; }
NestedScope::~NestedScope() { --thread_state().depth; }

namespace {
// Last in this file: everything it uses above is constant-initialized or a
// function-local static.
Startup g_startup;
} // namespace

} // namespace ag::detail::torch_check
